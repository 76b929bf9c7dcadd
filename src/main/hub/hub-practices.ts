import type { Kysely } from 'kysely';
import type { HubSchema } from './hub-store';

/**
 * A practice's row in a store of several (PostgreSQL): made on its first
 * enrollment, and locked for the rest of the transaction, so two hubs
 * enrolling or sequencing for one practice take turns.
 */
export async function ensurePractice(tx: Kysely<HubSchema>, practiceId: string, now = new Date()): Promise<void> {
  await tx
    .insertInto('hub_practices')
    .values({ practice_id: practiceId, head: 0, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('practice_id').doNothing())
    .execute();
  await tx.selectFrom('hub_practices').select('practice_id').where('practice_id', '=', practiceId).forUpdate().executeTakeFirstOrThrow();
}
