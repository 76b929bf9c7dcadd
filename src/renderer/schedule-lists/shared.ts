import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';

/** Every query here starts with 'schedule', so a schedule.changed event refreshes it. */
export const LISTS_KEY = ['schedule', 'lists'] as const;
export const PROVIDERS_KEY = ['schedule', 'setup', 'providers'] as const;
export const OPERATORIES_KEY = ['schedule', 'setup', 'operatories'] as const;
export const TYPES_KEY = ['schedule', 'setup', 'types'] as const;

/** Today's date in the practice's zone, "YYYY-MM-DD". */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export function usePracticeToday(): string {
  const status = useAppStatus();
  return todayIn(status.practice?.timeZone ?? 'UTC');
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'es';
}

/** "lunes, 23 de noviembre de 2026" for a local date. */
export { longDate, shortDate } from '../schedule/format';

export const timeOf = (local: string) => local.slice(11, 16);

export function useProviders(includeInactive = false) {
  const client = useClient();
  return useQuery({ queryKey: [...PROVIDERS_KEY, includeInactive], queryFn: () => client['schedule.providers.list']({ includeInactive }) });
}

export function useOperatories(includeInactive = false) {
  const client = useClient();
  return useQuery({ queryKey: [...OPERATORIES_KEY, includeInactive], queryFn: () => client['schedule.operatories.list']({ includeInactive }) });
}

export function useAppointmentTypes(includeInactive = false) {
  const client = useClient();
  return useQuery({ queryKey: [...TYPES_KEY, includeInactive], queryFn: () => client['schedule.types.list']({ includeInactive }) });
}

/** Downloads text or bytes as a file, through a temporary object URL. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
