import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../shared/contract/prescriptions';
import { DRUG_CLASSES } from '../../shared/prescriptions/allergy-check';
import { useClient } from '../app/client';
import { useLanguage } from '../schedule-lists/shared';
import { SetupTable } from '../schedule-admin/SetupTable';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors, formError } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { MEDICINES_KEY } from './keys';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

type DrugClass = (typeof DRUG_CLASSES)[number];
type Pair = { es: string; en: string };
interface Draft {
  name: Pair;
  strength: string;
  dose: Pair;
  frequency: Pair;
  duration: Pair;
  classes: DrugClass[];
  active: boolean;
}

const EMPTY: Draft = { name: { es: '', en: '' }, strength: '', dose: { es: '', en: '' }, frequency: { es: '', en: '' }, duration: { es: '', en: '' }, classes: [], active: true };
const PAIRS = ['name', 'dose', 'frequency', 'duration'] as const;

function draftOf(m: Medicine): Draft {
  return { name: m.name, strength: m.strength, dose: m.dose, frequency: m.frequency, duration: m.duration, classes: m.classes, active: m.active };
}

/** Saving a medicine refreshes this list and the one the prescription form offers (same key prefix). */
function useMedicineSave() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft & { id?: string; sortOrder?: number }) => client['prescriptions.medicines.save'](input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MEDICINES_KEY }),
  });
}

