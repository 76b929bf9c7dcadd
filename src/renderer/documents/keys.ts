import { useSyncExternalStore } from 'react';

export const documentKeys = {
  all: ['documents'] as const,
  list: (patientId: string, tooth: string | null, includeVoided: boolean) => ['documents', 'list', patientId, tooth ?? 'all', includeVoided] as const,
  inbox: () => ['documents', 'inbox'] as const,
  file: (documentId: string) => ['documents', 'file', documentId] as const,
  folder: () => ['documents', 'folder'] as const,
};

/*
 * "Radiographs of this tooth" from the chart: the chart asks for a patient's
 * tooth, the patient panel switches to the documents tab, and the tab takes
 * the request as its filter. A tiny store rather than props through every
 * layer, so the chart's change stays one button.
 */
interface ToothRequest {
  patientId: string;
  tooth: string;
}

let request: ToothRequest | null = null;
const listeners = new Set<() => void>();

export function requestToothDocuments(patientId: string, tooth: string): void {
  request = { patientId, tooth };
  for (const listener of listeners) listener();
}

/** The tab took the request: it must not apply again the next time the tab opens. */
export function clearToothRequest(): void {
  request = null;
  for (const listener of listeners) listener();
}

export function useToothRequest(): ToothRequest | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => request,
  );
}
