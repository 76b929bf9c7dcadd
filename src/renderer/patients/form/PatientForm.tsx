import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, SEXES } from '../../../shared/contract/patients';
import type { PatientRecord } from '../../../shared/contract/patients';
import { DOCUMENT_TYPES, normalizeDocument } from '../../../shared/identity/documents';
import type { DocumentType } from '../../../shared/identity/documents';
import { ADULT_AGE, ageOn, todayIn } from '../../../shared/patients/age';
import { useClient } from '../../app/client';
import { translateKey } from '../../app/i18n';
import { useAppStatus } from '../../app/status';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/PanelFrame';
import { errorMessage, toAppError } from '../../ui/errors';
import { useFocusFirstInvalid } from '../../ui/useFocusInvalid';
import { AlertCheckboxes } from '../AlertCheckboxes';
import { patientKeys, useInvalidatePatients } from '../keys';
import { CoverageFields } from './CoverageFields';
import { DuplicateWarning } from './DuplicateWarning';
import type { DuplicateCandidate } from './DuplicateWarning';
import { patientFormErrors, shownPaths } from './errors';
import { draftFromForm } from './form-state';
import type { Gender, PatientFormState, Sex } from './form-state';
import { GuarantorFields, RelationshipSelect, tidyDocument } from './GuarantorFields';
import { PhonesFieldset } from './PhonesFieldset';
import { DateField } from '../../ui/DateField';
import { patientDraftSchema } from '../../../shared/contract/patients';
import { maxLengthAt } from '../../../shared/contract/text';

interface Props {
  mode: 'create' | 'edit';
  initial: PatientFormState;
  /** The patient being edited. */
  patientId?: string;
  onSaved: (record: PatientRecord) => void;
  onCancel: () => void;
  onOpenPatient: (id: string) => void;
}

type Outcome = { kind: 'saved'; record: PatientRecord } | { kind: 'duplicates'; candidates: DuplicateCandidate[] };

type TextKey = { [K in keyof PatientFormState]: PatientFormState[K] extends string ? K : never }[keyof PatientFormState];

/** Whole years on a YYYY-MM-DD that is a real, past date; null otherwise. */
function ageFrom(birthDate: string, today: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || birthDate > today || birthDate < '1900-01-01') return null;
  return ageOn(birthDate, today);
}

/**
 * Registering and editing a patient, in the panel. Main validates everything
 * and saves all or nothing; its errors come back per field and are shown
 * beside each one, with the keyboard put on the first. A new patient is first
 * checked against likely duplicates.
 */
