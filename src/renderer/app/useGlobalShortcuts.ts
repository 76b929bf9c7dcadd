import { useEffect, useRef } from 'react';
import { SHORTCUTS, isEditable, matches } from './shortcuts';
import type { GlobalAction, GlobalShortcut } from './shortcuts';

export type ShortcutHandlers = Partial<Record<GlobalAction, () => void>>;

const GLOBAL = SHORTCUTS.filter((s): s is GlobalShortcut => s.kind === 'global');

/** Listens on the window for every global shortcut in the registry. */
export function useGlobalShortcuts(handlers: ShortcutHandlers): void {
  // Kept in a ref so the listener is attached once, not on every render.
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      // An open modal (palette, help) owns the keyboard until it closes.
      if (document.querySelector('dialog[open]')) return;
      const editable = isEditable(event.target);
      for (const shortcut of GLOBAL) {
        const hit = shortcut.combos.some((combo) => matches(combo, event) && (!editable || (combo.inFields ?? shortcut.inFields)));
        if (!hit) continue;
        const handler = current.current[shortcut.action];
        if (!handler) return;
        event.preventDefault();
        handler();
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
