import { useTranslation } from 'react-i18next';
import { FONASA_TRAMOS } from '../../../shared/contract/patients';
import { Field } from '../../ui/Field';
import type { CoverageKind, Tramo } from './form-state';
import type { FormPartProps } from './types';
import { patientDraftSchema } from '../../../shared/contract/patients';
import { maxLengthAt } from '../../../shared/contract/text';

/** FONASA and the isapres are Chile's; elsewhere a carrier and a subscriber. A stored value is always offered. */
export function coverageKinds(country: string, current: CoverageKind): CoverageKind[] {
  const kinds: CoverageKind[] = country === 'CL' ? ['none', 'fonasa', 'isapre', 'private', 'insurer'] : ['none', 'private', 'insurer'];
  return kinds.includes(current) ? kinds : [...kinds, current];
}

export function CoverageFields({ state, set, err, country }: FormPartProps & { country: string }) {
  const { t } = useTranslation();
  const text = (name: 'isapre' | 'isaprePlan' | 'carrier' | 'subscriberId' | 'subscriberName', label: string, path: string, optional: boolean, hint?: string) => (
    <Field label={label} error={err(path)} optional={optional ? 'quiet' : false} hint={hint}>
      {(control) => <input maxLength={maxLengthAt(patientDraftSchema, path)} {...control} className="input" autoComplete="off" value={state[name]} onChange={(e) => set({ [name]: e.target.value })} />}
    </Field>
  );
  return (
    <div className="form-grid">
      <Field label={t('patientForm.coverageKind')} error={err('coverage')} optional="quiet">
        {(control) => (
          <select {...control} className="select" value={state.coverageKind} onChange={(e) => set({ coverageKind: e.target.value as CoverageKind })}>
            {coverageKinds(country, state.coverageKind).map((kind) => (
              <option key={kind} value={kind}>
                {t(`coverage.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {state.coverageKind === 'fonasa' ? (
        <Field label={t('patientForm.fonasaTramo')} error={err('coverage.tramo')}>
          {(control) => (
            <select {...control} className="select" value={state.fonasaTramo} onChange={(e) => set({ fonasaTramo: e.target.value as Tramo })}>
              {FONASA_TRAMOS.map((tramo) => (
                <option key={tramo} value={tramo}>
                  {t('patientForm.tramo', { tramo })}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {state.coverageKind === 'isapre' ? (
        <>
          {text('isapre', t('patientForm.isapre'), 'coverage.isapre', false)}
          {text('isaprePlan', t('patientForm.isaprePlan'), 'coverage.planNumber', true)}
        </>
      ) : null}
      {state.coverageKind === 'insurer' ? (
        <>
          {text('carrier', t('patientForm.carrier'), 'coverage.carrier', false)}
          {text('subscriberId', t('patientForm.subscriberId'), 'coverage.subscriberId', false)}
          {text('subscriberName', t('patientForm.subscriberName'), 'coverage.subscriberName', true, t('patientForm.subscriberNameHint'))}
        </>
      ) : null}
    </div>
  );
}
