import { useEffect, useRef, useState } from 'react';
import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from './DateField';
import type { ControlProps } from './Field';
import { usePracticeTime } from './format';

interface TimeFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  /** HH:MM on a 24-hour clock, or '' for none. */
  value: string;
  /** Called with HH:MM once the text is a real time, or '' once it is emptied. */
  onChange: (value: string) => void;
}

/**
 * A time of day typed on the practice's clock (24 h in Chile, "2:30 PM" where
 * the country writes 12 h). The browser's time input follows the browser's
 * locale, so an en-US Chromium would show AM/PM at a Chilean front desk; this
 * field does not. Text that is not a real time is marked invalid and changes
 * nothing. "1430", "14.30" and "9" are read too, for speed at the keyboard.
 */
export function TimeField({ value, onChange, onBlur, ...rest }: TimeFieldProps) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const shown = value ? time.wallTime(value) : '';
  const [text, setText] = useState(shown);
  const reported = useRef(value);
  useEffect(() => {
    if (value !== reported.current || (time.parseTime(text) ?? '') !== value) setText(shown);
    reported.current = value;
  }, [value, shown]);
  const report = (hhmm: string) => {
    reported.current = hhmm;
    onChange(hhmm);
  };
  const parsed = time.parseTime(text);
  const invalid = text.trim() !== '' && parsed === null;
  const placeholder = t(time.twelveHour ? 'timeField.placeholder12' : 'timeField.placeholder24');
  return (
    <input
      {...rest}
      className={['time-field', rest.className ?? ''].filter(Boolean).join(' ')}
      type="text"
      inputMode={time.twelveHour ? 'text' : 'numeric'}
      autoComplete="off"
      placeholder={placeholder}
      size={placeholder.length + 2}
      value={text}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const hhmm = time.parseTime(next);
        if (hhmm !== null && hhmm !== value) report(hhmm);
        else if (next.trim() === '' && value !== '') report('');
      }}
      onBlur={(event) => {
        if (parsed !== null) setText(time.wallTime(parsed));
        onBlur?.(event);
      }}
    />
  );
}

interface DateTimeFieldProps extends Partial<ControlProps> {
  /** YYYY-MM-DDTHH:MM on the practice's wall clock, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  /** The date part takes the Field's id and label; the time part is named by this. */
  timeLabel: string;
}

/** A wall-clock instant as the app's own date and time fields side by side, for what was a datetime-local input. */
export function DateTimeField({ value, onChange, id, timeLabel, ...aria }: DateTimeFieldProps) {
  const [day = '', hhmm = ''] = value ? value.split('T') : [];
  const [pendingDay, setPendingDay] = useState(day);
  const [pendingTime, setPendingTime] = useState(hhmm.slice(0, 5));
  useEffect(() => {
    setPendingDay(day);
    setPendingTime(hhmm.slice(0, 5));
  }, [value]);
  const emit = (nextDay: string, nextTime: string) => {
    setPendingDay(nextDay);
    setPendingTime(nextTime);
    onChange(nextDay && nextTime ? `${nextDay}T${nextTime}` : '');
  };
  return (
    <span className="date-time-field">
      <DateField id={id} value={pendingDay} {...aria} onChange={(next) => emit(next, pendingTime)} />
      <TimeField aria-label={timeLabel} value={pendingTime} aria-invalid={aria['aria-invalid']} aria-required={aria['aria-required']} onChange={(next) => emit(pendingDay, next)} />
    </span>
  );
}
