import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../../src/shared/documents/kinds';
import { call } from '../support/practice';
import { status, twoWorkstations, waitFor } from './sync-support';
import { makePng } from './documents-support';

describe('documents sync', () => {
  it('a 5 MB radiograph travels to the other workstation in chunks, once, whatever the push and pull limits', async () => {
    const { a, b } = await twoWorkstations();
    const patient = await call(a, 'admin', 'patients.create', { draft: { givenNames: 'Valentina', firstSurname: 'Soto', secondSurname: 'Mena', birthDate: '1990-01-01' } });
    const rx = makePng(2300, 2200, 21); // ~5.1 MB of noise: it does not compress
    expect(rx.length).toBeGreaterThan(5_000_000);
    const other = makePng(2300, 2200, 22);
    const input = (bytes: Buffer) => ({ documentId: uuidv7(), patientId: patient.id, fileName: 'panoramica.png', dataBase64: bytes.toString('base64'), takenOn: '2026-03-04', kind: 'radiograph' as const, teeth: [] });
    // Two different 5 MB files: ~20 MB sealed, more than the hub takes in one request body (16 MB),
    // so the pushes must be cut by size, not only by count.
    const first = await call(a, 'admin', 'documents.attach', input(rx));
    const second = await call(a, 'admin', 'documents.attach', input(other));
    // The first file again, as another document: no new chunk, nothing more to send for the bytes.
    const third = await call(a, 'admin', 'documents.attach', { ...input(rx), kind: 'other' });
    const chunkCount = Math.ceil(rx.length / CHUNK_BYTES) + Math.ceil(other.length / CHUNK_BYTES);
    expect(await a.vault.store().db.selectFrom('sync_outbox').select('change_id').where('table_name', '=', 'document_chunks').execute()).toHaveLength(chunkCount);
    await waitFor('A to drain its queue', async () => (await status(a)).pending === 0, 60_000);

    const arrived = await waitFor('B to hold the three documents', async () => {
      const list = await call(b, 'admin', 'documents.list', { patientId: patient.id }).catch(() => []);
      return list.length === 3 ? list : null;
    }, 60_000);
    expect(arrived.map((d) => d.id).sort()).toEqual([first.id, second.id, third.id].sort());
    const onB = await waitFor('B to hold every chunk', async () => {
      const got = await call(b, 'admin', 'documents.get', { documentId: first.id }).catch(() => null);
      return got;
    }, 60_000);
    expect(Buffer.from(onB.dataBase64, 'base64').equals(rx)).toBe(true);
    const onBSecond = await call(b, 'admin', 'documents.get', { documentId: second.id });
    expect(Buffer.from(onBSecond.dataBase64, 'base64').equals(other)).toBe(true);
    expect(await b.vault.store().db.selectFrom('document_chunks').select('id').execute()).toHaveLength(chunkCount);
  }, 180_000);
});
