import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AREA_KINDS, TOOTH_STATES } from '../../shared/chart/findings';
import { AppError } from '../../shared/contract';
import type { ProcedureOut } from '../../shared/contract/chairside';
import { currencyMinorDigits } from '../../shared/practice/money';
import { PROCEDURE_CATEGORIES } from '../../shared/procedures/catalog';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors } from '../ui/errors';
import { usePracticeMoney } from '../ui/format';
import { ErrorNotice, QueryState } from '../ui/QueryState';
import { CATALOG_KEY, CHART_KEY } from './keys';
import { CsvImport } from './CsvImport';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

/** Mutations on the catalog refresh the list and every open chart (which carries the catalog). */
export function useCatalogMutation<I, O>(fn: (input: I) => Promise<O>, onDone?: (out: O) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (out) => {
      onDone?.(out);
      await Promise.all([queryClient.invalidateQueries({ queryKey: CATALOG_KEY }), queryClient.invalidateQueries({ queryKey: CHART_KEY })]);
    },
  });
}

/** Digits after the decimal point of the practice's currency (CLP has none). */
export function useCurrency() {
  const currency = useAppStatus().practice?.currency ?? 'USD';
  return { currency, digits: currencyMinorDigits(currency) };
}

export function CatalogSection() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<ProcedureOut | 'new' | null>(null);
  const money = usePracticeMoney();
  const list = useQuery({ queryKey: CATALOG_KEY, queryFn: () => client['chart.procedures.list']({ includeInactive: true }) });
  const deactivate = useCatalogMutation((code: string) => client['chart.procedures.deactivate']({ code }));
  const lang = i18n.language === 'en' ? 'en' : 'es';

  if (!status.session?.permissions.includes('settings.manage')) {
    return <ErrorNotice error={new AppError('FORBIDDEN', 'errors.FORBIDDEN', { params: { permission: 'settings.manage' } })} />;
  }
  const fee = (minor: number | null) => (minor === null ? t('clinicalSetup.catalog.noFee') : money.format(minor));

  return (
    <div className="sl-stack">
      <div className="sa-row">
        <Button variant="primary" onClick={() => setEditing('new')}>
          {t('clinicalSetup.catalog.add')}
        </Button>
        <label className="sl-inline">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          {t('clinicalSetup.catalog.showInactive')}
        </label>
      </div>
      {editing ? <ProcedureForm key={editing === 'new' ? 'new' : editing.id} initial={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      {deactivate.error ? <Alert tone="error">{errorMessage(deactivate.error)}</Alert> : null}
      <QueryState query={list}>
        {(rows) => {
          const shown = rows.filter((p) => showInactive || p.active);
          if (shown.length === 0) return <p className="sl-meta">{t('clinicalSetup.catalog.empty')}</p>;
          return (
            <div className="table-wrap">
              <table className="table table-dense" aria-label={t('clinicalSetup.catalog.title')}>
                <thead>
                  <tr>
                    <th scope="col">{t('clinicalSetup.catalog.columns.code')}</th>
                    <th scope="col">{t('clinicalSetup.catalog.columns.name')}</th>
                    <th scope="col">{t('clinicalSetup.catalog.columns.area')}</th>
                    <th scope="col">{t('clinicalSetup.catalog.columns.fee')}</th>
                    <th scope="col">{t('clinicalSetup.catalog.columns.state')}</th>
                    <th scope="col">{t('clinicalSetup.catalog.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => (
                    <tr key={p.id}>
                      <td>{p.code}</td>
                      <td>{p.name[lang]}</td>
                      <td>{t(`chart.areas.${p.area}`)}</td>
                      <td>{fee(p.feeMinor)}</td>
                      <td>{p.active ? t('clinicalSetup.catalog.active') : t('clinicalSetup.catalog.inactive')}</td>
                      <td>
                        <div className="sa-row">
                          <Button size="sm" icon="edit" aria-label={t('clinicalSetup.catalog.editOf', { code: p.code })} onClick={() => setEditing(p)}>
                            {t('notes.edit')}
                          </Button>
                          {p.active ? (
                            <Button size="sm" aria-label={t('clinicalSetup.catalog.deactivateOf', { code: p.code })} busy={deactivate.isPending && deactivate.variables === p.code} onClick={() => deactivate.mutate(p.code)}>
                              {t('scheduleAdmin.common.deactivate')}
                            </Button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
      <CsvImport />
    </div>
  );
}

interface Draft {
  code: string;
  es: string;
  en: string;
  kind: ProcedureOut['kind'];
  category: ProcedureOut['category'];
  area: ProcedureOut['area'];
  surfacesRequired: boolean;
  resultsIn: ProcedureOut['resultsIn'];
  fee: string;
  active: boolean;
}

const FIELD_PATHS = ['code', 'name.es', 'name.en', 'kind', 'category', 'area', 'surfacesRequired', 'resultsIn', 'feeMinor'];

function ProcedureForm({ initial, onDone }: { initial: ProcedureOut | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { currency, digits } = useCurrency();
  const [draft, setDraft] = useState<Draft>(() => ({
    code: initial?.code ?? '',
    es: initial?.name.es ?? '',
    en: initial?.name.en ?? '',
    kind: initial?.kind ?? 'procedure',
    category: initial?.category ?? 'other',
    area: initial?.area ?? 'tooth',
    surfacesRequired: initial?.surfacesRequired ?? false,
    resultsIn: initial?.resultsIn ?? null,
    fee: initial?.feeMinor == null ? '' : String(initial.feeMinor / 10 ** digits),
    active: initial?.active ?? true,
  }));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = useCatalogMutation(
    () => {
      const text = draft.fee.trim().replace(',', '.');
      const fee = text === '' ? null : Number(text);
      if (fee !== null && (!Number.isFinite(fee) || fee < 0)) {
        throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { feeMinor: 'validation.invalid' } });
      }
      return client['chart.procedures.upsert']({
        code: draft.code,
        name: { es: draft.es, en: draft.en },
        kind: draft.kind,
        category: draft.category,
        area: draft.area,
        surfacesRequired: draft.surfacesRequired,
        resultsIn: draft.resultsIn,
        feeMinor: fee === null ? null : Math.round(fee * 10 ** digits),
        active: draft.active,
        ...(initial ? { surfaceCount: initial.surfaceCount, teeth: initial.teeth } : {}),
      });
    },
    () => onDone(),
  );
  const errors = fieldErrors(save.error);
  const title = initial ? t('clinicalSetup.catalog.editTitle', { code: initial.code }) : t('clinicalSetup.catalog.newTitle');
  const stray = save.error && Object.keys(errors).some((k) => !FIELD_PATHS.includes(k)) ? save.error : save.error && Object.keys(errors).length === 0 ? save.error : null;
  return (
    <form
      className="sl-form"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate(undefined);
      }}
    >
      <h4 className="section-title">{title}</h4>
      <div className="form-grid form-grid-3">
        <Field label={t('clinicalSetup.catalog.code')} error={errors.code}>
          {(control) => <input {...control} className="input" value={draft.code} readOnly={initial !== null} onChange={(e) => set({ code: e.target.value })} />}
        </Field>
        <Field label={t('clinicalSetup.catalog.nameEs')} error={errors['name.es']}>
          {(control) => <input maxLength={maxLengthAt(contract['chart.procedures.upsert'].input, 'name.es')} {...control} className="input" value={draft.es} onChange={(e) => set({ es: e.target.value })} />}
        </Field>
        <Field label={t('clinicalSetup.catalog.nameEn')} error={errors['name.en']}>
          {(control) => <input maxLength={maxLengthAt(contract['chart.procedures.upsert'].input, 'name.en')} {...control} className="input" value={draft.en} onChange={(e) => set({ en: e.target.value })} />}
        </Field>
        <Field label={t('clinicalSetup.catalog.kind')} error={errors.kind}>
          {(control) => (
            <select {...control} className="select" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
              {(['procedure', 'condition'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`clinicalSetup.catalog.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('clinicalSetup.catalog.category')} error={errors.category}>
          {(control) => (
            <select {...control} className="select" value={draft.category} onChange={(e) => set({ category: e.target.value as Draft['category'] })}>
              {PROCEDURE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`clinicalSetup.catalog.categories.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('clinicalSetup.catalog.area')} error={errors.area}>
          {(control) => (
            <select {...control} className="select" value={draft.area} onChange={(e) => set({ area: e.target.value as Draft['area'] })}>
              {AREA_KINDS.map((a) => (
                <option key={a} value={a}>
                  {t(`chart.areas.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('clinicalSetup.catalog.resultsIn')} optional="quiet" error={errors.resultsIn}>
          {(control) => (
            <select {...control} className="select" value={draft.resultsIn ?? ''} onChange={(e) => set({ resultsIn: (e.target.value || null) as Draft['resultsIn'] })}>
              <option value="">{t('clinicalSetup.catalog.resultsInNone')}</option>
              {TOOTH_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`chart.states.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('clinicalSetup.catalog.fee', { currency })} optional="quiet" hint={t('clinicalSetup.catalog.feeHint')} error={errors.feeMinor}>
          {(control) => <input {...control} className="input" inputMode="decimal" value={draft.fee} onChange={(e) => set({ fee: e.target.value })} />}
        </Field>
        <div className="field">
          <label className="sl-inline">
            <input type="checkbox" checked={draft.surfacesRequired} aria-invalid={errors.surfacesRequired ? true : undefined} onChange={(e) => set({ surfacesRequired: e.target.checked })} />
            {t('clinicalSetup.catalog.surfacesRequired')}
          </label>
          {errors.surfacesRequired ? <p className="field-error">{errors.surfacesRequired}</p> : null}
          <label className="sl-inline">
            <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} />
            {t('clinicalSetup.catalog.active')}
          </label>
        </div>
      </div>
      {stray ? <Alert tone="error">{errorMessage(stray)}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('clinicalSetup.save')}
        </Button>
        <Button onClick={onDone}>{t('clinicalSetup.catalog.cancel')}</Button>
      </div>
    </form>
  );
}
