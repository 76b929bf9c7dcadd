import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/app-core';
import { applyRemoteBatch, foldAcknowledged } from '../../src/main/sync/apply-remote';
import { sealChange } from '../../src/main/sync/sync-crypto';
import { decideField, fieldStep, hlcDevice, isConcurrent, observedOf, replaceObservedValues, type RowClocks, setObserved } from '../../src/shared/sync/apply-rules';
import { encodeHlc } from '../../src/shared/sync/hlc';
import type { SequencedEnvelope } from '../../src/shared/sync/protocol';
import { call, setUpPractice } from '../support/practice';

/*
 * Which field conflicts a replica records, for edits arriving in every order
 * (see the definition in src/shared/sync/apply-rules.ts): the losing value of
 * two concurrent edits of one field, once, with the same id everywhere.
 */

const hlcAt = (wallMs: number, node: string) => encodeHlc({ wallMs, counter: 0, node });

describe('concurrency of two edits', () => {
  const earlier = { hlc: hlcAt(1_000, 'ws-a'), seq: 5, seen: 4 };
  it('is judged both ways: an edit whose author had seen the other is not concurrent with it', () => {
    // A fresh edit from a workstation that had not seen seq 5.
    expect(isConcurrent(earlier, { hlc: hlcAt(2_000, 'ws-b'), deviceId: 'ws-b', seenSeq: 4, seq: 6 })).toBe(true);
    // One that had.
    expect(isConcurrent(earlier, { hlc: hlcAt(2_000, 'ws-b'), deviceId: 'ws-b', seenSeq: 5, seq: 6 })).toBe(false);
    // An old change (seq 3) delivered again after the value that replaced it, whose author had seen it (seen 4).
    expect(isConcurrent(earlier, { hlc: hlcAt(500, 'ws-b'), deviceId: 'ws-b', seenSeq: 0, seq: 3 })).toBe(false);
    // The same device never conflicts with itself.
    expect(isConcurrent(earlier, { hlc: hlcAt(2_000, 'ws-a'), deviceId: 'ws-a', seenSeq: 0, seq: 6 })).toBe(false);
    // A local edit not yet acknowledged (seq 0) that had seen seq 3: concurrent with seq 4, not with seq 3.
    const pending = { hlc: hlcAt(1_500, 'ws-a'), seq: 0, seen: 3 };
    expect(isConcurrent(pending, { hlc: hlcAt(2_000, 'ws-b'), deviceId: 'ws-b', seenSeq: 0, seq: 4 })).toBe(true);
    expect(isConcurrent(pending, { hlc: hlcAt(800, 'ws-b'), deviceId: 'ws-b', seenSeq: 0, seq: 3 })).toBe(false);
  });

  it('last writer wins by HLC; a tombstone wins over a concurrent edit clearing it, and the clearing edit is the conflict', () => {
    const later = { hlc: hlcAt(2_000, 'ws-b'), deviceId: 'ws-b', seenSeq: 4, seq: 6 };
    expect(decideField(earlier, later)).toEqual({ write: true, conflict: true });
    expect(decideField(earlier, later, { currentSet: true, incomingSet: false })).toEqual({ write: false, conflict: true });
    expect(decideField(earlier, { ...later, seenSeq: 5 }, { currentSet: true, incomingSet: false })).toEqual({ write: true, conflict: false });
  });
});

