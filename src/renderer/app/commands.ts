import type { IconName } from '../ui/Icon';
import type { GlobalAction } from './shortcuts';

export interface Command {
  id: string;
  label: string;
  /** Translated group name, shown beside the label. */
  group: string;
  /** Extra words that should find this command (synonyms, the other language's name). */
  keywords?: string;
  icon: IconName;
  /** Links the entry to its registered shortcut, so the palette shows the same keys as `?`. */
  shortcut?: GlobalAction;
  run: () => void;
}

/** Lower case without accents, so "clinica" finds "Clínica" and "configuracion" finds "Configuración". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Every word typed must appear somewhere in the label, group or keywords; order is kept. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((command) => {
    const haystack = fold(`${command.label} ${command.group} ${command.keywords ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}
