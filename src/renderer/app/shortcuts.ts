import type { PanelId } from '../workspace/panel-ids';

/**
 * Every keyboard shortcut, once. The global key handler matches against this
 * list and the `?` overlay renders it, so the help cannot drift from the keys.
 */
export interface KeyCombo {
  /** KeyboardEvent.key, compared case-insensitively. */
  key?: string;
  /** KeyboardEvent.code, for keys whose `key` changes with Alt/Option (digits). */
  code?: string;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** What to print for this key in the overlay when it differs from `key`. */
  label?: string;
  /** Overrides the shortcut's `inFields` for this combo: Ctrl+F searches from a field, `/` types a slash. */
  inFields?: boolean;
}

export type GlobalAction =
  | 'palette'
  | 'help'
  | 'lock'
  | 'nextRegion'
  | 'previousRegion'
  | 'searchPatient'
  | 'newPatient'
  | 'bookAppointment'
  | 'focusSchedule'
  | `panel.${PanelId}`;

export type ShortcutGroup = 'general' | 'patients' | 'panels' | 'palette' | 'layout' | 'schedule' | 'chart' | 'perio';

interface ShortcutBase {
  combos: KeyCombo[];
  group: ShortcutGroup;
}

/** Handled by the window-level handler in the workspace. */
export interface GlobalShortcut extends ShortcutBase {
  kind: 'global';
  action: GlobalAction;
  /** Whether it also fires while typing in a field; `?` must not. */
  inFields: boolean;
}

/** Handled by a component (palette list, dialogs, resize handle); listed for help only. */
export interface LocalShortcut extends ShortcutBase {
  kind: 'local';
  action: 'paletteMove' | 'paletteRun' | 'dialogClose' | 'resize' | 'resizeEdge' | 'searchMove' | 'searchOpen' | 'searchClose' | 'tabsMove' | ScheduleAction | ChairsideAction;
}

/** Keys the schedule grid handles itself (src/renderer/schedule), while it has focus. */
export type ScheduleAction =
  | 'scheduleMove'
  | 'scheduleOpen'
  | 'scheduleMoveAppointment'
  | 'scheduleResize'
  | 'statusConfirm'
  | 'statusArrive'
  | 'statusSeat'
  | 'statusComplete'
  | 'statusCancel'
  | 'statusNoShow'
  | 'schedulePinboard'
  | 'scheduleDays'
  | 'bookSubmit';

const scheduleKey = (action: ScheduleAction, combos: KeyCombo[]): LocalShortcut => ({ kind: 'local', action, combos, group: 'schedule' });

/** Keys the odontogram (src/renderer/chart) and the perio grid (src/renderer/perio) handle themselves, while focused. */
export type ChairsideAction =
  | 'chartMove'
  | 'chartRange'
  | 'chartSurface'
  | 'chartRecord'
  | 'chartUndo'
  | 'chartRedo'
  | 'chartClear'
  | 'perioDepth'
  | 'perioTens'
  | 'perioCoronal'
  | 'perioMarks'
  | 'perioMobility'
  | 'perioFurcation'
  | 'perioBack'
  | 'perioSkip';

const chartKey = (action: ChairsideAction, combos: KeyCombo[]): LocalShortcut => ({ kind: 'local', action, combos, group: 'chart' });
const perioKey = (action: ChairsideAction, combos: KeyCombo[]): LocalShortcut => ({ kind: 'local', action, combos, group: 'perio' });
const ARROWS: KeyCombo[] = [{ key: 'ArrowUp', label: '↑' }, { key: 'ArrowDown', label: '↓' }, { key: 'ArrowLeft', label: '←' }, { key: 'ArrowRight', label: '→' }];

export type Shortcut = GlobalShortcut | LocalShortcut;

const panel = (id: PanelId, digit: number): GlobalShortcut => ({
  kind: 'global',
  action: `panel.${id}`,
  combos: [{ code: `Digit${digit}`, alt: true, label: String(digit) }],
  group: 'panels',
  inFields: true,
});

