import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { usePracticeMoney } from '../ui/format';

/** An amount typed the practice's way ("12.500" in Chile); `onChange` gets minor units, or null while it is not an amount. */
export function AmountField({ label, text, onText, error, autoFocus }: { label: string; text: string; onText: (text: string) => void; error?: string | undefined; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const money = usePracticeMoney();
  const parsed = text.trim() ? money.parse(text) : null;
  const invalid = text.trim() !== '' && (parsed === null || parsed <= 0);
  return (
    <Field label={label} error={error ?? (invalid ? t('validation.amount') : undefined)}>
      {(control) => <input {...control} className="input num" inputMode="decimal" autoComplete="off" autoFocus={autoFocus} value={text} onChange={(e) => onText(e.target.value)} />}
    </Field>
  );
}
