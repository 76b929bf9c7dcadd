import { useQuery } from '@tanstack/react-query';
import type { Notation } from '../../shared/chart/teeth';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';

/** The practice's tooth numbering (clinical preferences, which clinical roles read); FDI for everyone else. */
export function useNotation(): Notation {
  const client = useClient();
  const status = useAppStatus();
  const clinical = status.session?.permissions.includes('clinical.read') ?? false;
  const prefs = useQuery({ queryKey: ['clinical.preferences'], queryFn: () => client['clinical.preferences.get']({}), enabled: clinical, staleTime: 60_000 });
  return prefs.data?.toothNumbering ?? 'fdi';
}
