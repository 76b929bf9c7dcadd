/**
 * Wakes long-polls when something lands. A waiter re-checks its own condition,
 * so a missed or spurious wake-up costs one query, never a lost change.
 */
export class HubSignal {
  private waiters = new Set<() => void>();

  /** `recheckMs`: the longest a waiter sleeps before looking again even if nobody notified. */
  constructor(private readonly recheckMs = Number.POSITIVE_INFINITY) {}

  notify(): void {
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const wake of woken) wake();
  }

  /** Resolves on the next notify, after `ms`, or when closed; true if notified. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve(false);
      }, ms);
      this.waiters.add(wake);
    });
  }

  /** Polls `check` until it returns a value or `ms` has passed. */
  async until<T>(ms: number, check: () => Promise<T | null>): Promise<T | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      const left = deadline - Date.now();
      if (value !== null || left <= 0) return value;
      await this.wait(Math.min(left, this.recheckMs));
    }
  }
}
