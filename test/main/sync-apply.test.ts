import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/shared/sync/hlc';
import { SITES } from '../../src/shared/perio/sites';
import { applyRemoteBatch } from '../../src/main/sync/apply-remote';
import { sealChange } from '../../src/main/sync/sync-crypto';
import { call } from '../support/practice';
import { chairsideFixture } from './chairside-support';

/*
 * The apply path against a real practice database: what a refused change
 * leaves behind. Changes are applied without a savepoint each (the hot path of
 * a join), so this pins down that a refusal still leaves nothing half-applied.
 */
type Practice = Awaited<ReturnType<typeof chairsideFixture>>;

/**
 * Inserts from another workstation, sealed as it would send them and numbered as the hub would: written in one
 * transaction (one wall time, the counter counting the writes), applied here with `apply`.
 */
function remoteInserts(f: Practice) {
  const store = f.core.vault.store();
  const syncKey = randomBytes(32);
  const device = `other-${randomUUID().slice(0, 8)}`;
  const wallMs = Date.now() - 60_000;
  let seq = 0;
  const change = (table: string, rowId: string, fields: Record<string, unknown>) => {
    seq++;
    return {
      ...sealChange(
        syncKey,
        { changeId: randomUUID(), hlc: encodeHlc({ wallMs, counter: seq, node: device }), deviceId: device, userId: null, role: 'system', table, rowId, op: 'insert', seenSeq: 0 },
        fields,
      ),
      seq,
    };
  };
  const apply = (batch: ReturnType<typeof change>[]) => store.exclusive((sqlite) => applyRemoteBatch({ sqlite, syncKey, selfDeviceId: store.deviceId, clock: store.clock }, batch));
  return { store, change, apply };
}

const signedNote = (f: Practice, noteId: string, versionId: string) => ({
  id: noteId,
  patient_id: f.camila.id,
  appointment_id: null,
  visit_date: '2026-03-04',
  template_id: null,
  title: 'Control',
  status: 'signed',
  created_at: '2026-03-04T12:00:00.000Z',
  created_by: null,
  updated_at: '2026-03-04T12:05:00.000Z',
  signed_at: '2026-03-04T12:05:00.000Z',
  signed_by: 'Dra. Demo',
  signed_version_id: versionId,
  deleted_at: null,
});

describe('applying remote changes', () => {
  it('a late edit of a signed exam is refused whole: the row keeps its values and only the refusal is kept for review, no field conflict', async () => {
    const f = await chairsideFixture();
    const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id, date: '2026-03-04' });
    const readings = Object.fromEntries(exam.teeth.slice(0, 2).map((t) => [t, { sites: Object.fromEntries(SITES.map((s) => [s, { pd: 3, gm: 1, bleeding: false }])) }]));
    const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: { date: exam.date, teeth: exam.teeth, missing: exam.missing, readings: readings as never } });
    await call(f.core, f.hygienist, 'perio.exam.sign', { examId: exam.id, revision: saved.revision });

    // Another chair, which had not seen the signature, moved the exam's date: concurrent with this one's unsent edits, and later.
    const store = f.core.vault.store();
    const syncKey = randomBytes(32);
    const device = `other-${randomUUID().slice(0, 8)}`;
    const envelope = {
      ...sealChange(
        syncKey,
        { changeId: randomUUID(), hlc: encodeHlc({ wallMs: Date.now() + 1000, counter: 0, node: device }), deviceId: device, userId: null, role: 'hygienist', table: 'perio_exams', rowId: exam.id, op: 'update', seenSeq: 0 },
        { exam_date: '2026-03-05', patient_id: f.camila.id },
      ),
      seq: 1,
    };
    const outcome = await store.exclusive((sqlite) => applyRemoteBatch({ sqlite, syncKey, selfDeviceId: store.deviceId, clock: store.clock }, [envelope]));

    expect(outcome).toMatchObject({ applied: 1, parked: 0, cursor: 1, touched: [] });
    const row = await store.db.selectFrom('perio_exams').select(['exam_date', 'status']).where('id', '=', exam.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ exam_date: '2026-03-04', status: 'signed' });
    const conflicts = await store.db.selectFrom('sync_conflicts').select(['kind', 'field']).execute();
    expect(conflicts).toEqual([{ kind: 'refused', field: null }]);
  });
  it('a note version that arrives before its signed note (written child first in one transaction) lands with it, in one batch or parked until the next', async () => {
    const f = await chairsideFixture();
    const { store, change, apply } = remoteInserts(f);
    const version = (noteId: string, versionId: string) => ({ id: versionId, note_id: noteId, patient_id: f.camila.id, parent_ids: '[]', content: 'Sin novedad.', links: '[]', author_id: null, saved_at: '2026-03-04T12:04:00.000Z' });
    const [noteA, versionA, noteB, versionB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

    // One batch: the version first, then its note, already signed.
    const same = await apply([change('clinical_note_versions', versionA, version(noteA, versionA)), change('clinical_notes', noteA, signedNote(f, noteA, versionA))]);
    expect(same).toMatchObject({ applied: 2, parked: 0, cursor: 2 });

    // Split across two pulls: the version waits parked, and goes first in the next batch, before its note signs.
    const first = await apply([change('clinical_note_versions', versionB, version(noteB, versionB))]);
    expect(first).toMatchObject({ parked: 1, cursor: 3 });
    expect(await store.db.selectFrom('sync_parked').select('reason').execute()).toEqual([{ reason: 'MISSING_PARENT' }]);
    const second = await apply([change('clinical_notes', noteB, signedNote(f, noteB, versionB))]);
    expect(second).toMatchObject({ parked: 0, cursor: 4 });

    const versions = await store.db.selectFrom('clinical_note_versions').select('id').where('note_id', 'in', [noteA, noteB]).execute();
    expect(versions.map((v) => v.id).sort()).toEqual([versionA, versionB].sort());
    expect(await store.db.selectFrom('sync_parked').select('change_id').execute()).toEqual([]);
    expect(await store.db.selectFrom('sync_conflicts').select('kind').execute()).toEqual([]);
  });
  it('many notes whose versions all came first in one transaction land whole however the pulls cut them', async () => {
    const f = await chairsideFixture();
    const { store, change, apply } = remoteInserts(f);
    const notes = Array.from({ length: 30 }, () => ({ id: randomUUID(), versions: [randomUUID(), randomUUID(), randomUUID()] }));
    const versions = notes.flatMap((n) =>
      n.versions.map((id, i) => change('clinical_note_versions', id, { id, note_id: n.id, patient_id: f.camila.id, parent_ids: JSON.stringify(i === 0 ? [] : [n.versions[i - 1]]), content: `v${i}`, links: '[]', author_id: null, saved_at: `2026-03-04T12:0${i}:00.000Z` })),
    );
    const signed = notes.map((n) => change('clinical_notes', n.id, signedNote(f, n.id, n.versions.at(-1)!)));
    const all = [...versions, ...signed];
    // Pulls of 7: the first pages hold versions only, and then each page's notes find versions that waited several pulls.
    for (let i = 0; i < all.length; i += 7) await apply(all.slice(i, i + 7));

    const landed = await store.db.selectFrom('clinical_note_versions').select('id').where('note_id', 'in', notes.map((n) => n.id)).execute();
    expect(landed).toHaveLength(versions.length);
    expect(await store.db.selectFrom('sync_parked').select('change_id').execute()).toEqual([]);
    expect(await store.db.selectFrom('sync_conflicts').select('kind').execute()).toEqual([]);
  });
});
