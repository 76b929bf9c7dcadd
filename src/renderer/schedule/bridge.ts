import { createContext, useContext } from 'react';

export interface BookingPatient {
  id: string;
  name: string;
}

/** What the rest of the workspace (the patient panel, the palette) asks of the schedule. */
export interface ScheduleBridge {
  /** Opens booking for this patient, proposing the next free slot. */
  bookFor: (patient: BookingPatient) => void;
  /** Shows an appointment on the day view and selects it. */
  showAppointment: (appointment: { id: string; startLocal: string }) => void;
}

export const ScheduleBridgeContext = createContext<ScheduleBridge | null>(null);

export function useScheduleBridge(): ScheduleBridge | null {
  return useContext(ScheduleBridgeContext);
}

export type ScheduleRequest =
  | { kind: 'book'; n: number; patient: BookingPatient }
  | { kind: 'show'; n: number; id: string; date: string }
  | { kind: 'focus'; n: number };
