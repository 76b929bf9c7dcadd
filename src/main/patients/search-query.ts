import { DOCUMENT_TYPES, normalizeDocument } from '../../shared/identity/documents';
import { rutCheckDigit } from '../../shared/identity/rut';
import { digitsOf, fold } from '../../shared/text/fold';

/*
 * What a search box query means, and how well a patient answers it. Pure, so
 * the ranking is tested without a database.
 *
 * Ranking, best first:
 *   0. the query is the patient's document (with or without dots and dash,
 *      or a RUT's body without its check digit);
 *   then, token by token, the best place it matches:
 *   1. a prefix of the first surname,
 *   2. a prefix of the second surname (or of a later word of either surname),
 *   3. a prefix of a given name or the preferred name,
 *   4. anywhere else: inside a name, the document, a phone's digits, the email;
 *   ties by sort_name (surnames, then given names), then id.
 * A patient must answer every token; the classes of a multi-word query are
 * compared best first ("jose gonzalez": José González [1,3] before José
 * Pérez González [2,3]).
 */

export interface SearchQuery {
  /** Folded, single-spaced: the sort_name prefix. */
  text: string;
  tokens: string[];
  /** Tokens the trigram index can look up (3 characters or more). */
  indexable: string[];
  /** Compact forms that would be the patient's document exactly, for the document index. */
  documentKeys: { type: string; number: string }[];
  /** The whole query with its punctuation stripped, compared with compact documents. */
  compact: string;
}

const NUMERIC_QUERY = /^[\d\s+().kK.-]+$/;
const NUMERIC_TOKEN = /^[\d+().kK.-]*\d[\d+().kK.-]*$/;

/** Documents are compared without dots, dashes or spaces, in upper case ("12.345.678-k" → "12345678K"). */
export function compactDocument(text: string): string {
  return text.replace(/[.\s-]/g, '').toUpperCase();
}

/** Digits and K of a numeric-looking token ("12.345", "+56 9", "8765-4321"). */
function compactNumeric(token: string): string {
  return token.replace(/[^\dk]/gi, '').toLowerCase();
}

/** Control and bidi-override characters: pasted in from elsewhere, they match nothing and would reach SQLite's index. */
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

export function parseSearchQuery(raw: string): SearchQuery | null {
  const trimmed = raw.replace(INVISIBLE, ' ').trim();
  if (!trimmed) return null;
  const folded = fold(trimmed).replace(/\s+/g, ' ');
  let tokens: string[];
  if (NUMERIC_QUERY.test(trimmed) && digitsOf(trimmed).length > 0) {
    // "9 8765 4321" or "12.345.678-5": one number, however it was spaced.
    tokens = [compactNumeric(trimmed)];
  } else {
    tokens = folded
      .split(' ')
      .map((t) => (NUMERIC_TOKEN.test(t) ? compactNumeric(t) : t))
      .filter(Boolean);
  }
  tokens = [...new Set(tokens)];
  if (tokens.length === 0) return null;

  const documentKeys: SearchQuery['documentKeys'] = [];
  if (/\d/.test(trimmed)) {
    for (const type of DOCUMENT_TYPES) {
      const number = normalizeDocument(type, trimmed);
      if (number) documentKeys.push({ type, number });
    }
    // A RUT typed without its check digit ("12345678", "12.345.678").
    const body = trimmed.replace(/[.\s]/g, '');
    if (/^\d{7,8}$/.test(body)) documentKeys.push({ type: 'RUT', number: `${Number(body)}-${rutCheckDigit(String(Number(body)))}` });
  }

  return {
    text: folded,
    tokens,
    indexable: tokens.filter((t) => [...t].length >= 3),
    documentKeys,
    compact: compactDocument(trimmed),
  };
}

/** An FTS5 expression: every token must match, each quoted so that no character is read as syntax. */
export function ftsExpression(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}

/** What ranking needs of a patient. */
export interface SearchCandidate {
  id: string;
  given_names: string;
  first_surname: string;
  second_surname: string;
  preferred_name: string | null;
  document_number: string | null;
  /** JSON list of stored phones. */
  phones: string;
  email: string | null;
  sort_name: string;
}

export interface Rank {
  exactDocument: boolean;
  /** One class per token, sorted best first. */
  classes: number[];
  sortName: string;
  id: string;
}

const SEPARATOR = '\u0001';
const wordsOf = (folded: string) => folded.split(/[\s-]+/).filter(Boolean);

export function rankCandidate(query: SearchQuery, candidate: SearchCandidate): Rank | null {
  const mayBeDocument = query.documentKeys.length > 0 || /\d/.test(query.compact);
  const document = mayBeDocument && candidate.document_number ? compactDocument(candidate.document_number) : '';
  const exactDocument =
    document !== '' &&
    (document === query.compact || (/^\d{7,8}$/.test(query.compact) && candidate.document_number!.split('-')[0] === query.compact));

  // One fold for all the names, and the rest only when a token gets that far: a few hundred candidates are ranked per keystroke.
  const [first = '', second = '', given = '', preferred = ''] = fold(
    [candidate.first_surname, candidate.second_surname, candidate.given_names, candidate.preferred_name ?? ''].join(SEPARATOR),
  ).split(SEPARATOR);
  let laterSurnameWords: string[] | undefined;
  let givenWords: string[] | undefined;
  let elsewhere: string | undefined;

  const classes: number[] = [];
  for (const token of query.tokens) {
    const prefixOf = (w: string) => w.startsWith(token);
    let best: number;
    if (first.startsWith(token)) best = 1;
    else if (second.startsWith(token) || (laterSurnameWords ??= [...wordsOf(first).slice(1), ...wordsOf(second)]).some(prefixOf)) best = 2;
    else if ((givenWords ??= [...wordsOf(given), ...wordsOf(preferred)]).some(prefixOf)) best = 3;
    else if (
      (elsewhere ??= [
        given,
        first,
        second,
        preferred,
        (candidate.email ?? '').toLowerCase(),
        (candidate.document_number ? compactDocument(candidate.document_number) : '').toLowerCase(),
        // Each phone's digits apart, so a fragment never spans two numbers.
        ...(candidate.phones.match(/\+\d+/g) ?? []).map((p) => p.slice(1)),
      ].join('\n')).includes(token)
    ) {
      best = 4;
    } else if (exactDocument) best = 4;
    else return null;
    classes.push(best);
  }
  classes.sort((a, b) => a - b);
  return { exactDocument, classes, sortName: candidate.sort_name, id: candidate.id };
}

export function compareRanks(a: Rank, b: Rank): number {
  if (a.exactDocument !== b.exactDocument) return a.exactDocument ? -1 : 1;
  for (let i = 0; i < Math.min(a.classes.length, b.classes.length); i++) {
    if (a.classes[i] !== b.classes[i]) return a.classes[i]! - b.classes[i]!;
  }
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