export function PatientForm({ mode, initial, patientId, onSaved, onCancel, onOpenPatient }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const invalidate = useInvalidatePatients();
  const status = useAppStatus();
  const practice = status.practice;
  const country = practice?.country ?? 'CL';
  const today = todayIn(practice?.timeZone ?? 'UTC');
  const formRef = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<PatientFormState>(initial);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  /** Message keys for what leaving a field found wrong (a RUT's check digit), said before any save; main still checks everything. */
  const [checked, setChecked] = useState<Record<string, string>>({});
  const phoneRowsRef = useRef<number[]>([]);
  const create = mode === 'create';

  const set = (patch: Partial<PatientFormState>) => setState((s) => ({ ...s, ...patch }));

  const submit = useMutation({
    mutationFn: async ({ force }: { force: boolean }): Promise<Outcome> => {
      const { draft, phoneRows } = draftFromForm(state);
      phoneRowsRef.current = phoneRows;
      if (!create && patientId) return { kind: 'saved', record: await client['patients.update']({ id: patientId, draft }) };
      if (!force) {
        const candidates = await client['patients.findDuplicates']({ draft });
        if (candidates.length > 0) return { kind: 'duplicates', candidates };
      }
      return { kind: 'saved', record: await client['patients.create']({ draft, alerts: state.alerts }) };
    },
    onMutate: () => {
      setDuplicates(null);
      setChecked({});
    },
    onSuccess: async (outcome) => {
      if (outcome.kind === 'duplicates') {
        setDuplicates(outcome.candidates);
        return;
      }
      queryClient.setQueryData(patientKeys.record(outcome.record.id), outcome.record);
      await invalidate();
      onSaved(outcome.record);
    },
  });

  const errors = patientFormErrors(submit.error, phoneRowsRef.current);
  const shown = shownPaths(state, create);
  const stray = Object.entries(errors).filter(([path]) => !shown.has(path));
  const err = (path: string) => errors[path] ?? (checked[path] ? translateKey(checked[path]) : undefined);
  useFocusFirstInvalid(formRef, submit.error);

  const age = ageFrom(state.birthDate, today);
  const minor = age !== null && age < ADULT_AGE;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!submit.isPending) submit.mutate({ force: false });
  };

  const text = (
    name: TextKey,
    label: string,
    path: string,
    options: { optional?: boolean | 'quiet'; hint?: string; type?: 'text' | 'email' | 'tel'; autoComplete?: string; className?: string; onBlur?: () => void; onChange?: () => void } = {},
  ) => (
    <Field label={label} error={err(path)} optional={options.optional} hint={options.hint} className={options.className}>
      {(control) => (
        <input maxLength={maxLengthAt(patientDraftSchema, path)}
          {...control}
          className="input"
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          spellCheck={false}
          value={state[name]}
          onChange={(e) => {
            set({ [name]: e.target.value });
            options.onChange?.();
          }}
          onBlur={options.onBlur}
        />
      )}
    </Field>
  );

  const topError = submit.error ? (
    <Alert tone="error" title={toAppError(submit.error).value.code === 'VALIDATION' || Object.keys(errors).length > 0 ? t('errors.VALIDATION') : errorMessage(submit.error)}>
      {stray.length > 0 ? (
        <ul className="error-list">
          {stray.map(([path, message]) => (
            <li key={path}>{message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  ) : null;

  return (
    <form ref={formRef} className="patient-form" onSubmit={onSubmit} noValidate aria-label={create ? t('patients.new') : t('patients.edit')}>
      <Section title={t('patientForm.namesSection')}>
        <div className="form-grid">
          {text('givenNames', t('patientForm.givenNames'), 'givenNames', { autoComplete: 'off' })}
          {text('firstSurname', t('patientForm.firstSurname'), 'firstSurname')}
          {text('secondSurname', t('patientForm.secondSurname'), 'secondSurname', { optional: true })}
          {text('preferredName', t('patientForm.preferredName'), 'preferredName', { optional: true, hint: t('patientForm.preferredNameHint') })}
        </div>
      </Section>

      <Section title={t('patientForm.identitySection')}>
        <div className="form-grid">
          <Field label={t('patientForm.documentType')} optional="quiet">
            {(control) => (
              <select
                {...control}
                className="select"
                value={state.documentType}
                onChange={(e) => {
                  set({ documentType: e.target.value as DocumentType });
                  setChecked(({ 'document.number': _, ...rest }) => rest);
                }}
              >
                {DOCUMENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`documents.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('documentNumber', t('patientForm.documentNumber'), 'document.number', {
            optional: 'quiet',
            hint: state.documentType === 'RUT' ? t('patientForm.rutHint') : undefined,
            onBlur: () => {
              set({ documentNumber: tidyDocument(state.documentType, state.documentNumber) });
              const wrong = state.documentNumber.trim() !== '' && normalizeDocument(state.documentType, state.documentNumber) === null;
              setChecked(({ 'document.number': _, ...rest }) =>
                wrong ? { ...rest, 'document.number': state.documentType === 'RUT' ? 'validation.rut' : 'validation.document' } : rest,
              );
            },
            onChange: () => setChecked(({ 'document.number': _, ...rest }) => rest),
          })}
          <Field
            label={t('patientForm.birthDate')}
            error={err('birthDate')}
            optional="quiet"
            hint={age !== null ? `${t('patientForm.ageIs', { count: age })}${minor ? ` ${t('patientForm.minor')}.` : ''}` : undefined}
          >
            {(control) => <DateField {...control} className="input" value={state.birthDate} onChange={(v) => set({ birthDate: v })} />}
          </Field>
          <div className="form-grid form-grid-nested">
            <Field label={t('patientForm.sex')} error={err('sex')} optional="quiet">
              {(control) => (
                <select {...control} className="select" value={state.sex} onChange={(e) => set({ sex: e.target.value as Sex | '' })}>
                  <option value="">{t('patientForm.notStated')}</option>
                  {SEXES.map((sex) => (
                    <option key={sex} value={sex}>
                      {t(`sexes.${sex}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('patientForm.gender')} error={err('gender')} optional="quiet">
              {(control) => (
                <select {...control} className="select" value={state.gender} onChange={(e) => set({ gender: e.target.value as Gender | '' })}>
                  <option value="">{t('patientForm.notStated')}</option>
                  {GENDERS.map((gender) => (
                    <option key={gender} value={gender}>
                      {t(`genders.${gender}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </div>
      </Section>

      <Section title={t('patientForm.contactSection')}>
        <div className="stack">
          <PhonesFieldset state={state} set={set} err={err} />
          <div className="form-grid">{text('email', t('patientForm.email'), 'email', { optional: 'quiet', type: 'email' })}</div>
        </div>
      </Section>

      <Section title={t('patientForm.addressSection')}>
        <div className="form-grid">
          {text('street', t('patientForm.street'), 'address.street', { optional: 'quiet', className: 'span-2' })}
          {text('district', country === 'CL' ? t('patientForm.district') : t('patientForm.districtOther'), 'address.district', { optional: 'quiet' })}
          {text('city', t('patientForm.city'), 'address.city', { optional: 'quiet' })}
          {text('region', t('patientForm.region'), 'address.region', { optional: 'quiet' })}
          {text('postalCode', t('patientForm.postalCode'), 'address.postalCode', { optional: 'quiet' })}
        </div>
      </Section>

      <Section title={t('patientForm.emergencySection')} description={t('patientForm.emergencyDescription')}>
        <div className="form-grid">
          {text('emergencyName', t('patientForm.emergencyName'), 'emergencyContact.name', { optional: 'quiet', className: 'span-2' })}
          {text('emergencyPhone', t('patientForm.emergencyPhone'), 'emergencyContact.phone', { optional: 'quiet', type: 'tel' })}
          <Field label={t('patientForm.emergencyRelationship')} error={err('emergencyContact.relationship')} optional="quiet">
            {(control) => <RelationshipSelect control={control} value={state.emergencyRelationship} onChange={(r) => set({ emergencyRelationship: r })} />}
          </Field>
        </div>
      </Section>

      <Section title={t('patientForm.guarantorSection')} description={t('patientForm.guarantorDescription')}>
        <GuarantorFields state={state} set={set} err={err} patientId={patientId} minor={minor} />
      </Section>

      <Section title={t('patientForm.coverageSection')}>
        <CoverageFields state={state} set={set} err={err} country={country} />
      </Section>

      <Section title={t('patientForm.otherSection')}>
        <div className="form-grid">
          {text('referralSource', t('patientForm.referralSource'), 'referralSource', {
            optional: 'quiet',
            hint: t('patientForm.referralSourceHint'),
            className: 'span-2',
          })}
          <Field label={t('patientForm.notes')} error={err('notes')} optional="quiet" className="span-2">
            {(control) => <textarea maxLength={maxLengthAt(patientDraftSchema, 'notes')} {...control} className="input textarea" rows={3} value={state.notes} onChange={(e) => set({ notes: e.target.value })} />}
          </Field>
        </div>
      </Section>

      {create ? (
        <Section title={t('patientForm.alertsSection')} description={t('patientForm.alertsDescription')}>
          <AlertCheckboxes legend={t('patients.alertsLabel')} value={state.alerts} onChange={(alerts) => set({ alerts })} error={err('alerts')} />
        </Section>
      ) : null}

      {topError}
      {duplicates ? (
        <DuplicateWarning
          candidates={duplicates}
          onOpen={onOpenPatient}
          onCreateAnyway={() => submit.mutate({ force: true })}
          busy={submit.isPending}
        />
      ) : null}
      <div className="form-actions form-actions-sticky">
        {submit.isPending && create && !duplicates ? (
          <span className="form-actions-note" role="status">
            {t('patientForm.checking')}
          </span>
        ) : null}
        <Button variant="ghost" onClick={onCancel}>
          {t('patientForm.cancel')}
        </Button>
        {duplicates ? null : (
          <Button type="submit" variant="primary" icon="check" busy={submit.isPending}>
            {create ? t('patientForm.create') : t('patientForm.save')}
          </Button>
        )}
      </div>
    </form>
  );
}
