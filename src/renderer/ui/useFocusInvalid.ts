import { useEffect } from 'react';
import type { RefObject } from 'react';

/**
 * After a failed submit, puts the keyboard on the first field that needs
 * attention, so nobody has to hunt for it. `trigger` is the error of that
 * submit: a new error object means a new attempt.
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLElement | null>, trigger: unknown): void {
  useEffect(() => {
    if (!trigger) return;
    const target = formRef.current?.querySelector<HTMLElement>(
      'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input',
    );
    target?.focus();
  }, [formRef, trigger]);
}