describe('one step of the office log for one field', () => {
  const held = { clock: { hlc: hlcAt(1_000, 'ws-a'), seq: 5, seen: 4 }, value: '"Uno"' };
  const concurrent = { hlc: hlcAt(2_000, 'ws-b'), deviceId: 'ws-b', seenSeq: 4, seq: 6 };
  it('names the loser of two concurrent edits with different values, and nothing for the same value or a seen one', () => {
    expect(fieldStep(held, concurrent, '"Dos"', false)).toEqual({ write: true, lost: 'held' });
    expect(fieldStep(held, { ...concurrent, hlc: hlcAt(500, 'ws-b') }, '"Dos"', false)).toEqual({ write: false, lost: 'incoming' });
    expect(fieldStep(held, concurrent, '"Uno"', false)).toEqual({ write: true, lost: null });
    expect(fieldStep(held, { ...concurrent, seenSeq: 5 }, '"Dos"', false)).toEqual({ write: true, lost: null });
  });

  it('keeps a value aside and overwrites it when the row is erased, keeping its clock', () => {
    const clocks: RowClocks = { '*': [hlcAt(1, 'ws-a'), 1, 0] };
    setObserved(clocks, 'first_surname', held);
    expect(observedOf(clocks, 'first_surname')).toEqual(held);
    expect(observedOf(clocks, 'email')).toBeUndefined();
    expect(replaceObservedValues(clocks, { first_surname: '', email: '' })).toBe(true);
    expect(observedOf(clocks, 'first_surname')).toEqual({ clock: held.clock, value: '""' });
    expect(JSON.stringify(clocks)).not.toContain('Uno');
  });
});

/** A practice with one patient, everything written so far acknowledged by the hub; remote edits of its surname are applied to it. */
async function practice() {
  const { core } = await setUpPractice();
  const patient = await call(core, 'admin', 'patients.create', { draft: { givenNames: 'Camila', firstSurname: 'Fuentes', secondSurname: 'Araya' } });
  const store = core.vault.store();
  const syncKey = randomBytes(32);
  // The practice's first writes went to the hub and came back: the cursor is past them.
  let seq = await store.exclusive((sqlite) => {
    const acknowledged = acknowledgeAll(sqlite, 0).length;
    sqlite.prepare(`INSERT INTO sync_state (key, value) VALUES ('cursor', ?)`).run(String(acknowledged));
    return acknowledged;
  });
  const base = seq;
  // What a local write says it had seen, as the sync client would have it.
  store.syncCursor = base;
  const start = Date.now();
  return {
    core,
    key: syncKey,
    start,
    patientId: patient.id,
    /** The hub sequence number everything local had reached before the edits. */
    base,
    /** A remote edit of the surname, `ms` after the start, by `device`, having seen `seenSeq`, sequenced `at`. */
    edit(device: string, ms: number, value: string, seenSeq: number, at: number): SequencedEnvelope {
      return this.change(device, ms, { first_surname: value }, seenSeq, at);
    },
    change(device: string, ms: number, fields: Record<string, unknown>, seenSeq: number, at: number): SequencedEnvelope {
      return {
        ...sealChange(
          syncKey,
          { changeId: `${device}-${ms}`, hlc: hlcAt(start + ms, device), deviceId: device, userId: null, role: 'admin', table: 'patients', rowId: patient.id, op: 'update', seenSeq },
          fields,
        ),
        seq: at,
      };
    },
    async apply(changes: SequencedEnvelope[]) {
      const outcome = await store.exclusive((sqlite) => applyRemoteBatch({ sqlite, syncKey, selfDeviceId: store.deviceId, clock: store.clock }, changes));
      store.syncCursor = Math.max(store.syncCursor, outcome.cursor);
      return outcome;
    },
    /** This workstation's own unsent edits reach the hub now, at the next sequence numbers; returns them as the hub will send them back. */
    acknowledge(): Promise<SequencedEnvelope[]> {
      return store.exclusive((sqlite) => {
        const echoes = acknowledgeAll(sqlite, Math.max(seq, cursorOf(sqlite))).map(({ row, at }) => ({
          ...sealChange(
            syncKey,
            { changeId: row.change_id, hlc: row.hlc, deviceId: store.deviceId, userId: null, role: 'admin', table: row.table_name, rowId: row.row_id, op: row.op as 'update', seenSeq: row.seen_seq },
            JSON.parse(row.fields) as Record<string, unknown>,
          ),
          seq: at,
        }));
        seq = Math.max(seq, ...echoes.map((e) => e.seq));
        return echoes;
      });
    },
    async surname(): Promise<string> {
      return (await store.db.selectFrom('patients').select('first_surname').where('id', '=', patient.id).executeTakeFirstOrThrow()).first_surname;
    },
    conflicts: () => fieldConflicts(core),
  };
}

