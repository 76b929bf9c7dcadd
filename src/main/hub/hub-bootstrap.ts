import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { bootstrapRequestSchema, Enrollment } from '../../shared/sync/protocol';
import { newPairingCode, stretchCode, verifyBootstrapProof, type PairingCode } from '../sync/pairing-crypto';
import { countDevices, enrollDevice } from './hub-devices';
import { ensurePractice } from './hub-practices';
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
 *
 * A store of several practices (PostgreSQL) opens bootstrap only when the
 * admin asks (`--new-practice`), for one practice that has no device yet: a
 * practice id already there is refused, whoever claims it.
 */
export class Bootstrap {
  private code: PairingCode | null = null;
  private stretched: Buffer | null = null;
  private failures = 0;

  constructor(
    private readonly db: Kysely<HubSchema>,
    private readonly fingerprint: string,
    private readonly onNewCode: (display: string) => void = () => {},
    private readonly multi: { open: boolean } | null = null,
  ) {}

  async init(): Promise<void> {
    if (this.multi ? this.multi.open : (await countDevices(this.db)) === 0) this.replaceCode(false);
  }

  get open(): boolean {
    return this.code !== null;
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
    const { practiceId, deviceId, deviceName, nonce, proof } = body;
    if (!this.code || !this.stretched || (await countDevices(this.db, this.multi ? practiceId : undefined)) > 0) {
      // One store, one practice: once anyone is in, bootstrap is over. Several: only this practice id is taken.
      if (!this.multi) this.close();
      throw new BootstrapError('BOOTSTRAP_CLOSED');
    }
    const transcript = { pairingId: this.code.pairingId, fingerprint: this.fingerprint, practiceId, deviceId, deviceName, nonce };
    if (!verifyBootstrapProof(this.stretched, transcript, proof)) {
      if (++this.failures >= MAX_BOOTSTRAP_FAILURES) this.replaceCode();
      throw new BootstrapError('BAD_CODE');
    }
    const enrollment = await this.db.transaction().execute(async (tx) => {
      if (this.multi) {
        // Created by whoever gets here first; a second bootstrap racing on another hub finds the device and loses.
        await ensurePractice(tx, practiceId);
        if ((await countDevices(tx, practiceId)) > 0) throw new BootstrapError('BOOTSTRAP_CLOSED');
      } else await setMeta(tx, 'practice_id', practiceId);
      return enrollDevice(tx, deviceId, deviceName, practiceId);
    });
    this.close();
    return enrollment;
  }
}
