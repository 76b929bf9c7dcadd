import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecallType } from '../../shared/contract/recall';
import { fold } from '../../shared/text/fold';
import { useClient } from '../app/client';
import { useLanguage } from '../schedule-lists/shared';
import { SetupTable } from '../schedule-admin/SetupTable';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors, formError } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { CATALOG_KEY, RECALL_TYPES_KEY } from './keys';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

interface Draft {
  name: { es: string; en: string };
  intervalMonths: string;
  triggerCodes: string[];
  active: boolean;
}

function useRecallTypeSave() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; sortOrder?: number; name: { es: string; en: string }; intervalMonths: number; triggerCodes: string[]; active: boolean }) => client['recall.types.save'](input),
    // Under 'schedule' like the recall list, so the list's type filter and patients' recalls refresh too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RECALL_TYPES_KEY.slice(0, 2) }),
  });
}

/** Recall types: how often, and which completed procedures start the count. */
export function RecallTypesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const [editing, setEditing] = useState<RecallType | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const list = useQuery({ queryKey: [...RECALL_TYPES_KEY, 'all'], queryFn: () => client['recall.types.list']({ includeInactive: true }) });
  const toggle = useRecallTypeSave();
  const open = (what: RecallType | 'new') => {
    setSaved(false);
    setEditing(what);
  };
  return (
    <div className="sl-stack">
      <p className="sl-meta">{t('recall.admin.intro')}</p>
      <div className="sa-row">
        <Button variant="primary" onClick={() => open('new')}>
          {t('recall.admin.add')}
        </Button>
      </div>
      {editing ? (
        <RecallTypeForm
          key={editing === 'new' ? 'new' : editing.id}
          type={editing === 'new' ? null : editing}
          onDone={(ok) => {
            setSaved(ok);
            setEditing(null);
          }}
        />
      ) : null}
      {saved ? <Alert tone="success">{t('recall.admin.saved')}</Alert> : null}
      {toggle.error ? <Alert tone="error">{errorMessage(toggle.error)}</Alert> : null}
      <QueryState query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="sl-meta">{t('recall.admin.empty')}</p>
          ) : (
            <SetupTable<RecallType>
              caption={t('recall.admin.title')}
              rows={rows}
              columns={[
                { header: t('recall.admin.columns.name'), cell: (r) => r.name[language] },
                { header: t('recall.admin.columns.interval'), cell: (r) => t('recall.months', { count: r.intervalMonths }) },
                { header: t('recall.admin.columns.triggers'), cell: (r) => (r.triggerCodes.length ? r.triggerCodes.join(', ') : t('recall.admin.noTriggers')) },
                { header: t('recall.admin.columns.state'), cell: (r) => (r.active ? t('recall.admin.active') : t('recall.admin.inactive')) },
                {
                  header: null,
                  className: 'num sl-row-actions',
                  cell: (r) => (
                    <div className="sa-row">
                      <Button size="sm" icon="edit" aria-label={t('recall.admin.editOf', { name: r.name[language] })} onClick={() => open(r)}>
                        {t('recall.admin.editLabel')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t(r.active ? 'recall.admin.deactivateOf' : 'recall.admin.activateOf', { name: r.name[language] })}
                        busy={toggle.isPending && toggle.variables?.id === r.id}
                        onClick={() => toggle.mutate({ id: r.id, sortOrder: r.sortOrder, name: r.name, intervalMonths: r.intervalMonths, triggerCodes: r.triggerCodes, active: !r.active })}
                      >
                        {r.active ? t('recall.admin.deactivate') : t('recall.admin.activate')}
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

function RecallTypeForm({ type, onDone }: { type: RecallType | null; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const filterId = useId();
  const hintId = useId();
  const catalog = useQuery({ queryKey: CATALOG_KEY, queryFn: () => client['chart.procedures.list']({ includeInactive: true }) });
  const [draft, setDraft] = useState<Draft>(
    type ? { name: type.name, intervalMonths: String(type.intervalMonths), triggerCodes: type.triggerCodes, active: type.active } : { name: { es: '', en: '' }, intervalMonths: '6', triggerCodes: [], active: true },
  );
  const [filter, setFilter] = useState('');
  const save = useRecallTypeSave();
  const errors = fieldErrors(save.error);
  const topError = formError(save.error, ['name.es', 'name.en', 'intervalMonths', 'triggerCodes']);
  const title = type ? t('recall.admin.editOf', { name: type.name[language] }) : t('recall.admin.newTitle');
  const months = Number(draft.intervalMonths);
  const chosen = new Set(draft.triggerCodes.map((c) => c.toUpperCase()));
  const needle = fold(filter.trim());
  const procedures = (catalog.data ?? []).filter((p) => p.kind === 'procedure' && (p.active || chosen.has(p.code.toUpperCase())));
  const shown = needle ? procedures.filter((p) => fold(`${p.code} ${p.name.es} ${p.name.en}`).includes(needle)) : procedures;
  const toggleCode = (code: string, on: boolean) =>
    setDraft((d) => ({ ...d, triggerCodes: on ? [...d.triggerCodes, code] : d.triggerCodes.filter((c) => c.toUpperCase() !== code.toUpperCase()) }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    // An empty or broken number goes as 0 so main answers with its own message beside the field.
    const intervalMonths = Number.isInteger(months) ? months : 0;
    save.mutate({ name: draft.name, intervalMonths, triggerCodes: draft.triggerCodes, active: draft.active, ...(type ? { id: type.id, sortOrder: type.sortOrder } : {}) }, { onSuccess: () => onDone(true) });
  };
  return (
    <form className="sl-form card" noValidate aria-label={title} onSubmit={onSubmit}>
      <h3 className="card-title">{title}</h3>
      <div className="form-grid form-grid-3">
        <Field label={t('recall.admin.nameEs')} error={errors['name.es']}>
          {(control) => <input maxLength={maxLengthAt(contract['recall.types.save'].input, 'name.es')} {...control} className="input" lang="es" value={draft.name.es} onChange={(e) => setDraft({ ...draft, name: { ...draft.name, es: e.target.value } })} />}
        </Field>
        <Field label={t('recall.admin.nameEn')} error={errors['name.en']}>
          {(control) => <input maxLength={maxLengthAt(contract['recall.types.save'].input, 'name.en')} {...control} className="input" lang="en" value={draft.name.en} onChange={(e) => setDraft({ ...draft, name: { ...draft.name, en: e.target.value } })} />}
        </Field>
        <Field label={t('recall.admin.interval')} error={errors.intervalMonths}>
          {(control) => <input {...control} className="input" type="number" inputMode="numeric" min={1} max={60} step={1} value={draft.intervalMonths} onChange={(e) => setDraft({ ...draft, intervalMonths: e.target.value })} />}
        </Field>
      </div>
      <fieldset className="sl-stack" aria-describedby={hintId}>
        <legend className="field-label">
          {t('recall.admin.triggers')} <span className="muted">({t('recall.admin.chosen', { count: chosen.size })})</span>
        </legend>
        <p id={hintId} className="field-hint">
          {t('recall.admin.triggersHint', { months: t('recall.months', { count: Number.isInteger(months) && months > 0 ? months : 0 }) })}
        </p>
        <div className="field">
          <label className="field-label" htmlFor={filterId}>
            {t('recall.admin.filter')}
          </label>
          <input id={filterId} className="input" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <QueryState query={catalog}>
          {() =>
            shown.length === 0 ? (
              <p className="sl-meta">{t('recall.admin.filterEmpty')}</p>
            ) : (
              <ul className="recall-admin-codes">
                {shown.map((p) => (
                  <li key={p.id}>
                    <label className="sl-inline">
                      <input type="checkbox" checked={chosen.has(p.code.toUpperCase())} onChange={(e) => toggleCode(p.code, e.target.checked)} />
                      <span>
                        <code>{p.code}</code> {p.name[language]}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        {errors.triggerCodes ? <p className="field-error">{errors.triggerCodes}</p> : null}
      </fieldset>
      <label className="sl-inline">
        <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
        {t('recall.admin.isActive')}
      </label>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('recall.admin.save')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('recall.admin.cancel')}</Button>
      </div>
    </form>
  );
}
