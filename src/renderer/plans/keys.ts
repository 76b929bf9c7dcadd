import type { QueryClient } from '@tanstack/react-query';

/** Query keys of plans and fee schedules, under one root each. */
export const PLANS_KEY = ['plans'] as const;
export const plansKey = (patientId: string) => ['plans', 'patient', patientId] as const;
export const FEES_KEY = ['fees'] as const;

/** After a plan write: the plans, the schedule's lists (treatment to book) and the chart (entries planned or completed). */
export function invalidatePlans(queryClient: QueryClient, patientId?: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: PLANS_KEY }),
    queryClient.invalidateQueries({ queryKey: ['schedule', 'lists'] }),
    queryClient.invalidateQueries({ queryKey: patientId ? ['chart.get', patientId] : ['chart.get'] }),
  ]);
}
