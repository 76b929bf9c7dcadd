import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIPS } from '../../../shared/contract/patients';
import { DOCUMENT_TYPES, formatDocument, normalizeDocument } from '../../../shared/identity/documents';
import type { DocumentType } from '../../../shared/identity/documents';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ChoiceGroup, Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { PatientCombobox } from '../PatientCombobox';
import { patientName } from '../names';
import type { GuarantorKind, Relationship } from './form-state';
import type { FormPartProps } from './types';
import { patientDraftSchema } from '../../../shared/contract/patients';
import { maxLengthAt } from '../../../shared/contract/text';

interface Props extends FormPartProps {
  /** The patient being edited, who cannot answer for themselves through the picker. */
  patientId: string | undefined;
  minor: boolean;
}

export function RelationshipSelect({ value, onChange, control }: { value: Relationship; onChange: (r: Relationship) => void; control: object }) {
  const { t } = useTranslation();
  return (
    <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value as Relationship)}>
      {RELATIONSHIPS.map((r) => (
        <option key={r} value={r}>
          {t(`relationships.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** Shows a document number the way it is written once it is valid ("12345678k" becomes "12.345.678-K"). */
export function tidyDocument(type: DocumentType, number: string): string {
  const normalized = normalizeDocument(type, number);
  return normalized ? formatDocument(type, normalized) : number;
}

/** Who answers for the patient: themselves, another patient (picked by search), or someone else. */
export function GuarantorFields({ state, set, err, patientId, minor }: Props) {
  const { t } = useTranslation();
  const kinds: GuarantorKind[] = ['self', 'patient', 'person'];
  const needsOne = minor && state.guarantorKind === 'self';
  const changeId = useId();
  // Set when a patient is picked: the button appears only after React commits, so the focus waits for it here.
  const focusChange = useRef(false);
  const pickedId = state.guarantorPatient?.id;
  useEffect(() => {
    if (!pickedId || !focusChange.current) return;
    focusChange.current = false;
    document.getElementById(changeId)?.focus();
  }, [pickedId, changeId]);
  return (
    <div className="stack">
      {minor ? (
        <Alert tone={needsOne ? 'warning' : 'info'}>{t('patientForm.guarantorMinorNote')}</Alert>
      ) : null}
      <ChoiceGroup
        legend={t('patientForm.guarantorKind')}
        name="guarantor-kind"
        value={state.guarantorKind}
        options={kinds.map((kind) => ({ value: kind, label: t(`patientForm.guarantorKinds.${kind}`) }))}
        onChange={(guarantorKind) => set({ guarantorKind })}
        error={err('guarantor')}
      />
      {state.guarantorKind === 'patient' ? (
        <div className="form-grid">
          {state.guarantorPatient ? (
            <div className="field">
              <span className="field-label">{t('patientForm.guarantorPatient')}</span>
              <div className="chosen-patient">
                <span>{state.guarantorPatient.name}</span>
                <Button
                  id={changeId}
                  size="sm"
                  variant="ghost"
                  onClick={() => set({ guarantorPatient: null })}
                  aria-label={`${t('patients.picker.change')}: ${t('patientForm.guarantorPatient')}`}
                >
                  {t('patients.picker.change')}
                </Button>
              </div>
              {err('guarantor.patientId') ? (
                <p className="field-error" role="alert">
                  <Icon name="alert" size={14} />
                  {err('guarantor.patientId')}
                </p>
              ) : null}
            </div>
          ) : (
            <Field label={t('patientForm.guarantorPatientSearch')} error={err('guarantor.patientId')}>
              {(control) => (
                <PatientCombobox
                  label={t('patientForm.guarantorPatientSearch')}
                  placeholder={t('patients.search.placeholder')}
                  control={control}
                  excludeIds={patientId ? [patientId] : []}
                  limit={8}
                  onSelect={(p) => {
                    // The search box goes away; the keyboard stays on the choice, ready to change it.
                    focusChange.current = true;
                    set({ guarantorPatient: { id: p.id, name: patientName(p) } });
                  }}
                />
              )}
            </Field>
          )}
          <Field label={t('patientForm.guarantorRelationship')} error={err('guarantor.relationship')} optional="quiet">
            {(control) => (
              <RelationshipSelect control={control} value={state.guarantorPatientRelationship} onChange={(r) => set({ guarantorPatientRelationship: r })} />
            )}
          </Field>
        </div>
      ) : null}
      {state.guarantorKind === 'person' ? (
        <div className="form-grid">
          <Field label={t('patientForm.guarantorName')} error={err('guarantor.name')} className="span-2">
            {(control) => (
              <input maxLength={maxLengthAt(patientDraftSchema, 'guarantor.name')} {...control} className="input" autoComplete="off" value={state.guarantorName} onChange={(e) => set({ guarantorName: e.target.value })} />
            )}
          </Field>
          <Field label={t('patientForm.guarantorRelationship')} error={err('guarantor.relationship')} optional="quiet">
            {(control) => <RelationshipSelect control={control} value={state.guarantorRelationship} onChange={(r) => set({ guarantorRelationship: r })} />}
          </Field>
          <Field label={t('patientForm.guarantorPhone')} error={err('guarantor.phone')} optional="quiet">
            {(control) => (
              <input maxLength={maxLengthAt(patientDraftSchema, 'guarantor.phone')} {...control} className="input" type="tel" autoComplete="off" value={state.guarantorPhone} onChange={(e) => set({ guarantorPhone: e.target.value })} />
            )}
          </Field>
          <Field label={t('patientForm.guarantorDocumentType')} optional="quiet">
            {(control) => (
              <select
                {...control}
                className="select"
                value={state.guarantorDocumentType}
                onChange={(e) => set({ guarantorDocumentType: e.target.value as DocumentType })}
              >
                {DOCUMENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`documents.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('patientForm.guarantorDocumentNumber')} error={err('guarantor.document.number')} optional="quiet">
            {(control) => (
              <input maxLength={maxLengthAt(patientDraftSchema, 'guarantor.document.number')}
                {...control}
                className="input"
                autoComplete="off"
                spellCheck={false}
                value={state.guarantorDocumentNumber}
                onChange={(e) => set({ guarantorDocumentNumber: e.target.value })}
                onBlur={() => set({ guarantorDocumentNumber: tidyDocument(state.guarantorDocumentType, state.guarantorDocumentNumber) })}
              />
            )}
          </Field>
        </div>
      ) : null}
    </div>
  );
}
