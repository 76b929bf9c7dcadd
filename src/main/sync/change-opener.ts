import { Worker } from 'node:worker_threads';
import type { Envelope } from '../../shared/sync/protocol';
import { additionalData, GCM_NONCE_BYTES, GCM_TAG_BYTES } from './sync-crypto';

/**
 * Opens pulled changes on a worker thread while this one applies the batch
 * before: AES-GCM is a sixth of the cost of applying a change, and a joining
 * workstation applies its whole practice. The worker hands back each change's
 * plaintext JSON (or null when it does not open with the key); parsing it
 * stays with the apply. The additional data is built here, by the same
 * function that sealed it, so the worker knows nothing of the envelope's form.
 *
 * Plain JavaScript evaluated from a string, like the integrity check, so it
 * needs no file of its own in the Electron bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
const key = Buffer.from(workerData.key);
const NONCE = workerData.nonceBytes;
const TAG = workerData.tagBytes;
parentPort.on('message', ({ id, items }) => {
  const out = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      const bytes = Buffer.from(items[i][1], 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE));
      decipher.setAAD(Buffer.from(items[i][0]));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
      const body = decipher.update(bytes.subarray(NONCE, bytes.length - TAG));
      const tail = decipher.final();
      out[i] = (tail.length > 0 ? Buffer.concat([body, tail]) : body).toString('utf8');
    } catch {
      out[i] = null;
    }
  }
  parentPort.postMessage({ id, out });
});
`;

/**
 * Each envelope (the object itself, not its change id: two envelopes may claim one id, and each must be opened
 * against its own metadata) to its plaintext JSON, or null when it did not open with the practice key.
 */
export type OpenedChanges = ReadonlyMap<Envelope, string | null>;

/** Fewer changes than this open faster here than a round trip to the worker takes: live sync sends a few at a time. */
const WORKER_MIN_BATCH = 64;

export class ChangeOpener {
  private worker: Worker | null = null;
  private failed = false;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (opened: OpenedChanges) => void; envelopes: readonly Envelope[] }>();

  constructor(private readonly key: Buffer) {}

  /**
   * Opens the batch on the worker; resolves to an empty map (the apply then
   * opens each change itself) for a small batch or where no worker can run.
   */
  open(envelopes: readonly Envelope[]): Promise<OpenedChanges> {
    const worker = envelopes.length >= WORKER_MIN_BATCH ? this.ensureWorker() : null;
    if (!worker) return Promise.resolve(new Map());
    const id = this.next++;
    const items = envelopes.map((e) => [additionalData(e).toString('utf8'), e.sealed]);
    return new Promise<OpenedChanges>((resolve) => {
      this.waiting.set(id, { resolve, envelopes });
      worker.postMessage({ id, items });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    this.settleAll(new Map());
    await worker?.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { key: new Uint8Array(this.key), nonceBytes: GCM_NONCE_BYTES, tagBytes: GCM_TAG_BYTES },
      });
      // A pull that waits on nothing else must not keep the process alive for the worker's sake.
      worker.unref();
      worker.on('message', ({ id, out }: { id: number; out: (string | null)[] }) => {
        const request = this.waiting.get(id);
        if (!request) return;
        this.waiting.delete(id);
        request.resolve(new Map(request.envelopes.map((envelope, i) => [envelope, out[i] ?? null])));
      });
      // Without the worker the apply opens each change itself: slower, never wrong.
      worker.on('error', () => this.giveUp());
      worker.on('exit', () => this.giveUp());
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }

  private giveUp(): void {
    this.worker = null;
    this.failed = true;
    this.settleAll(new Map());
  }

  private settleAll(opened: OpenedChanges): void {
    for (const request of this.waiting.values()) request.resolve(opened);
    this.waiting.clear();
  }
}
