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

/**
 * Every word typed must appear somewhere in the label, group or keywords.
 * Matches in the label rank first (at the start of a word, higher still), so
 * "clin" puts "Clinical preferences" above a panel that only has it as a keyword.
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const scored: { command: Command; score: number }[] = [];
  for (const command of commands) {
    const label = fold(command.label);
    const rest = fold(`${command.group} ${command.keywords ?? ''}`);
    let score = 0;
    for (const word of words) {
      if (label.startsWith(word) || label.includes(` ${word}`)) score += 3;
      else if (label.includes(word)) score += 2;
      else if (rest.includes(word)) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score >= 0) scored.push({ command, score });
  }
  // Array.prototype.sort is stable, so equal scores keep the list's own order.
  return scored.sort((a, b) => b.score - a.score).map((entry) => entry.command);
}
