import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Insertable } from 'kysely';
import { type CallInput, type CallName, type CallOutput } from '../../shared/contract';
import { passphraseSchema } from '../../shared/contract/app';
import { AppError } from '../../shared/contract/errors';
import { type AppCore, createAppCore } from '../app-core';
import { practicePaths } from '../db/data-dir';
import type { OperatoriesTable, PatientsTable, ProvidersTable, Schema, SyncedTable } from '../db/schema';
import type { Actor, Store } from '../store/store';
import { chairsideStep } from './chairside-demo';
import { billingStep } from './billing-demo';
import { recallStep } from './recall-demo';
import { scheduleDemoStep } from './schedule-demo';
import { plansStep } from './plans-demo';
import { generateMedicalHistories } from './medical';
import { DEMO_ADMIN, demoStaff, generatePatients, type StaffMember } from './people';
import { Random, seededUuidV7 } from './random';

export type DemoSize = 'small' | 'large';

export interface DemoProfile {
  patients: number;
  dentists: number;
  hygienists: number;
  operatories: number;
}

export const DEMO_PROFILES: Readonly<Record<DemoSize, DemoProfile>> = {
  small: { patients: 200, dentists: 1, hygienists: 1, operatories: 2 },
  large: { patients: 60_000, dentists: 4, hygienists: 2, operatories: 8 },
};

export const DEMO_SEED = 'los-aromos';
/**
 * Bump when the demo's content or file layout changes (a new step, different data; 9: incremental auto-vacuum; 10: notes signed after their versions), so
 * that saved copies such as the benchmark practice are made again.
 */
export const DEMO_GENERATOR_VERSION = 10;
/**
 * The demo's "today". Fixed, so that the same seed gives the same data on
 * any day; the history runs for ten years up to it.
 */
export const DEMO_ANCHOR = '2026-11-01T12:00:00.000Z';

/** Published in the README and printed by the command: demo data only, never real patients. */
export const DEMO_ADMIN_PASSWORD = 'demo-admin-2026';
export const DEMO_STAFF_PASSWORD = 'demo-staff-2026';

export const DEMO_PRACTICE = {
  name: 'Clínica Dental Los Aromos',
  country: 'CL',
  timeZone: 'America/Santiago',
  currency: 'CLP',
  language: 'es',
} as const;

/** Rows per transaction: big enough to amortise the commit's fsync, small enough to keep the WAL modest. */
export const DEMO_CHUNK_ROWS = 2_000;

export interface DemoProgress {
  step: string;
  done: number;
  total: number;
}

