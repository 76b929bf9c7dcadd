import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

export interface RecentPatient {
  id: string;
  name: string;
}

/**
 * The patient context of the workspace: which patient is open (or that a new
 * one is being registered), shared by the top-bar search, the palette and the
 * panels, which all open patients the same way.
 */
export interface PatientNavigation {
  patientId: string | null;
  mode: 'view' | 'new';
  /** Bumped on every explicit open, so the panel moves the keyboard to the patient's name once it has loaded. */
  focusRequest: number;
  /** A confirmation to show once the opened record appears ("Se registró a …"). */
  notice: string | null;
  recent: readonly RecentPatient[];
  openPatient: (id: string, options?: { notice?: string }) => void;
  newPatient: () => void;
  closePatient: () => void;
  /** Keeps the recent list's names current once a record loads. */
  remember: (patient: RecentPatient) => void;
  /** Drops a patient that no longer exists (merged away) from the recent list. */
  forget: (id: string) => void;
}

export const PatientNavigationContext = createContext<PatientNavigation | null>(null);

export function usePatientNavigation(): PatientNavigation {
  const value = useContext(PatientNavigationContext);
  if (!value) throw new Error('usePatientNavigation outside the workspace');
  return value;
}

const patientKey = (userId: string) => `dental.patient.${userId}`;
const recentKey = (userId: string) => `dental.recentPatients.${userId}`;
const MAX_RECENT = 8;

function readRecent(userId: string): RecentPatient[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(recentKey(userId)) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((p): p is RecentPatient => typeof p?.id === 'string' && typeof p?.name === 'string').slice(0, MAX_RECENT)
      : [];
  } catch {
    return [];
  }
}

interface State {
  patientId: string | null;
  mode: 'view' | 'new';
  notice: string | null;
  focusRequest: number;
}

/**
 * The workspace's patient context, kept per user in sessionStorage so it
 * survives the lock screen and a reload, like the open panel does.
 * `show` brings the patient panel forward (and says what to focus there).
 */
export function usePatientNavigationState(userId: string, show: (focus: 'heading' | 'form' | 'none') => void): PatientNavigation {
  const [state, setState] = useState<State>(() => ({
    patientId: sessionStorage.getItem(patientKey(userId)),
    mode: 'view',
    notice: null,
    focusRequest: 0,
  }));
  const [recent, setRecent] = useState<RecentPatient[]>(() => readRecent(userId));
  const showRef = useRef(show);
  useEffect(() => {
    showRef.current = show;
  });

  useEffect(() => {
    if (state.patientId) sessionStorage.setItem(patientKey(userId), state.patientId);
    else sessionStorage.removeItem(patientKey(userId));
  }, [state.patientId, userId]);
  useEffect(() => {
    sessionStorage.setItem(recentKey(userId), JSON.stringify(recent));
  }, [recent, userId]);

  const openPatient = useCallback((id: string, options: { notice?: string } = {}) => {
    setState((s) => ({ patientId: id, mode: 'view', notice: options.notice ?? null, focusRequest: s.focusRequest + 1 }));
    // The panel itself focuses the name once the record has loaded.
    showRef.current('none');
  }, []);
  const newPatient = useCallback(() => {
    setState((s) => ({ ...s, mode: 'new', notice: null }));
    showRef.current('form');
  }, []);
  const closePatient = useCallback(() => {
    // Leaving a new patient returns to the one that was open; closing a record returns to the start.
    setState((s) => (s.mode === 'new' ? { ...s, mode: 'view', notice: null } : { ...s, patientId: null, notice: null }));
    showRef.current('heading');
  }, []);
  const remember = useCallback((patient: RecentPatient) => {
    setRecent((list) => {
      if (list[0]?.id === patient.id && list[0].name === patient.name) return list;
      return [patient, ...list.filter((p) => p.id !== patient.id)].slice(0, MAX_RECENT);
    });
  }, []);
  const forget = useCallback((id: string) => {
    setRecent((list) => (list.some((p) => p.id === id) ? list.filter((p) => p.id !== id) : list));
  }, []);

  return useMemo(
    () => ({ ...state, recent, openPatient, newPatient, closePatient, remember, forget }),
    [state, recent, openPatient, newPatient, closePatient, remember, forget],
  );
}
