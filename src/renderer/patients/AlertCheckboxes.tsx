import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertCode } from '../../shared/patients/alerts';
import { ALERT_CODES, SEVERE_ALERTS } from '../../shared/patients/alerts';
import { Icon } from '../ui/Icon';

interface Props {
  legend: string;
  value: readonly AlertCode[];
  onChange: (next: AlertCode[]) => void;
  error?: string | undefined;
}

/** Every structured alert as a checkbox, severe ones marked as on the badges. */
export function AlertCheckboxes({ legend, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const toggle = (code: AlertCode, on: boolean) =>
    onChange(on ? ALERT_CODES.filter((c) => c === code || value.includes(c)) : value.filter((c) => c !== code));
  return (
    <fieldset className="checkbox-group" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      <div className="checkbox-grid">
        {ALERT_CODES.map((code) => {
          const severe = SEVERE_ALERTS.has(code);
          return (
            <label key={code} className={value.includes(code) ? 'checkbox checkbox-checked' : 'checkbox'}>
              <input type="checkbox" checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />
              <span>{t(`alerts.${code}`)}</span>
              {severe ? <Icon name="alert" size={14} className="checkbox-severe" /> : null}
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          <Icon name="alert" size={14} />
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
