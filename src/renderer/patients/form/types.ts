import type { PatientFormState } from './form-state';

/** What each part of the patient form gets: the state, a patcher and its errors by path. */
export interface FormPartProps {
  state: PatientFormState;
  set: (patch: Partial<PatientFormState>) => void;
  err: (path: string) => string | undefined;
}
