import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

const TIMEOUT = 15_000;

/**
 * Retrying assertions on the page, like @playwright/test's expect, built on
 * playwright-core's waitFor and Vitest's expect.poll (playwright-core ships
 * without an assertion library, and the full test runner would bring its own).
 */
export function ui(locator: Locator, timeout = TIMEOUT) {
  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout, interval: 50 });
  return {
    visible: () => locator.waitFor({ state: 'visible', timeout }),
    hidden: () => locator.waitFor({ state: 'hidden', timeout }),
    containsText: (text: string) => poll(() => locator.textContent()).toContain(text),
    hasAttribute: (name: string, value: string) => poll(() => locator.getAttribute(name)).toBe(value),
    hasValue: (value: string) => poll(() => locator.inputValue()).toBe(value),
    hasCount: (count: number) => poll(() => locator.count()).toBe(count),
  };
}
