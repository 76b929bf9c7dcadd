import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../ui/Alert';
import { errorMessage } from '../ui/errors';

/** A mutation that refreshes every schedule query when it succeeds. */
export function useScheduleMutation<I, O>(fn: (input: I) => Promise<O>, onDone?: (out: O) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (out) => {
      onDone?.(out);
      await queryClient.invalidateQueries({ queryKey: ['schedule'] });
    },
  });
}

/** The error of a call not tied to one field, in the words of the catalog. */
export function CallError({ error, shown = [] }: { error: unknown; shown?: readonly string[] }) {
  if (!error) return null;
  const fields = Object.keys((error as { value?: { fields?: Record<string, string> } }).value?.fields ?? {});
  if (fields.length > 0 && fields.every((f) => shown.includes(f))) return null;
  return <Alert tone="error">{errorMessage(error)}</Alert>;
}

export function Swatch({ colour }: { colour: string }) {
  return <span className="sa-swatch" style={{ background: colour }} aria-hidden="true" />;
}

export function ColourInput({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return <input type="color" className="sa-colour" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
}

export function useWeekdayName() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  return (d: number, style: 'long' | 'short' = 'long') => new Intl.DateTimeFormat(lang, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));
}
