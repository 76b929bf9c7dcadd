import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeOpener } from '../../src/main/sync/change-opener';
import { openChange, sealChange } from '../../src/main/sync/sync-crypto';
import { encodeHlc } from '../../src/shared/sync/hlc';
import type { Envelope } from '../../src/shared/sync/protocol';

const key = randomBytes(32);
const metadata = (i: number, rowId = `row-${i}`) => ({
  changeId: randomUUID(),
  hlc: encodeHlc({ wallMs: Date.now(), counter: i, node: 'device-a' }),
  deviceId: 'device-a',
  userId: null,
  role: 'admin' as const,
  table: 'patients',
  rowId,
  op: 'insert' as const,
  seenSeq: 0,
});
const batch = (n: number): Envelope[] => Array.from({ length: n }, (_, i) => sealChange(key, metadata(i), { id: `row-${i}`, given_names: `Paciente ${i}`, notes: 'ñandú '.repeat(i % 7) }));

describe('opening pulled changes on a worker thread', () => {
  const openers: ChangeOpener[] = [];
  const opener = () => {
    const made = new ChangeOpener(key);
    openers.push(made);
    return made;
  };
  afterEach(async () => {
    for (const made of openers.splice(0)) await made.close();
  });

  it('gives back each change’s plaintext exactly as opening it here does', async () => {
    const envelopes = batch(300);
    const opened = await opener().open(envelopes);
    expect(opened.size).toBe(300);
    for (const envelope of envelopes) expect(JSON.parse(opened.get(envelope)!)).toEqual(openChange(key, envelope));
  });

  it('refuses a sealed value moved onto another row or altered, one envelope at a time even when two claim one id', async () => {
    const envelopes = batch(100);
    const [victim, other, altered] = [envelopes[0]!, envelopes[1]!, envelopes[2]!];
    // The hub moves the first change's value onto another row, under the same change id.
    const moved: Envelope = { ...victim, rowId: 'row-someone-else' };
    const bytes = Buffer.from(altered.sealed, 'base64');
    bytes[20] = bytes[20]! ^ 0xff;
    const tampered: Envelope = { ...altered, sealed: bytes.toString('base64') };
    const all = [...envelopes.slice(3), victim, moved, other, tampered];
    const opened = await opener().open(all);
    expect(opened.get(victim)).not.toBeNull();
    expect(opened.get(other)).not.toBeNull();
    expect(opened.get(moved)).toBeNull();
    expect(opened.get(tampered)).toBeNull();
  });

  it('leaves a few changes, as live sync sends them, to be opened on the apply’s thread', async () => {
    const opened = await opener().open(batch(3));
    expect(opened.size).toBe(0);
  });

  it('a batch still on the worker when the opener closes settles, empty, so the apply opens it itself', async () => {
    const made = opener();
    const pending = made.open(batch(2000));
    await made.close();
    expect([0, 2000]).toContain((await pending).size);
    expect((await made.open(batch(100))).size).toBe(0);
  });
});