export interface DemoOptions {
  dataDir: string;
  passphrase: string;
  size: DemoSize;
  seed?: string;
  anchor?: string;
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoUser {
  username: string;
  role: StaffMember['role'];
  password: string;
}

export interface DemoSummary {
  dataDir: string;
  size: DemoSize;
  seed: string;
  users: DemoUser[];
  counts: Record<string, number>;
  steps: { step: string; ms: number }[];
  totalMs: number;
}

/** What each step gets: the open practice, who acts, its own random stream, and what earlier steps made. */
export interface DemoContext {
  readonly core: AppCore;
  readonly store: Store;
  readonly actor: Actor;
  readonly seed: string;
  readonly anchorMs: number;
  readonly profile: DemoProfile;
  readonly staff: StaffMember[];
  /** User ids by username, filled by the staff step. */
  readonly userIds: Map<string, string>;
  readonly providers: ProvidersTable[];
  readonly operatories: OperatoriesTable[];
  /** Filled by the patients step. */
  readonly patients: PatientsTable[];
  readonly counts: Record<string, number>;
  random(step: string): Random;
  progress(done: number, total: number): void;
  /** Calls the contract as the signed-in demo admin. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

/**
 * One piece of the demo practice. Later features (appointments, charts,
 * the ledger) add their own step to DEMO_STEPS; each draws from its own
 * random stream, so adding one leaves the data of the others unchanged.
 */
export interface DemoStep {
  name: string;
  run(ctx: DemoContext): Promise<void>;
}

export class DemoRefusedError extends Error {
  override name = 'DemoRefusedError';
}

const CONNECTION = 'demo-generator';

/** The practice opened ten years before the demo's "today", at 10:00 Santiago time. */
export function practiceOpened(anchorMs: number): number {
  const date = new Date(anchorMs);
  return Date.UTC(date.getUTCFullYear() - 10, date.getUTCMonth(), date.getUTCDate(), 13, 0, 0);
}

const staffStep: DemoStep = {
  name: 'staff',
  async run(ctx) {
    // Through the contract, as an admin would add them: each gets its own salted hash.
    for (const [i, member] of ctx.staff.entries()) {
      const user = await ctx.call('users.create', {
        username: member.username,
        givenNames: member.givenNames,
        firstSurname: member.firstSurname,
        secondSurname: member.secondSurname,
        role: member.role,
        password: DEMO_STAFF_PASSWORD,
        language: 'es',
      });
      ctx.userIds.set(member.username, user.id);
      ctx.progress(i + 1, ctx.staff.length);
    }
    ctx.counts.users = ctx.staff.length + 1;
  },
};

const providersStep: DemoStep = {
  name: 'providers',
  async run(ctx) {
    const random = ctx.random('providers');
    const openedMs = practiceOpened(ctx.anchorMs);
    const at = new Date(openedMs).toISOString();
    for (const member of ctx.staff) {
      if (!member.provider) continue;
      ctx.providers.push({
        id: seededUuidV7(random, openedMs),
        user_id: ctx.userIds.get(member.username) ?? null,
        given_names: member.givenNames,
        first_surname: member.firstSurname,
        second_surname: member.secondSurname,
        kind: member.provider.kind,
        colour: member.provider.colour,
        active: 1,
        created_at: at,
        updated_at: at,
      });
    }
    await insertInChunks(ctx, 'providers', ctx.providers, 'provider');
  },
};

const operatoriesStep: DemoStep = {
  name: 'operatories',
  async run(ctx) {
    const random = ctx.random('operatories');
    const openedMs = practiceOpened(ctx.anchorMs);
    const at = new Date(openedMs).toISOString();
    for (let i = 1; i <= ctx.profile.operatories; i++) {
      ctx.operatories.push({ id: seededUuidV7(random, openedMs), name: `Sillón ${i}`, sort_order: i, active: 1, created_at: at, updated_at: at });
    }
    await insertInChunks(ctx, 'operatories', ctx.operatories, 'operatory');
  },
};

const patientsStep: DemoStep = {
  name: 'patients',
  async run(ctx) {
    const rows = generatePatients(ctx.seed, { count: ctx.profile.patients, anchorMs: ctx.anchorMs, historyStartMs: practiceOpened(ctx.anchorMs) });
    ctx.patients.push(...rows);
    await insertInChunks(ctx, 'patients', rows, 'patient');
  },
};

/** Intake questionnaires: version 1 of the medical history for about one patient in seven, by a clinician. */
const medicalHistoryStep: DemoStep = {
  name: 'medical-history',
  async run(ctx) {
    const clinicians = ctx.staff.filter((m) => m.provider).map((m) => ctx.userIds.get(m.username)!);
    const rows = generateMedicalHistories(ctx.seed, ctx.patients, clinicians);
    await insertInChunks(ctx, 'patient_medical_history', rows, 'medical_history');
  },
};

export const DEMO_STEPS: DemoStep[] = [staffStep, providersStep, operatoriesStep, patientsStep, medicalHistoryStep, scheduleDemoStep, chairsideStep, plansStep, billingStep, recallStep];

/**
 * Inserts rows through the write path, a chunk per transaction: every row
 * gets its outbox entry as in real use, and each chunk one audit entry.
 */
export async function insertInChunks<T extends SyncedTable>(
  ctx: DemoContext,
  table: T,
  rows: (Insertable<Schema[T]> & { id: string })[],
  entity: string,
  chunkRows = DEMO_CHUNK_ROWS,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkRows) {
    const chunk = rows.slice(start, start + chunkRows);
    await ctx.store.write(ctx.actor, async (tx) => {
      for (const row of chunk) await tx.insert(table, row);
      await tx.audit({
        action: 'demo.seed',
        entity,
        details: { table, count: chunk.length, firstId: chunk[0]!.id, lastId: chunk[chunk.length - 1]!.id },
      });
    });
    ctx.progress(start + chunk.length, rows.length);
  }
  ctx.counts[table] = (ctx.counts[table] ?? 0) + rows.length;
}

/** True when the folder already holds a practice (or the remains of one): the demo never writes over it. */
export function holdsPractice(dataDir: string): boolean {
  const paths = practicePaths(dataDir);
  return existsSync(paths.keys) || existsSync(paths.database);
}

/**
 * Creates the demo practice in an empty data folder: set up through the
 * contract (passphrase-protected key, admin), staff through the contract,
 * and the bulk rows through the store's write path.
 */
export async function generateDemo(options: DemoOptions): Promise<DemoSummary> {
  if (holdsPractice(options.dataDir)) {
    throw new DemoRefusedError(
      `${options.dataDir} already holds a practice; the demo is only created in an empty folder. ` +
        `/ ${options.dataDir} ya contiene una consulta; la demostración solo se crea en una carpeta vacía.`,
    );
  }
  if (!passphraseSchema.safeParse(options.passphrase).success) {
    throw new DemoRefusedError('The passphrase must be at least 12 characters. / La frase de contraseña debe tener al menos 12 caracteres.');
  }
  const seed = options.seed ?? DEMO_SEED;
  const anchorMs = Date.parse(options.anchor ?? DEMO_ANCHOR);
  if (Number.isNaN(anchorMs)) throw new DemoRefusedError(`Not a date: ${options.anchor}`);
  const profile = DEMO_PROFILES[options.size];
  const started = performance.now();
  const steps: DemoSummary['steps'] = [];

  const paths = practicePaths(options.dataDir);
  const createdWorkstation = !existsSync(paths.workstation);
  // createAppCore writes the workstation file before anything makes the folder.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const core = await createAppCore({ dataDir: options.dataDir, workstationName: 'demo', lockHolder: 'demo' });
  let finished = false;
  try {
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
      const result = await core.dispatch(name, input, CONNECTION);
      if (!result.ok) throw AppError.from(result.error);
      return result.value as CallOutput<N>;
    };

    let stepStarted = performance.now();
    options.onProgress?.({ step: 'setup', done: 0, total: 1 });
    const session = await call('app.setup', {
      practice: DEMO_PRACTICE,
      admin: { ...DEMO_ADMIN, password: DEMO_ADMIN_PASSWORD },
      key: { kind: 'passphrase', passphrase: options.passphrase },
    });
    options.onProgress?.({ step: 'setup', done: 1, total: 1 });
    steps.push({ step: 'setup', ms: performance.now() - stepStarted });

    const staff = demoStaff(profile.dentists, profile.hygienists);
    let currentStep = '';
    const ctx: DemoContext = {
      core,
      store: core.vault.store(),
      actor: { userId: session.user.id, deviceId: core.vault.workstation.id },
      seed,
      anchorMs,
      profile,
      staff,
      userIds: new Map([[DEMO_ADMIN.username, session.user.id]]),
      providers: [],
      operatories: [],
      patients: [],
      counts: {},
      random: (step) => Random.forStep(seed, step),
      progress: (done, total) => options.onProgress?.({ step: currentStep, done, total }),
      call,
    };
    for (const step of DEMO_STEPS) {
      currentStep = step.name;
      stepStarted = performance.now();
      await step.run(ctx);
      steps.push({ step: step.name, ms: performance.now() - stepStarted });
    }

    finished = true;
    return {
      dataDir: options.dataDir,
      size: options.size,
      seed,
      users: [
        { username: DEMO_ADMIN.username, role: DEMO_ADMIN.role, password: DEMO_ADMIN_PASSWORD },
        ...staff.map((m) => ({ username: m.username, role: m.role, password: DEMO_STAFF_PASSWORD })),
      ],
      counts: ctx.counts,
      steps,
      totalMs: performance.now() - started,
    };
  } finally {
    core.disconnect(CONNECTION);
    await core.close();
    // A half-made demo would pass for a practice and block the next attempt; these files are all ours.
    if (!finished) {
      for (const file of [paths.database, paths.wal, paths.shm, paths.keys]) rmSync(file, { force: true });
      if (createdWorkstation) rmSync(paths.workstation, { force: true });
    }
  }
}
