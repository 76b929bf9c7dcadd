import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockHubFolder } from './hub-folder-lock';
import { openPostgresHubStore } from './hub-postgres';
import { ensurePractice } from './hub-practices';
import { getMeta, openHubStore, type HubSchema } from './hub-store';

/**
 * Moves an embedded hub into PostgreSQL: its identity (so the workstations'
 * pinned certificate still answers), its devices (so their tokens still
 * work), its log with the same sequence numbers (so every workstation's
 * cursor stays right) and its refusals. Then it proves nothing was lost:
 * same count, and every change compared field by field, through a running
 * hash over both logs in sequence order. Safe to run again: what is already
 * there is kept, and verified like the rest.
 */
export interface MigrationReport {
  practiceId: string;
  changes: number;
  devices: number;
  head: number;
  /** SHA-256 over every change, in order, as both stores hold it. */
  digest: string;
}

export class MigrationMismatch extends Error {}

const CHUNK = 2000;
type LogRow = HubSchema['hub_log'];

/** The canonical form of one change: every column the workstations receive, plus when and for whom it was logged. */
function canonical(r: LogRow): string {
  return JSON.stringify([r.practice_id, Number(r.seq), r.change_id, r.hlc, r.device_id, r.user_id, r.role, r.table_name, r.row_id, r.op, Number(r.seen_seq), r.sealed, r.received_at]);
}

async function* logChunks(db: Kysely<HubSchema>, practiceId: string): AsyncGenerator<LogRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('hub_log').selectAll().where('practice_id', '=', practiceId).where('seq', '>', after).orderBy('seq').limit(CHUNK).execute();
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.seq);
    yield rows;
  }
}

export async function migrateEmbeddedHub(options: { dir: string; key: Buffer; postgresUrl: string; passphrase: string; log?: (line: string) => void }): Promise<MigrationReport> {
  const say = options.log ?? (() => {});
  // The embedded hub must be stopped: nothing may land in it while it is copied.
  const release = await lockHubFolder(options.dir);
  try {
    const source = await openHubStore(options.dir, options.key);
    try {
      const practiceId = await getMeta(source.db, 'practice_id');
      const hubId = await getMeta(source.db, 'hub_id');
      const keyPem = await getMeta(source.db, 'tls_key');
      const certPem = await getMeta(source.db, 'tls_cert');
      if (!practiceId || !hubId || !keyPem || !certPem) throw new MigrationMismatch('The embedded hub has no practice yet: nothing to migrate');
      const target = await openPostgresHubStore({ url: options.postgresUrl, passphrase: options.passphrase, identity: { hubId, keyPem, certPem }, poolSize: 2 });
      try {
        const devices = await source.db.selectFrom('hub_devices').selectAll().execute();
        await target.db.transaction().execute(async (tx) => {
          await ensurePractice(tx, practiceId);
          for (const d of devices) {
            await tx
              .insertInto('hub_devices')
              .values({ ...d, practice_id: practiceId, applied_seq: Number(d.applied_seq) })
              .onConflict((oc) => oc.columns(['practice_id', 'device_id']).doNothing())
              .execute();
          }
        });
        say(`devices: ${devices.length}`);

        let copied = 0;
        for await (const rows of logChunks(source.db, practiceId)) {
          await target.db
            .insertInto('hub_log')
            .values(rows.map((r) => ({ ...r, practice_id: practiceId, seq: Number(r.seq), seen_seq: Number(r.seen_seq) })))
            .onConflict((oc) => oc.columns(['practice_id', 'seq']).doNothing())
            .execute();
          copied += rows.length;
          say(`changes copied: ${copied}`);
        }
        const refusals = await source.db.selectFrom('hub_refusals').selectAll().execute();
        // Refusals have no natural key: copied only into a practice that has none yet, so a rerun adds no duplicates.
        const hasRefusals = await target.db.selectFrom('hub_refusals').select('id').where('practice_id', '=', practiceId).limit(1).executeTakeFirst();
        if (!hasRefusals && refusals.length > 0) {
          for (let i = 0; i < refusals.length; i += CHUNK) {
            await target.db
              .insertInto('hub_refusals')
              .values(refusals.slice(i, i + CHUNK).map(({ id: _id, ...r }) => ({ ...r, practice_id: practiceId })))
              .execute();
          }
        }

        // The head moves to the copied log's end; never backwards, if hubs on PostgreSQL already took more.
        const sourceHead = Number((await source.db.selectFrom('hub_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst())?.m ?? 0);
        await target.db.updateTable('hub_practices').set({ head: sourceHead }).where('practice_id', '=', practiceId).where('head', '<', sourceHead).execute();

        const report = await verify(source.db, target.db, practiceId, devices.length);
        say(`verified: ${report.changes} changes, digest ${report.digest}`);
        return report;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  } finally {
    release();
  }
}

/** Both logs read in sequence order and compared change by change; any difference names the first seq that differs. */
async function verify(source: Kysely<HubSchema>, target: Kysely<HubSchema>, practiceId: string, deviceCount: number): Promise<MigrationReport> {
  const count = async (db: Kysely<HubSchema>) =>
    Number((await db.selectFrom('hub_log').select((eb) => eb.fn.countAll().as('n')).where('practice_id', '=', practiceId).executeTakeFirstOrThrow()).n);
  const [sourceCount, targetCount] = [await count(source), await count(target)];
  if (sourceCount !== targetCount) throw new MigrationMismatch(`PostgreSQL holds ${targetCount} changes of practice ${practiceId}, the embedded hub ${sourceCount}`);
  const digest = createHash('sha256');
  const theirs = logChunks(target, practiceId);
  let pending: LogRow[] = [];
  let compared = 0;
  for await (const rows of logChunks(source, practiceId)) {
    for (const row of rows) {
      if (pending.length === 0) pending = (await theirs.next()).value ?? [];
      const other = pending.shift();
      const mine = canonical(row);
      if (!other || canonical(other) !== mine) throw new MigrationMismatch(`change seq ${Number(row.seq)} (${row.change_id}) differs in PostgreSQL`);
      digest.update(mine).update('\n');
      compared++;
    }
  }
  const targetDevices = await target.selectFrom('hub_devices').select(['device_id', 'token_hash']).where('practice_id', '=', practiceId).execute();
  const sourceDevices = await source.selectFrom('hub_devices').select(['device_id', 'token_hash']).execute();
  for (const d of sourceDevices) {
    if (!targetDevices.some((t) => t.device_id === d.device_id && t.token_hash === d.token_hash)) throw new MigrationMismatch(`device ${d.device_id} is missing in PostgreSQL`);
  }
  const head = Number((await target.selectFrom('hub_practices').select('head').where('practice_id', '=', practiceId).executeTakeFirstOrThrow()).head);
  return { practiceId, changes: compared, devices: deviceCount, head, digest: digest.digest('hex') };
}
