import { useQueryClient } from '@tanstack/react-query';
import { AUDIT_KEY } from '../admin/keys';

/** Query keys of the patient registry, under one root so a change refreshes every view of it. */
export const PATIENTS_KEY = ['patients'] as const;

export const patientKeys = {
  search: (query: string, limit: number) => [...PATIENTS_KEY, 'search', query, limit] as const,
  record: (id: string) => [...PATIENTS_KEY, 'record', id] as const,
  photo: (id: string) => [...PATIENTS_KEY, 'photo', id] as const,
  history: (id: string) => [...PATIENTS_KEY, 'history', id] as const,
  duplicatesOf: (id: string) => [...PATIENTS_KEY, 'duplicatesOf', id] as const,
};

/**
 * After any write to the registry: every search, record, photo and history is
 * refetched (only the ones on screen, lazily the rest), and so is the audit
 * log, which gained an entry.
 */
export function useInvalidatePatients() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: PATIENTS_KEY }), queryClient.invalidateQueries({ queryKey: AUDIT_KEY })]);
}
