import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_KINDS } from '../../../shared/contract/patients';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { MAX_PHONES, phoneRow } from './form-state';
import type { PhoneKind } from './form-state';
import type { FormPartProps } from './types';
import { patientDraftSchema } from '../../../shared/contract/patients';
import { maxLengthAt } from '../../../shared/contract/text';

/**
 * Up to four phones, each with its kind; one radio group across the rows says
 * which one has WhatsApp (or none), so two can never be marked.
 */
export function PhonesFieldset({ state, set, err }: FormPartProps) {
  const { t } = useTranslation();
  const id = useId();
  const groupError = err('phones');
  const hintId = `${id}-hint`;
  const groupErrorId = `${id}-error`;
  const phones = state.phones;

  const update = (index: number, patch: Partial<(typeof phones)[number]>) =>
    set({ phones: phones.map((p, i) => (i === index ? { ...p, ...patch } : p)) });
  const setWhatsapp = (index: number | null) => set({ phones: phones.map((p, i) => ({ ...p, whatsapp: i === index })) });
  const remove = (index: number) => {
    const next = phones.filter((_, i) => i !== index);
    set({ phones: next });
    // The keyboard stays in the list: on the row that took this one's place, or the add button.
    window.requestAnimationFrame(() => {
      const target = document.getElementById(`${id}-number-${Math.min(index, next.length - 1)}`) ?? document.getElementById(`${id}-add`);
      target?.focus();
    });
  };
  const add = () => {
    set({ phones: [...phones, phoneRow(phones.length === 0)] });
    window.requestAnimationFrame(() => document.getElementById(`${id}-number-${phones.length}`)?.focus());
  };

  return (
    <fieldset className="phones" aria-describedby={groupError ? groupErrorId : hintId} aria-invalid={groupError ? true : undefined}>
      <legend className="field-label">{t('patientForm.phones')}</legend>
      <p id={hintId} className="field-hint">
        {t('patientForm.phonesHint')}
      </p>
      {phones.length === 0 ? <p className="muted">{t('patientForm.phonesEmpty')}</p> : null}
      <ul className="phone-rows">
        {phones.map((phone, index) => {
          const n = index + 1;
          const error = err(`phones.${index}.number`);
          const inputId = `${id}-number-${index}`;
          const errorId = `${inputId}-error`;
          return (
            <li key={phone.key} className="phone-row">
              <div className="phone-row-controls">
                <div className="field phone-number">
                  <label htmlFor={inputId} className="field-label">
                    {t('patientForm.phoneNumber', { n })}
                  </label>
                  <input maxLength={maxLengthAt(patientDraftSchema, 'phones.[].number')}
                    id={inputId}
                    className="input"
                    type="tel"
                    inputMode="tel"
                    autoComplete="off"
                    value={phone.number}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    onChange={(e) => update(index, { number: e.target.value })}
                  />
                </div>
                <select
                  className="select phone-kind"
                  aria-label={t('patientForm.phoneKind', { n })}
                  value={phone.kind}
                  onChange={(e) => update(index, { kind: e.target.value as PhoneKind })}
                >
                  {PHONE_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`phoneKinds.${kind}`)}
                    </option>
                  ))}
                </select>
                <label className="phone-whatsapp">
                  <input
                    type="radio"
                    name={`${id}-whatsapp`}
                    checked={phone.whatsapp}
                    aria-label={t('patientForm.phoneWhatsapp', { n })}
                    onChange={() => setWhatsapp(index)}
                  />
                  <span aria-hidden="true">{t('patients.whatsapp')}</span>
                </label>
                <Button
                  variant="ghost"
                  size="sm"
                  className="btn-icon phone-remove"
                  aria-label={t('patientForm.phoneRemove', { n })}
                  title={t('patientForm.phoneRemove', { n })}
                  onClick={() => remove(index)}
                >
                  <span aria-hidden="true">×</span>
                </Button>
              </div>
              {error ? (
                <p id={errorId} className="field-error">
                  <Icon name="alert" size={14} />
                  {error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="phones-footer">
        <Button id={`${id}-add`} size="sm" variant="secondary" onClick={add} aria-disabled={phones.length >= MAX_PHONES || undefined} disabled={phones.length >= MAX_PHONES}>
          {t('patientForm.phoneAdd')}
        </Button>
        {phones.length > 0 ? (
          <label className="phone-whatsapp phone-whatsapp-none">
            <input type="radio" name={`${id}-whatsapp`} checked={phones.every((p) => !p.whatsapp)} onChange={() => setWhatsapp(null)} />
            <span>{t('patientForm.noWhatsapp')}</span>
          </label>
        ) : null}
      </div>
      {groupError ? (
        <p id={groupErrorId} className="field-error">
          <Icon name="alert" size={14} />
          {groupError}
        </p>
      ) : null}
    </fieldset>
  );
}
