import { useEffect, useRef, useState } from 'react';
import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { usePracticeTime } from './format';

interface DateFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  /** Called with YYYY-MM-DD once the text is a real date, or '' once it is emptied. */
  onChange: (value: string) => void;
}

/**
 * A calendar date typed as the practice writes it (dd-mm-aaaa in Chile).
 * The browser's own date input follows the browser's locale, so an en-US
 * Chromium would show mm/dd/yyyy at a Chilean chair; this field does not.
 * Text that is not a real date is marked invalid and changes nothing.
 */
export function DateField({ value, onChange, onBlur, ...rest }: DateFieldProps) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const shown = value ? time.day(value) : '';
  const [text, setText] = useState(shown);
  // A value changed from outside (a slider, "back to today") or a new format replaces what was typed, even half-typed text; the value this field just reported does not.
  const reported = useRef(value);
  useEffect(() => {
    if (value !== reported.current || (time.parseDay(text) ?? '') !== value) setText(shown);
    reported.current = value;
  }, [value, shown]);
  const report = (day: string) => {
    reported.current = day;
    onChange(day);
  };
  const parsed = time.parseDay(text);
  const invalid = text.trim() !== '' && parsed === null;
  const placeholder = time.dayOrder.map((part) => t(`dateField.${part}`)).join(time.daySeparator);
  return (
    <input
      {...rest}
      className={['date-field', rest.className ?? ''].filter(Boolean).join(' ')}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={placeholder}
      size={placeholder.length + 1}
      value={text}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const day = time.parseDay(next);
        if (day !== null && day !== value) report(day);
        else if (next.trim() === '' && value !== '') report('');
      }}
      onBlur={(event) => {
        // A valid date is rewritten the canonical way ("3/12/2026" → "03-12-2026").
        if (parsed !== null) setText(time.day(parsed));
        onBlur?.(event);
      }}
    />
  );
}
