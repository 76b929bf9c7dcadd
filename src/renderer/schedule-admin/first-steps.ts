import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { SetupStep } from '../../shared/contract/schedule';
import { useClient } from '../app/client';
import { SCHEDULE_KEY } from '../schedule/keys';

/**
 * The way from the schedule's checklist to a setup step: the workspace opens
 * the schedule setup on that step's tab, and the tab puts the keyboard in
 * the control marked `data-step-start`.
 */
export interface FirstStepsNavigation {
  openStep: (step: SetupStep) => void;
  /** The last step asked for; `n` tells a repeated request apart. */
  request: { step: SetupStep; n: number } | null;
}

export const FirstStepsContext = createContext<FirstStepsNavigation | null>(null);

export function useFirstStepsNavigation(): FirstStepsNavigation | null {
  return useContext(FirstStepsContext);
}

/** Marks the control a step's tab starts on. */
export const stepStart = (step: SetupStep) => ({ 'data-step-start': step });

export const setupStatusKey = [...SCHEDULE_KEY, 'setup', 'status'] as const;

/** Which first steps are done, as main reads them from the data; refetched with every schedule change. */
export function useSetupStatus() {
  const client = useClient();
  return useQuery({ queryKey: setupStatusKey, queryFn: () => client['schedule.setup.status']({}) });
}
