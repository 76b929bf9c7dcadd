import type { KeyCombo } from './shortcuts';
import { comboKeys } from './shortcuts';

/**
 * A combo drawn as keycaps. Beside a command it is hidden from screen readers,
 * which get aria-keyshortcuts instead; in the help overlay it is the content.
 */
export function Keys({ combo, announce = false }: { combo: KeyCombo; announce?: boolean }) {
  return (
    <span className="keys" aria-hidden={announce ? undefined : true}>
      {comboKeys(combo).map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  );
}

/** The ARIA spelling of a combo, e.g. "Control+K". */
export function ariaKeys(combo: KeyCombo): string {
  return comboKeys(combo)
    .map((key) => ({ Ctrl: 'Control', '⌘': 'Meta', '⌥': 'Alt', '⇧': 'Shift', Esc: 'Escape', '←': 'ArrowLeft', '→': 'ArrowRight', '↑': 'ArrowUp', '↓': 'ArrowDown' })[key] ?? key)
    .join('+');
}
