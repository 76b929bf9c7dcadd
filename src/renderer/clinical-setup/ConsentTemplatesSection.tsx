import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentTemplate } from '../../shared/contract/consent';
import { CONSENT_PROCEDURE_TYPES, CONSENT_VARIABLES, CONSENT_VARIABLE_NAMES } from '../../shared/consent/placeholders';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { translateKey } from '../app/i18n';
import { useLanguage } from '../schedule-lists/shared';
import { SetupTable } from '../schedule-admin/SetupTable';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors, formError } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { CONSENT_TEMPLATES_KEY } from './keys';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

interface Draft {
  procedureType: string;
  language: Language;
  title: string;
  body: string;
  active: boolean;
}

/** A known procedure type in words; one the practice typed itself, as typed. */
function procedureTypeName(type: string): string {
  return (CONSENT_PROCEDURE_TYPES as readonly string[]).includes(type) ? translateKey(`consent.admin.procedureTypes.${type}`) : type;
}

function useTemplateSave() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft & { id?: string; sortOrder?: number }) => client['consent.templates.save'](input),
    // The consent form reads ['consent', 'templates'] and its previews ['consent', 'preview'…]: refresh both.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [CONSENT_TEMPLATES_KEY[0]] }),
  });
}

/** Consent templates per procedure type and language. Signed consents keep their own text (main guarantees it). */
export function ConsentTemplatesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const uiLanguage = useLanguage();
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [editing, setEditing] = useState<ConsentTemplate | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const list = useQuery({ queryKey: [...CONSENT_TEMPLATES_KEY, language, 'all'], queryFn: () => client['consent.templates.list']({ language, includeInactive: true }) });
  const toggle = useTemplateSave();
  const open = (what: ConsentTemplate | 'new') => {
    setSaved(false);
    setEditing(what);
  };

  return (
    <div className="sl-stack">
      <p className="sl-meta">{t('consent.admin.intro')}</p>
      <Alert tone="info">{t('consent.admin.signedUnchanged')}</Alert>
      <div className="sa-row">
        <Field label={t('consent.admin.language')}>
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
        <Button variant="primary" onClick={() => open('new')}>
          {t('consent.admin.add')}
        </Button>
      </div>
      {editing ? (
        <TemplateForm
          key={editing === 'new' ? `new-${language}` : editing.id}
          template={editing === 'new' ? null : editing}
          language={language}
          onDone={(ok) => {
            setSaved(ok);
            setEditing(null);
          }}
        />
      ) : null}
      {saved ? <Alert tone="success">{t('consent.admin.saved')}</Alert> : null}
      {toggle.error ? <Alert tone="error">{errorMessage(toggle.error)}</Alert> : null}
      <QueryState query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="sl-meta">{t('consent.admin.empty')}</p>
          ) : (
            <SetupTable<ConsentTemplate>
              caption={t('consent.admin.title')}
              rows={rows}
              columns={[
                { header: t('consent.admin.columns.procedureType'), cell: (x) => procedureTypeName(x.procedureType) },
                { header: t('consent.admin.columns.title'), cell: (x) => x.title },
                { header: t('consent.admin.columns.state'), cell: (x) => (x.active ? t('consent.admin.active') : t('consent.admin.inactive')) },
                {
                  header: null,
                  className: 'num sl-row-actions',
                  cell: (x) => (
                    <div className="sa-row">
                      <Button size="sm" icon="edit" aria-label={t('consent.admin.editOf', { title: x.title })} onClick={() => open(x)}>
                        {t('consent.admin.editLabel')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t(x.active ? 'consent.admin.deactivateOf' : 'consent.admin.activateOf', { title: x.title })}
                        busy={toggle.isPending && toggle.variables?.id === x.id}
                        onClick={() => toggle.mutate({ id: x.id, procedureType: x.procedureType, language: x.language, title: x.title, body: x.body, sortOrder: x.sortOrder, active: !x.active })}
                      >
                        {x.active ? t('consent.admin.deactivate') : t('consent.admin.activate')}
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          )
        }
      </QueryState>
    </div>
  );
}

function TemplateForm({ template, language, onDone }: { template: ConsentTemplate | null; language: Language; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const typesId = useId();
  const placeholdersId = useId();
  const [draft, setDraft] = useState<Draft>(
    template ? { procedureType: template.procedureType, language: template.language, title: template.title, body: template.body, active: template.active } : { procedureType: '', language, title: '', body: '', active: true },
  );
  const save = useTemplateSave();
  const errors = fieldErrors(save.error);
  const topError = formError(save.error, ['procedureType', 'language', 'title', 'body']);
  const title = template ? t('consent.admin.editOf', { title: template.title }) : t('consent.admin.newTitle');
  const names = CONSENT_VARIABLE_NAMES[draft.language];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    save.mutate({ ...draft, ...(template ? { id: template.id, sortOrder: template.sortOrder } : {}) }, { onSuccess: () => onDone(true) });
  };
  return (
    <form className="sl-form card" noValidate aria-label={title} onSubmit={onSubmit}>
      <h3 className="card-title">{title}</h3>
      <div className="form-grid">
        <Field label={t('consent.admin.procedureType')} hint={t('consent.admin.procedureTypeHint')} error={errors.procedureType}>
          {(control) => (
            <>
              <input maxLength={maxLengthAt(contract['consent.templates.save'].input, 'procedureType')} {...control} className="input" list={typesId} value={draft.procedureType} onChange={(e) => setDraft({ ...draft, procedureType: e.target.value })} />
              <datalist id={typesId}>
                {CONSENT_PROCEDURE_TYPES.map((type) => (
                  <option key={type} value={type} label={procedureTypeName(type)} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('consent.admin.templateLanguage')} error={errors.language}>
          {(control) => (
            <select {...control} className="select" value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value as Language })}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('consent.admin.titleField')} error={errors.title} className="consent-admin-title">
          {(control) => <input maxLength={maxLengthAt(contract['consent.templates.save'].input, 'title')} {...control} className="input" lang={draft.language} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
        </Field>
      </div>
      <div className="consent-admin-body">
        <Field label={t('consent.admin.body')} error={errors.body}>
          {(control) => (
            <textarea maxLength={maxLengthAt(contract['consent.templates.save'].input, 'body')}
              {...control}
              aria-describedby={[control['aria-describedby'], placeholdersId].filter(Boolean).join(' ')}
              className="input textarea"
              lang={draft.language}
              rows={14}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            />
          )}
        </Field>
        <aside className="consent-admin-placeholders" aria-labelledby={`${placeholdersId}-title`}>
          <h4 id={`${placeholdersId}-title`} className="field-label">
            {t('consent.admin.placeholders')}
          </h4>
          <div id={placeholdersId}>
            <p className="sl-meta">{t('consent.admin.placeholdersIntro')}</p>
            <dl>
              {CONSENT_VARIABLES.map((v) => (
                <div key={v} className="consent-admin-variable">
                  <dt>
                    <code>{`{${names[v]}}`}</code>
                  </dt>
                  <dd>{t(`consent.admin.variables.${v}`)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </aside>
      </div>
      <label className="sl-inline">
        <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
        {t('consent.admin.isActive')}
      </label>
      <p className="field-hint">{t('consent.admin.signedUnchanged')}</p>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('consent.admin.save')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('consent.admin.cancel')}</Button>
      </div>
    </form>
  );
}
