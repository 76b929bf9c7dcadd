import { useId } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

/** What a Field hands its control so the label, hint and error are tied to it. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

interface FieldProps {
  label: ReactNode;
  /** Already translated. */
  error?: string | undefined;
  hint?: ReactNode;
  /**
   * Shown beside the label as "optional"; every other field is announced as
   * required. 'quiet' is optional without the word, for long forms where
   * almost everything is optional and the intro says what is required.
   */
  optional?: boolean | 'quiet';
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its error right beneath it, linked by aria-describedby. */
export function Field({ label, error, hint, optional = false, className, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  // The error usually restates the rule the hint gives; showing both is noise.
  const showHint = Boolean(hint) && !error;
  const hintId = showHint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {optional === true ? <span className="field-optional">{t('common.optional')}</span> : null}
      </div>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        'aria-required': optional ? undefined : true,
      })}
      {error ? (
        <p id={errorId} className="field-error">
          <Icon name="alert" size={14} />
          {error}
        </p>
      ) : null}
      {showHint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface ChoiceGroupProps<V extends string> {
  legend: ReactNode;
  name: string;
  value: V;
  options: readonly { value: V; label: ReactNode; description?: ReactNode }[];
  onChange: (value: V) => void;
  error?: string | undefined;
}

/** A radio group in a fieldset, so the legend is read with each choice. */
export function ChoiceGroup<V extends string>({ legend, name, value, options, onChange, error }: ChoiceGroupProps<V>) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className="choice-group" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      <div className="choice-options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            // The whole card is a larger click target; the radio stays the keyboard path.
            <div key={option.value} className={value === option.value ? 'choice choice-checked' : 'choice'} onClick={() => onChange(option.value)}>
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.description ? `${optionId}-desc` : undefined}
              />
              <span className="choice-text">
                {/* Only the label names the radio; the description is read after it. */}
                <label htmlFor={optionId} className="choice-label">
                  {option.label}
                </label>
                {option.description ? (
                  <span id={`${optionId}-desc`} className="choice-description">
                    {option.description}
                  </span>
                ) : null}
              </span>
            </div>
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