export const SHORTCUTS: readonly Shortcut[] = [
  { kind: 'global', action: 'palette', combos: [{ key: 'k', mod: true }], group: 'general', inFields: true },
  { kind: 'global', action: 'help', combos: [{ key: '?' }], group: 'general', inFields: false },
  { kind: 'global', action: 'lock', combos: [{ key: 'l', mod: true }], group: 'general', inFields: true },
  { kind: 'global', action: 'nextRegion', combos: [{ key: 'F6', shift: false }], group: 'layout', inFields: true },
  { kind: 'global', action: 'previousRegion', combos: [{ key: 'F6', shift: true }], group: 'layout', inFields: true },
  { kind: 'local', action: 'resize', combos: [{ key: 'ArrowLeft', label: '←' }, { key: 'ArrowRight', label: '→' }], group: 'layout' },
  { kind: 'local', action: 'resizeEdge', combos: [{ key: 'Home' }, { key: 'End' }], group: 'layout' },
  {
    kind: 'global',
    action: 'searchPatient',
    combos: [{ key: 'f', mod: true, inFields: true }, { key: '/' }],
    group: 'patients',
    inFields: false,
  },
  { kind: 'local', action: 'searchMove', combos: [{ key: 'ArrowUp', label: '↑' }, { key: 'ArrowDown', label: '↓' }], group: 'patients' },
  { kind: 'local', action: 'searchOpen', combos: [{ key: 'Enter' }], group: 'patients' },
  { kind: 'local', action: 'searchClose', combos: [{ key: 'Escape', label: 'Esc' }], group: 'patients' },
  { kind: 'global', action: 'newPatient', combos: [{ code: 'KeyN', alt: true, label: 'N' }], group: 'patients', inFields: true },
  { kind: 'local', action: 'tabsMove', combos: [{ key: 'ArrowLeft', label: '←' }, { key: 'ArrowRight', label: '→' }], group: 'patients' },
  { kind: 'global', action: 'bookAppointment', combos: [{ code: 'KeyB', alt: true, label: 'B' }], group: 'schedule', inFields: true },
  { kind: 'global', action: 'focusSchedule', combos: [{ code: 'Digit0', alt: true, label: '0' }], group: 'schedule', inFields: true },
  scheduleKey('scheduleMove', [{ key: 'ArrowUp', label: '↑' }, { key: 'ArrowDown', label: '↓' }, { key: 'ArrowLeft', label: '←' }, { key: 'ArrowRight', label: '→' }]),
  scheduleKey('scheduleOpen', [{ key: 'Enter' }]),
  scheduleKey('scheduleMoveAppointment', [{ key: 'ArrowUp', alt: true, label: '↑' }, { key: 'ArrowDown', alt: true, label: '↓' }, { key: 'ArrowLeft', alt: true, label: '←' }, { key: 'ArrowRight', alt: true, label: '→' }]),
  scheduleKey('scheduleResize', [{ key: 'ArrowUp', shift: true, label: '↑' }, { key: 'ArrowDown', shift: true, label: '↓' }]),
  scheduleKey('statusConfirm', [{ key: 'c' }]),
  scheduleKey('statusArrive', [{ key: 'a' }]),
  scheduleKey('statusSeat', [{ key: 's' }]),
  scheduleKey('statusComplete', [{ key: 'f' }]),
  scheduleKey('statusCancel', [{ key: 'x' }]),
  scheduleKey('statusNoShow', [{ key: 'n' }]),
  scheduleKey('schedulePinboard', [{ key: 'p' }, { key: 'Delete', label: 'Supr' }]),
  scheduleKey('scheduleDays', [{ key: 'PageUp' }, { key: 'PageDown' }]),
  scheduleKey('bookSubmit', [{ key: 'Enter', mod: true }]),
  chartKey('chartMove', ARROWS),
  chartKey('chartRange', [{ key: 'ArrowLeft', shift: true, label: '←' }, { key: 'ArrowRight', shift: true, label: '→' }]),
  chartKey('chartSurface', ['M', 'O', 'I', 'D', 'B', 'F', 'V', 'L', 'P'].map((key) => ({ key }))),
  chartKey('chartRecord', [{ key: 'Enter' }]),
  chartKey('chartUndo', [{ key: 'z', mod: true }]),
  chartKey('chartRedo', [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }]),
  chartKey('chartClear', [{ key: 'Escape', label: 'Esc' }]),
  perioKey('perioDepth', [{ key: '0', label: '0–9' }]),
  perioKey('perioTens', [{ key: '0', mod: true, label: '0–9' }]),
  perioKey('perioCoronal', [{ key: '+' }]),
  perioKey('perioMarks', ['B', 'S', 'P', 'C'].map((key) => ({ key }))),
  perioKey('perioMobility', [{ key: 'M' }]),
  perioKey('perioFurcation', [{ key: 'F' }]),
  perioKey('perioBack', [{ key: 'Backspace', label: '⌫' }]),
  perioKey('perioSkip', [{ key: 'ArrowRight', label: '→' }, { key: 'ArrowLeft', label: '←' }]),
  panel('patient', 1),
  panel('patientImport', 2),
  panel('users', 3),
  panel('practice', 4),
  panel('audit', 5),
  panel('clinical', 6),
  { kind: 'local', action: 'paletteMove', combos: [{ key: 'ArrowUp', label: '↑' }, { key: 'ArrowDown', label: '↓' }], group: 'palette' },
  { kind: 'local', action: 'paletteRun', combos: [{ key: 'Enter' }], group: 'palette' },
  { kind: 'local', action: 'dialogClose', combos: [{ key: 'Escape', label: 'Esc' }], group: 'general' },
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['general', 'patients', 'schedule', 'chart', 'perio', 'panels', 'layout', 'palette'];

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function matches(combo: KeyCombo, event: KeyboardEvent): boolean {
  if (combo.code ? event.code !== combo.code : event.key.toLowerCase() !== combo.key?.toLowerCase()) return false;
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (Boolean(combo.mod) !== mod || Boolean(combo.alt) !== event.altKey) return false;
  // `?` is typed with Shift on most layouts, so Shift only counts where the combo names it.
  if (combo.shift !== undefined || combo.mod || combo.alt) {
    if (Boolean(combo.shift) !== event.shiftKey) return false;
  }
  return true;
}

/** The keys of a combo as the user reads them on their keyboard, e.g. ["Ctrl", "K"]. */
export function comboKeys(combo: KeyCombo): string[] {
  const keys: string[] = [];
  if (combo.mod) keys.push(isMac ? '⌘' : 'Ctrl');
  if (combo.alt) keys.push(isMac ? '⌥' : 'Alt');
  if (combo.shift) keys.push(isMac ? '⇧' : 'Shift');
  const main = combo.label ?? combo.key ?? '';
  keys.push(main.length === 1 ? main.toUpperCase() : main);
  return keys;
}

export function shortcutFor(action: GlobalAction): GlobalShortcut | undefined {
  return SHORTCUTS.find((s): s is GlobalShortcut => s.kind === 'global' && s.action === action);
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}