function cursorOf(sqlite: Database.Database): number {
  const row = sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'cursor'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

interface OutboxRow {
  change_id: string;
  table_name: string;
  row_id: string;
  op: string;
  hlc: string;
  fields: string;
  seen_seq: number;
}

/** As the sync client does on the hub's answer: each outbox change gets the next sequence number and leaves the outbox. */
function acknowledgeAll(sqlite: Database.Database, after: number): { row: OutboxRow; at: number }[] {
  const rows = sqlite.prepare(`SELECT change_id, table_name, row_id, op, hlc, fields, seen_seq FROM sync_outbox ORDER BY hlc`).all() as OutboxRow[];
  return rows.map((row, i) => {
    const at = after + 1 + i;
    foldAcknowledged(sqlite, { table: row.table_name, rowId: row.row_id, op: row.op, hlc: row.hlc, fields: JSON.parse(row.fields) as Record<string, unknown>, seenSeq: row.seen_seq }, at);
    sqlite.prepare(`DELETE FROM sync_outbox WHERE change_id = ?`).run(row.change_id);
    return { row, at };
  });
}

async function fieldConflicts(core: AppCore): Promise<{ field: string; lost: unknown; device: string }[]> {
  const rows = await core.vault.store().db.selectFrom('sync_conflicts').select(['field', 'lost_value', 'lost_device_id']).where('kind', '=', 'field').orderBy('lost_hlc').execute();
  return rows.map((r) => ({ field: r.field!, lost: JSON.parse(r.lost_value!), device: r.lost_device_id! }));
}

describe('field conflicts on a replica that made none of the edits', () => {
  it('two concurrent edits leave the lower HLC for review, once, whichever arrives first', async () => {
    for (const winnerFirst of [false, true]) {
      const p = await practice();
      const uno = p.edit('ws-uno', 1000, 'Uno', p.base, 0);
      const dos = p.edit('ws-dos', 2000, 'Dos', p.base, 0);
      const order = winnerFirst ? [dos, uno] : [uno, dos];
      order.forEach((e, i) => (e.seq = p.base + 1 + i));
      await p.apply(order);
      // Delivered again: no second record.
      await p.core.vault.store().exclusive((sqlite) => sqlite.prepare(`UPDATE sync_state SET value = ? WHERE key = 'cursor'`).run(String(p.base)));
      await p.apply(order);
      expect(await p.surname()).toBe('Dos');
      expect(await p.conflicts()).toEqual([{ field: 'first_surname', lost: 'Uno', device: 'ws-uno' }]);
      await p.core.close();
    }
  });

  it('two concurrent edits to the same value are no conflict, nor is an edit made after seeing the other', async () => {
    const p = await practice();
    await p.apply([p.edit('ws-uno', 1000, 'Igual', p.base, p.base + 1), p.edit('ws-dos', 2000, 'Igual', p.base, p.base + 2), p.edit('ws-tres', 3000, 'Visto', p.base + 2, p.base + 3)]);
    expect(await p.surname()).toBe('Visto');
    expect(await p.conflicts()).toEqual([]);
    await p.core.close();
  });

  it('three edits, the third made after seeing the first but not the second: what the office log holds between them decides', async () => {
    // Hub order first, third, second: the third replaced the first knowingly; the second lost to the third.
    {
      const p = await practice();
      const b = p.base;
      await p.apply([p.edit('ws-uno', 1000, 'Uno', b, b + 1), p.edit('ws-tres', 3000, 'Tres', b + 1, b + 2), p.edit('ws-dos', 2000, 'Dos', b, b + 3)]);
      expect(await p.surname()).toBe('Tres');
      expect(await p.conflicts()).toEqual([{ field: 'first_surname', lost: 'Dos', device: 'ws-dos' }]);
      await p.core.close();
    }
    // Hub order first, second, third: every replica showed the second over the first for a while, then the third over the second.
    {
      const p = await practice();
      const b = p.base;
      await p.apply([p.edit('ws-uno', 1000, 'Uno', b, b + 1), p.edit('ws-dos', 2000, 'Dos', b, b + 2), p.edit('ws-tres', 3000, 'Tres', b + 1, b + 3)]);
      expect(await p.surname()).toBe('Tres');
      expect(await p.conflicts()).toEqual([
        { field: 'first_surname', lost: 'Uno', device: 'ws-uno' },
        { field: 'first_surname', lost: 'Dos', device: 'ws-dos' },
      ]);
      await p.core.close();
    }
  });

  it('a deletion wins over a concurrent edit clearing it, whatever the clocks, and the clearing edit is kept for review, in both orders', async () => {
    for (const deletionFirst of [false, true]) {
      const p = await practice();
      const b = p.base;
      const deletion = p.change('ws-borra', 1000, { deleted_at: '2026-03-04T10:00:00.000Z' }, b, 0);
      const clearing = p.change('ws-deja', 2000, { deleted_at: null }, b, 0);
      const order = deletionFirst ? [deletion, clearing] : [clearing, deletion];
      order.forEach((e, i) => (e.seq = b + 1 + i));
      await p.apply(order);
      const row = await p.core.vault.store().db.selectFrom('patients').select('deleted_at').where('id', '=', p.patientId).executeTakeFirstOrThrow();
      expect(row.deleted_at).toBe('2026-03-04T10:00:00.000Z');
      expect(await p.conflicts()).toEqual([{ field: 'deleted_at', lost: null, device: 'ws-deja' }]);
      await p.core.close();
    }
  });
});

describe('field conflicts on the replica that made one of the edits', () => {
  it('its own unsent edit against an incoming one: the loser is kept for review, the same record every other replica keeps', async () => {
    for (const ownWins of [false, true]) {
      const p = await practice();
      const me = p.core.vault.store().deviceId;
      // This workstation edits the surname while apart; another had done so too, unseen.
      const current = await call(p.core, 'admin', 'patients.get', { id: p.patientId });
      // The other edit, made after the patient reached it, is stamped either before this one or after it.
      await new Promise((r) => setTimeout(r, 5));
      await call(p.core, 'admin', 'patients.update', { id: p.patientId, draft: { givenNames: current.givenNames, firstSurname: 'Mío', secondSurname: current.secondSurname } as never });
      const other = p.edit('ws-otro', ownWins ? 0 : 60_000, 'Otro', p.base, p.base + 1);
      await p.apply([other]);
      await p.apply(await p.acknowledge());
      expect(await p.surname()).toBe(ownWins ? 'Mío' : 'Otro');
      const conflicts = await p.conflicts();
      expect(conflicts).toEqual([ownWins ? { field: 'first_surname', lost: 'Otro', device: 'ws-otro' } : { field: 'first_surname', lost: 'Mío', device: me }]);
      await p.core.close();
    }
  });

  it('erasing the patient leaves nothing of the name in what was kept aside for conflicts', async () => {
    const p = await practice();
    await rename(p.core, p.patientId, 'Otro');
    const before = await p.core.vault.store().exclusive((sqlite) => sqlite.prepare(`SELECT clocks FROM sync_row_clocks WHERE row_id = ?`).pluck().get(p.patientId) as string);
    expect(before).toContain('Fuentes');
    const result = await call(p.core, 'admin', 'privacy.erase', { patientId: p.patientId, requestedBy: 'patient' });
    expect(result.decision).toBe('anonymised');
    const after = await p.core.vault.store().exclusive((sqlite) => sqlite.prepare(`SELECT clocks FROM sync_row_clocks WHERE row_id = ?`).pluck().get(p.patientId) as string);
    expect(after).not.toMatch(/Fuentes|Camila|Araya/);
    await p.core.close();
  });

  it('the third edit of a replica that had seen the first, for both places of the second in the log', async () => {
    for (const secondFirst of [false, true]) {
      const p = await practice();
      const b = p.base;
      await p.apply([p.edit('ws-uno', 0, 'Uno', b, b + 1)]);
      await new Promise((r) => setTimeout(r, 10));
      await rename(p.core, p.patientId, 'Tres');
      const dos = p.edit('ws-dos', 1, 'Dos', b, 0);
      if (secondFirst) {
        // The second reached the hub before this workstation's edit: every replica held it over the first for a while.
        dos.seq = b + 2;
        await p.apply([dos]);
        const echoes = await p.acknowledge();
        expect(echoes.map((e) => e.seq)).toEqual([b + 3]);
        await p.apply(echoes);
      } else {
        // This workstation's edit reached the hub first: it had replaced the first knowingly; the second lost to it.
        const echoes = await p.acknowledge();
        expect(echoes.map((e) => e.seq)).toEqual([b + 2]);
        dos.seq = b + 3;
        await p.apply([...echoes, dos]);
      }
      expect(await p.surname()).toBe('Tres');
      expect(await p.conflicts()).toEqual([
        ...(secondFirst ? [{ field: 'first_surname', lost: 'Uno', device: 'ws-uno' }] : []),
        { field: 'first_surname', lost: 'Dos', device: 'ws-dos' },
      ]);
      await p.core.close();
    }
  });

  it('its own first edit, replaced by its second before a concurrent one arrived between them in the log, is kept for review', async () => {
    const p = await practice();
    const b = p.base;
    const me = p.core.vault.store().deviceId;
    await rename(p.core, p.patientId, 'Uno');
    const first = await p.acknowledge();
    await p.apply(first);
    await new Promise((r) => setTimeout(r, 5));
    await rename(p.core, p.patientId, 'Dos');
    // Another workstation, which had seen neither, typed the same as the second, later.
    await p.apply([p.edit('ws-otro', 60_000, 'Dos', b, b + 2)]);
    const second = await p.acknowledge();
    expect(second.map((e) => e.seq)).toEqual([b + 3]);
    await p.apply(second);
    expect(await p.surname()).toBe('Dos');
    // In the log the other edit met the first (concurrent, different): the first lost. It met the second with the same value: nothing.
    expect(await p.conflicts()).toEqual([{ field: 'first_surname', lost: 'Uno', device: me }]);
    await p.core.close();
  });
});

async function rename(core: AppCore, id: string, firstSurname: string): Promise<void> {
  const current = await call(core, 'admin', 'patients.get', { id });
  await call(core, 'admin', 'patients.update', { id, draft: { givenNames: current.givenNames, firstSurname, secondSurname: current.secondSurname } as never });
}

/*
 * Random histories of one field: three other workstations and this one edit
 * it, push and pull in any interleaving; the hub's log is the model. Whatever
 * this workstation made and whenever it pulled, it must end with exactly the
 * conflicts the definition gives for that log (computed here by folding the
 * log in order, as a replica that made none of the edits would).
 * Reproduce a failure with FC_SEED=<seed printed> (and FC_RUNS).
 */
const SEED = Number(process.env.FC_SEED ?? 20261204);
const RUNS = Number(process.env.FC_RUNS ?? 12);

type Step =
  | { kind: 'remoteEdit'; d: number; value: string; jump: number }
  | { kind: 'remotePush'; d: number }
  | { kind: 'remotePull'; d: number }
  | { kind: 'localEdit'; value: string }
  | { kind: 'localPush' }
  | { kind: 'localPull' };

const value = fc.constantFrom('A', 'B', 'C');
const device = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remoteEdit' as const), d: device, value, jump: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remotePush' as const), d: device }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remotePull' as const), d: device }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('localEdit' as const), value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('localPush' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('localPull' as const) }) },
);

