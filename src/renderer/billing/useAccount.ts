import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../app/client';

export const accountKey = (patientId: string) => ['billing.account', patientId] as const;

export function useAccount(patientId: string) {
  const client = useClient();
  // Opening the account is a view (audited in main); it always reads the ledger as it is now.
  return useQuery({ queryKey: accountKey(patientId), queryFn: () => client['billing.account.get']({ patientId }), refetchOnMount: 'always' });
}

/** After a posting: every account view (a family shares postings) and the schedule's badges refresh. */
export function useRefreshBilling() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['billing.account'] }), queryClient.invalidateQueries({ queryKey: ['billing.balances'] })]);
}