/** The practice's medicine list: what the prescription form offers. Retired, never deleted. */
export function MedicinesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Medicine | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const list = useQuery({ queryKey: [...MEDICINES_KEY, 'all'], queryFn: () => client['prescriptions.medicines.list']({ includeInactive: true }) });
  const toggle = useMedicineSave();
  const label = (m: Medicine) => [m.name[language], m.strength].filter(Boolean).join(' ');

  return (
    <div className="sl-stack">
      <p className="sl-meta">{t('rx.admin.intro')}</p>
      <div className="sa-row">
        <Button
          variant="primary"
          onClick={() => {
            setSaved(false);
            setEditing('new');
          }}
        >
          {t('rx.admin.add')}
        </Button>
        <label className="sl-inline">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          {t('rx.admin.showInactive')}
        </label>
      </div>
      {editing ? (
        <MedicineForm
          key={editing === 'new' ? 'new' : editing.id}
          medicine={editing === 'new' ? null : editing}
          onDone={(ok) => {
            setSaved(ok);
            setEditing(null);
          }}
        />
      ) : null}
      {saved ? <Alert tone="success">{t('rx.admin.saved')}</Alert> : null}
      {toggle.error ? <Alert tone="error">{errorMessage(toggle.error)}</Alert> : null}
      <QueryState query={list}>
        {(rows) => {
          const shown = rows.filter((m) => showInactive || m.active);
          if (shown.length === 0) return <p className="sl-meta">{t('rx.admin.empty')}</p>;
          return (
            <SetupTable<Medicine>
              caption={t('rx.admin.title')}
              rows={shown}
              columns={[
                { header: t('rx.admin.columns.name'), cell: (m) => m.name[language] },
                { header: t('rx.admin.columns.strength'), cell: (m) => m.strength },
                { header: t('rx.admin.columns.dose'), cell: (m) => [m.dose[language], m.frequency[language], m.duration[language]].join(' · ') },
                { header: t('rx.admin.columns.classes'), cell: (m) => m.classes.map((c) => t(`rx.classes.${c}`)).join(', ') },
                { header: t('rx.admin.columns.state'), cell: (m) => (m.active ? t('rx.admin.active') : t('rx.admin.inactive')) },
                {
                  header: null,
                  className: 'num sl-row-actions',
                  cell: (m) => (
                    <div className="sa-row">
                      <Button size="sm" icon="edit" aria-label={t('rx.admin.editOf', { name: label(m) })} onClick={() => {
                          setSaved(false);
                          setEditing(m);
                        }}>
                        {t('rx.admin.editLabel')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t(m.active ? 'rx.admin.deactivateOf' : 'rx.admin.activateOf', { name: label(m) })}
                        busy={toggle.isPending && toggle.variables?.id === m.id}
                        onClick={() => toggle.mutate({ ...draftOf(m), id: m.id, sortOrder: m.sortOrder, active: !m.active })}
                      >
                        {m.active ? t('rx.admin.deactivate') : t('rx.admin.activate')}
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryState>
    </div>
  );
}

function MedicineForm({ medicine, onDone }: { medicine: Medicine | null; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const hintId = useId();
  const [draft, setDraft] = useState<Draft>(medicine ? draftOf(medicine) : EMPTY);
  const save = useMedicineSave();
  const errors = fieldErrors(save.error);
  const shown = [...PAIRS.flatMap((p) => [`${p}.es`, `${p}.en`]), 'strength', 'classes'];
  const topError = formError(save.error, shown);
  const title = medicine ? t('rx.admin.editOf', { name: [medicine.name[language], medicine.strength].filter(Boolean).join(' ') }) : t('rx.admin.newTitle');
  const setPair = (key: (typeof PAIRS)[number], lang: 'es' | 'en', value: string) => setDraft((d) => ({ ...d, [key]: { ...d[key], [lang]: value } }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    save.mutate({ ...draft, ...(medicine ? { id: medicine.id, sortOrder: medicine.sortOrder } : {}) }, { onSuccess: () => onDone(true) });
  };
  const pairField = (key: (typeof PAIRS)[number], lang: 'es' | 'en') => {
    const labelKey = `rx.admin.${key}${lang === 'es' ? 'Es' : 'En'}` as const;
    return (
      <Field key={`${key}.${lang}`} label={t(labelKey)} error={errors[`${key}.${lang}`]}>
        {(control) => <input maxLength={maxLengthAt(contract['prescriptions.medicines.save'].input, `${key}.${lang}`)} {...control} className="input" lang={lang} value={draft[key][lang]} onChange={(e) => setPair(key, lang, e.target.value)} />}
      </Field>
    );
  };
  return (
    <form className="sl-form card" noValidate aria-label={title} onSubmit={onSubmit}>
      <h3 className="card-title">{title}</h3>
      <div className="form-grid">
        {pairField('name', 'es')}
        {pairField('name', 'en')}
        <Field label={t('rx.admin.strength')} optional hint={t('rx.admin.strengthHint')} error={errors.strength}>
          {(control) => <input maxLength={maxLengthAt(contract['prescriptions.medicines.save'].input, 'strength')} {...control} className="input" value={draft.strength} onChange={(e) => setDraft({ ...draft, strength: e.target.value })} />}
        </Field>
        <div className="field">
          <label className="sl-inline">
            <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
            {t('rx.admin.isActive')}
          </label>
        </div>
        {pairField('dose', 'es')}
        {pairField('dose', 'en')}
        {pairField('frequency', 'es')}
        {pairField('frequency', 'en')}
        {pairField('duration', 'es')}
        {pairField('duration', 'en')}
      </div>
      <fieldset className="sl-stack" aria-describedby={hintId}>
        <legend className="field-label">{t('rx.admin.classes')}</legend>
        <p id={hintId} className="field-hint">
          {t('rx.admin.classesHint')}
        </p>
        <div className="rx-admin-classes">
          {DRUG_CLASSES.map((c) => (
            <label key={c} className="sl-inline">
              <input
                type="checkbox"
                checked={draft.classes.includes(c)}
                onChange={(e) => setDraft({ ...draft, classes: e.target.checked ? [...draft.classes, c] : draft.classes.filter((x) => x !== c) })}
              />
              {t(`rx.classes.${c}`)}
            </label>
          ))}
        </div>
        {errors.classes ? <p className="field-error">{errors.classes}</p> : null}
      </fieldset>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('rx.admin.save')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('rx.admin.cancel')}</Button>
      </div>
    </form>
  );
}