const wallOf = (hlc: string) => Number(hlc.slice(0, 15));

describe('field conflicts on any replica, for any history of one field', () => {
  it('match the definition applied to the office log', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
        const p = await practice();
        const store = p.core.vault.store();
        const me = store.deviceId;
        try {
          /** The hub's log after the practice's first writes, each entry with the value it sets. */
          const log: { env: SequencedEnvelope; value: string }[] = [];
          const head = () => p.base + log.length;
          const devices = [0, 1, 2].map((i) => ({ name: `ws-${i}`, seen: p.base, last: 0, queue: [] as { env: SequencedEnvelope; value: string }[] }));
          const insert = await store.exclusive((sqlite) => (sqlite.prepare(`SELECT clocks FROM sync_row_clocks WHERE row_id = ?`).pluck().get(p.patientId) as string));
          const pull = () => p.apply(log.filter((e) => e.env.seq > store.syncCursor).map((e) => e.env));
          const push = async () => {
            const echoes = await store.exclusive((sqlite) =>
              acknowledgeAll(sqlite, head()).map(({ row, at }) => ({
                env: {
                  ...sealChange(p.key, { changeId: row.change_id, hlc: row.hlc, deviceId: me, userId: null, role: 'admin', table: 'patients', rowId: row.row_id, op: 'update', seenSeq: row.seen_seq }, JSON.parse(row.fields) as Record<string, unknown>),
                  seq: at,
                },
                value: (JSON.parse(row.fields) as { first_surname?: string }).first_surname,
                row: row.row_id,
              })),
            );
            for (const e of echoes) if (e.row === p.patientId && e.value !== undefined) log.push({ env: e.env, value: e.value });
            // Other rows' changes (none here) would take sequence numbers too; keep the log gap-free for this row.
            expect(echoes.every((e) => e.row === p.patientId)).toBe(true);
          };
          for (const s of steps) {
            if (s.kind === 'remoteEdit') {
              const d = devices[s.d]!;
              // Its clock is past everything it has seen, as an HLC is; by how much varies, so it is sometimes ahead of this one, sometimes behind.
              const wall = Math.max(d.last, ...log.filter((e) => e.env.seq <= d.seen).map((e) => wallOf(e.env.hlc) - p.start)) + s.jump;
              d.last = wall;
              d.queue.push({ env: p.edit(d.name, wall, s.value, d.seen, 0), value: s.value });
            } else if (s.kind === 'remotePush') {
              const d = devices[s.d]!;
              for (const e of d.queue.splice(0)) log.push({ env: { ...e.env, seq: head() + 1 }, value: e.value });
            } else if (s.kind === 'remotePull') {
              devices[s.d]!.seen = head();
            } else if (s.kind === 'localEdit') {
              await rename(p.core, p.patientId, s.value);
            } else if (s.kind === 'localPush') {
              await push();
            } else {
              await pull();
            }
          }
          for (const d of devices) for (const e of d.queue.splice(0)) log.push({ env: { ...e.env, seq: head() + 1 }, value: e.value });
          await push();
          await pull();

          // The definition, folded over the log in order, from the insert.
          const [hlc0, seq0] = (JSON.parse(insert) as RowClocks)['*']!;
          let held = { clock: { hlc: hlc0, seq: seq0, seen: 0 }, value: '"Fuentes"' };
          const expected: { field: string; lost: unknown; device: string; hlc: string }[] = [];
          for (const { env, value: v } of [...log].sort((a, b) => a.env.seq - b.env.seq)) {
            const json = JSON.stringify(v);
            const outcome = fieldStep(held, { hlc: env.hlc, deviceId: env.deviceId, seenSeq: env.seenSeq, seq: env.seq }, json, false);
            if (outcome.lost === 'held') expected.push({ field: 'first_surname', lost: JSON.parse(held.value), device: hlcDevice(held.clock.hlc), hlc: held.clock.hlc });
            if (outcome.lost === 'incoming') expected.push({ field: 'first_surname', lost: v, device: env.deviceId, hlc: env.hlc });
            if (outcome.write) held = { clock: { hlc: env.hlc, seq: env.seq, seen: env.seenSeq }, value: json };
          }
          const byHlc = (a: { hlc: string }, b: { hlc: string }) => (a.hlc < b.hlc ? -1 : 1);
          expect(await p.conflicts()).toEqual(expected.sort(byHlc).map(({ hlc: _, ...c }) => c));
          expect(await p.surname()).toBe(JSON.parse(held.value));
        } finally {
          await p.core.close();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
