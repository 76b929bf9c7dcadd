import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { bootstrapRequestSchema, Enrollment } from '../../shared/sync/protocol';
import { newPairingCode, stretchCode, verifyBootstrapProof, type PairingCode } from '../sync/pairing-crypto';
import { countDevices, enrollDevice } from './hub-devices';
import { setMeta, type HubSchema } from './hub-store';

/** Wrong proofs a setup code survives before it is replaced: online guessing gets 5 tries per code. */
export const MAX_BOOTSTRAP_FAILURES = 5;

export class BootstrapError extends Error {
  constructor(readonly code: 'BOOTSTRAP_CLOSED' | 'BAD_CODE') {
    super(code);
  }
}

/**
 * The first workstation's way in: while no device is enrolled the hub shows
 * a setup code; the workstation proves it read it over the fingerprint it saw.
 * The code lives only in memory, so a restart shows a fresh one.
 */
export class Bootstrap {
  private code: PairingCode | null = null;
  private stretched: Buffer | null = null;
  private failures = 0;

  constructor(
    private readonly db: Kysely<HubSchema>,
    private readonly fingerprint: string,
    private readonly onNewCode: (display: string) => void = () => {},
  ) {}

  async init(): Promise<void> {
    if ((await countDevices(this.db)) === 0) this.replaceCode(false);
  }

  setupCode(): string | null {
    return this.code?.display ?? null;
  }

  /** Closes bootstrap once any device exists (also after an in-process enrollment). */
  close(): void {
    this.code = null;
    this.stretched = null;
  }

  private replaceCode(announce = true): void {
    this.code = newPairingCode();
    // Stretching costs ~100 ms of scrypt: done once per code, not per attempt.
    this.stretched = stretchCode(this.code);
    this.failures = 0;
    if (announce) this.onNewCode(this.code.display);
  }

  async enroll(body: z.infer<typeof bootstrapRequestSchema>): Promise<Enrollment> {
    if (!this.code || !this.stretched || (await countDevices(this.db)) > 0) {
      this.close();
      throw new BootstrapError('BOOTSTRAP_CLOSED');
    }
    const { practiceId, deviceId, deviceName, nonce, proof } = body;
    const transcript = { pairingId: this.code.pairingId, fingerprint: this.fingerprint, practiceId, deviceId, deviceName, nonce };
    if (!verifyBootstrapProof(this.stretched, transcript, proof)) {
      if (++this.failures >= MAX_BOOTSTRAP_FAILURES) this.replaceCode();
      throw new BootstrapError('BAD_CODE');
    }
    const enrollment = await this.db.transaction().execute(async (tx) => {
      await setMeta(tx, 'practice_id', practiceId);
      return enrollDevice(tx, deviceId, deviceName, practiceId);
    });
    this.close();
    return enrollment;
  }
}
