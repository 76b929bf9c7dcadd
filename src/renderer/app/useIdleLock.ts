import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
export const HEARTBEAT_INTERVAL_MS = 30_000;

interface IdleLockOptions {
  idleMinutes: number;
  onIdle: () => void;
  onHeartbeat: () => void;
}

/**
 * Locks the screen after `idleMinutes` without input and tells main the user is
 * still there at most every 30 s while they are active. Uses Date.now and
 * window.setTimeout (not performance.now) so tests can drive it with a fake clock.
 */
export function useIdleLock({ idleMinutes, onIdle, onHeartbeat }: IdleLockOptions): void {
  const callbacks = useRef({ onIdle, onHeartbeat });
  useEffect(() => {
    callbacks.current = { onIdle, onHeartbeat };
  });

  useEffect(() => {
    const limit = idleMinutes * 60_000;
    let lastActivity = Date.now();
    // Signing in or unlocking just proved presence to main.
    let lastHeartbeat = Date.now();
    let timer: number | undefined;
    let fired = false;

    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= limit) {
        fired = true;
        callbacks.current.onIdle();
        return;
      }
      timer = window.setTimeout(check, limit - idleFor);
    };

    // Activity only moves a timestamp; the single timer re-arms itself from it,
    // so a stream of pointermove events costs no timer churn.
    const onActivity = () => {
      if (fired) return;
      const now = Date.now();
      lastActivity = now;
      if (now - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) {
        lastHeartbeat = now;
        callbacks.current.onHeartbeat();
      }
    };

    timer = window.setTimeout(check, limit);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleMinutes]);
}
