import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useClient } from '../app/client';
import { patientKeys } from './keys';

/** How long typing must pause before a search is sent: short enough to feel instant, long enough to skip most keystrokes. */
export const SEARCH_DEBOUNCE_MS = 100;

export function useDebouncedValue<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * Find-as-you-type over patients.search. The previous results stay on screen
 * while the next ones load, so the list does not flicker with every letter.
 */
export function usePatientSearch(query: string, limit: number) {
  const client = useClient();
  const wanted = query.trim();
  const debounced = useDebouncedValue(wanted, SEARCH_DEBOUNCE_MS);
  const search = useQuery({
    queryKey: patientKeys.search(debounced, limit),
    queryFn: () => client['patients.search']({ query: debounced, limit }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const active = wanted.length > 0;
  return {
    results: active ? (search.data ?? []) : [],
    /** True once the list on screen answers exactly what is typed now. */
    settled: active && debounced === wanted && !search.isFetching && !search.isPlaceholderData && search.isSuccess,
    error: active ? search.error : null,
    searching: active && (debounced !== wanted || search.isFetching),
  };
}
