import { sql } from 'kysely';
import type { PatientSummary } from '../../shared/contract/patients';
import { currentAlerts } from './medical-history';
import { type PracticeInfo, SUMMARY_COLUMNS, type SummaryRow, toSummary } from './patient-view';
import { type Db } from './patients-repository';
import { compareRanks, ftsExpression, parseSearchQuery, type Rank, rankCandidate, type SearchQuery } from './search-query';

/*
 * Find as you type. Candidates come only from indexes, at most a few hundred:
 *   - the document index, for a query that is a document;
 *   - the sort_name index, for names typed surname first ("gonz", "gonzalez mu"),
 *     which are also the best-ranked matches, already in order;
 *   - the FTS5 trigram index (patient_search) for any part of a name, the
 *     document, a phone's digits or the email, every token of 3+ characters
 *     required; shorter tokens are checked on the candidates;
 *   - for queries made only of 1-2 letter tokens, which trigrams cannot see,
 *     the sort_name index again, one prefix range per token.
 * Then search-query.ts ranks them in JS. When the sort_name range alone fills
 * the page, nothing can outrank it but an exact document, so the trigram
 * index is not consulted at all; otherwise, when a very common fragment
 * matches more than the bound, the first few hundred in index order are
 * ranked: one more letter narrows them, as it does in any find-as-you-type.
 */

/** How many rows one index may contribute before ranking. */
export const SEARCH_CANDIDATES = 200;

const activeOnly = sql`deleted_at IS NULL AND merged_into_id IS NULL`;
const columns = sql.join(SUMMARY_COLUMNS.map((c) => sql.ref(c)));

async function byDocument(db: Db, query: SearchQuery): Promise<SummaryRow[]> {
  if (query.documentKeys.length === 0) return [];
  const pairs = sql.join(query.documentKeys.map((k) => sql`(document_type = ${k.type} AND document_number = ${k.number})`), sql` OR `);
  return (await sql<SummaryRow>`SELECT ${columns} FROM patients WHERE (${pairs}) AND ${activeOnly}`.execute(db)).rows;
}

/** Patients whose sort_name ("surnames given names", folded) starts with the prefix, in that order. */
async function bySortNamePrefix(db: Db, prefix: string, limit: number): Promise<SummaryRow[]> {
  const rows = await sql<SummaryRow>`SELECT ${columns} FROM patients
      WHERE sort_name >= ${prefix} AND sort_name < ${`${prefix}\uffff`} AND ${activeOnly}
      ORDER BY sort_name LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** In rowid order, which FTS5 walks cheapest (ORDER BY rowid DESC costs about twice as much on common fragments). */
async function byTrigrams(db: Db, tokens: readonly string[], limit: number): Promise<SummaryRow[]> {
  const rows = await sql<SummaryRow>`SELECT ${columns} FROM patients
      WHERE rowid IN (SELECT rowid FROM patient_search WHERE patient_search MATCH ${ftsExpression(tokens)} LIMIT ${limit})
      AND ${activeOnly}`.execute(db);
  return rows.rows;
}

async function candidatesFor(db: Db, query: SearchQuery, limit: number): Promise<SummaryRow[]> {
  const found = new Map<string, SummaryRow>();
  const add = (rows: SummaryRow[]) => rows.forEach((r) => found.set(r.id, r));
  add(await byDocument(db, query));
  if (/\p{L}/u.test(query.text)) {
    const prefixed = await bySortNamePrefix(db, query.text, limit);
    add(prefixed);
    if (prefixed.length >= limit) return [...found.values()];
  }
  if (query.indexable.length > 0) {
    add(await byTrigrams(db, query.indexable, SEARCH_CANDIDATES));
  } else {
    const lettered = query.tokens.filter((t) => /\p{L}/u.test(t));
    const share = Math.max(limit, Math.floor(SEARCH_CANDIDATES / Math.max(1, lettered.length)));
    for (const token of lettered) add(await bySortNamePrefix(db, token, share));
  }
  return [...found.values()];
}

export async function searchPatients(db: Db, practice: PracticeInfo, text: string, limit: number): Promise<PatientSummary[]> {
  const query = parseSearchQuery(text);
  if (!query) return [];
  const ranked: { rank: Rank; row: SummaryRow }[] = [];
  for (const row of await candidatesFor(db, query, limit)) {
    const rank = rankCandidate(query, row);
    if (rank) ranked.push({ rank, row });
  }
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  const page = ranked.slice(0, limit).map((r) => r.row);
  const alerts = await currentAlerts(
    db,
    page.map((r) => r.id),
  );
  return page.map((row) => toSummary(row, alerts.get(row.id) ?? [], practice));
}
