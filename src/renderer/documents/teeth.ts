import { type Notation, type ToothId, formatTooth, parseTooth } from '../../shared/chart/teeth';

/** "11, 12 21" in the practice's numbering as tooth ids, or the first entry that is no tooth. */
export function parseTeeth(text: string, notation: Notation): { teeth: ToothId[]; bad: string | null } {
  const teeth: ToothId[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const tooth = parseTooth(part, notation);
    if (!tooth) return { teeth, bad: part };
    if (!teeth.includes(tooth)) teeth.push(tooth);
  }
  return { teeth, bad: null };
}

export function formatTeeth(teeth: readonly string[], notation: Notation): string {
  return teeth.map((tooth) => formatTooth(tooth, notation)).join(', ');
}
