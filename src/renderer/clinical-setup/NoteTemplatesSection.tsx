import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { noteTemplateSchema } from '../../shared/contract/chairside';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { NOTE_TEMPLATES_KEY } from './keys';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

type Template = z.infer<typeof noteTemplateSchema>;
type SectionDraft = Template['sections'][number];

export function NoteTemplatesSection() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'es');
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: [...NOTE_TEMPLATES_KEY, language, 'all'],
    queryFn: () => client['notes.templates.list']({ language, includeInactive: true }),
  });
  return (
    <div className="sl-stack">
      <div className="sa-row">
        <Field label={t('clinicalSetup.templates.language')}>
          {(control) => (
            <select {...control} className="select" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button onClick={() => setAdding(true)}>{t('clinicalSetup.templates.add')}</Button>
      </div>
      {adding ? (
        <TemplateEditor
          key={`new-${language}`}
          language={language}
          template={null}
          onDone={() => setAdding(false)}
        />
      ) : null}
      <QueryState query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="sl-meta">{t('clinicalSetup.templates.empty')}</p>
          ) : (
            <div className="sl-stack">
              {rows.map((tpl) => (
                <TemplateEditor key={`${tpl.id}-${tpl.updatedAt}`} language={language} template={tpl} />
              ))}
            </div>
          )
        }
      </QueryState>
    </div>
  );
}

function TemplateEditor({ template, language, onDone }: { template: Template | null; language: Language; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState(template?.name ?? t('clinicalSetup.templates.newName'));
  const [active, setActive] = useState(template?.active ?? true);
  const [sections, setSections] = useState<SectionDraft[]>(template?.sections ?? [{ key: 'section1', heading: '', placeholder: '' }]);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      client['notes.templates.save']({
        ...(template ? { id: template.id, sortOrder: template.sortOrder } : {}),
        name,
        language,
        active,
        sections,
      }),
    onMutate: () => setSaved(false),
    onSuccess: async () => {
      setSaved(true);
      onDone?.();
      await queryClient.invalidateQueries({ queryKey: NOTE_TEMPLATES_KEY });
    },
  });
  const errors = fieldErrors(save.error);
  const shown = ['name', ...sections.flatMap((_, i) => [`sections.${i}.heading`, `sections.${i}.placeholder`])];
  const topError = formError(save.error, shown);
  const title = t('clinicalSetup.templates.editOf', { name: template?.name ?? name });
  const setSection = (i: number, patch: Partial<SectionDraft>) => {
    setSaved(false);
    setSections((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  };
  const nextKey = () => {
    const used = new Set(sections.map((s) => s.key));
    let n = sections.length + 1;
    while (used.has(`section${n}`)) n++;
    return `section${n}`;
  };
  return (
    <form
      className="sl-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      <div className="form-grid">
        <Field label={t('clinicalSetup.templates.name')} error={errors.name}>
          {(control) => (
            <input maxLength={maxLengthAt(contract['notes.templates.save'].input, 'name')}
              {...control}
              className="input"
              value={name}
              onChange={(e) => {
                setSaved(false);
                setName(e.target.value);
              }}
            />
          )}
        </Field>
        <div className="field">
          <label className="sl-inline">
            <input
              type="checkbox"
              checked={active}
              onChange={(e) => {
                setSaved(false);
                setActive(e.target.checked);
              }}
            />
            {t('clinicalSetup.templates.active')}
          </label>
          {template?.isDefault ? <span className="sl-meta">{t('clinicalSetup.templates.default')}</span> : null}
        </div>
      </div>
      <fieldset className="sl-stack">
        <legend className="field-label">{t('clinicalSetup.templates.sections')}</legend>
        {sections.map((section, i) => (
          <div key={section.key} className="form-grid form-grid-3">
            <Field label={t('clinicalSetup.templates.heading', { n: i + 1 })} error={errors[`sections.${i}.heading`]}>
              {(control) => <input maxLength={maxLengthAt(contract['notes.templates.save'].input, 'sections.[].heading')} {...control} className="input" value={section.heading} onChange={(e) => setSection(i, { heading: e.target.value })} />}
            </Field>
            <Field label={t('clinicalSetup.templates.placeholder', { n: i + 1 })} optional="quiet" error={errors[`sections.${i}.placeholder`]}>
              {(control) => <input maxLength={maxLengthAt(contract['notes.templates.save'].input, 'sections.[].placeholder')} {...control} className="input" value={section.placeholder} onChange={(e) => setSection(i, { placeholder: e.target.value })} />}
            </Field>
            <div className="field">
              <Button
                size="sm"
                aria-label={t('clinicalSetup.templates.removeSection', { n: i + 1 })}
                aria-disabled={sections.length <= 1 || undefined}
                onClick={() => {
                  if (sections.length <= 1) return;
                  setSaved(false);
                  setSections((all) => all.filter((_, j) => j !== i));
                }}
              >
                {t('scheduleAdmin.common.remove')}
              </Button>
            </div>
          </div>
        ))}
        <div>
          <Button
            size="sm"
            onClick={() => {
              setSaved(false);
              setSections((all) => [...all, { key: nextKey(), heading: '', placeholder: '' }]);
            }}
          >
            {t('clinicalSetup.templates.addSection')}
          </Button>
        </div>
      </fieldset>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {saved ? <Alert tone="success">{t('clinicalSetup.saved')}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('clinicalSetup.save')}
        </Button>
        {onDone ? <Button onClick={onDone}>{t('clinicalSetup.catalog.cancel')}</Button> : null}
      </div>
    </form>
  );
}
