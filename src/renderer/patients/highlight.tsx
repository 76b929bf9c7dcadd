import type { ReactNode } from 'react';
import { fold } from '../../shared/text/fold';

export type Range = readonly [start: number, end: number];
type CharNormalizer = (char: string) => string;

/** Names compare accent- and case-insensitively, as search does ("gonzal" marks "Gonzál" in "González"). */
export const foldChar: CharNormalizer = (char) => fold(char);
/** Documents and phones compare by their digits (and a RUT's K), punctuation ignored. */
export const digitChar: CharNormalizer = (char) => (/[0-9kK]/.test(char) ? char.toLowerCase() : '');

/**
 * Where the terms occur in `text`, as ranges of the original string. Each
 * character is normalized on its own so every position in the normalized
 * text maps back to the character it came from, whatever its length.
 */
export function matchRanges(text: string, terms: readonly string[], normalize: CharNormalizer): Range[] {
  const wanted = terms.filter(Boolean);
  if (wanted.length === 0 || !text) return [];
  let normalized = '';
  const origin: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const part = normalize(char);
    for (let i = 0; i < part.length; i++) {
      origin.push(index);
      ends.push(index + char.length);
    }
    normalized += part;
    index += char.length;
  }
  const found: [number, number][] = [];
  for (const term of wanted) {
    let from = normalized.indexOf(term);
    while (from !== -1) {
      found.push([origin[from]!, ends[from + term.length - 1]!]);
      from = normalized.indexOf(term, from + 1);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The words of a search as name terms, folded. */
export function nameTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** The digits of a search as one term, when there are enough of them to mean a number. */
export function digitTerms(query: string): string[] {
  const digits = [...query].map(digitChar).join('');
  return /\d{2,}/.test(digits) ? [digits] : [];
}

/** Text with its matches wrapped in <mark>; screen readers read it as plain text. */
export function Highlight({ text, terms, normalize = foldChar }: { text: string; terms: readonly string[]; normalize?: CharNormalizer }) {
  const ranges = matchRanges(text, terms, normalize);
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={i} className="match">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
