import { inflateSync } from 'node:zlib';
import type { CallInput } from '../../src/shared/contract';
import type { EventName } from '../../src/shared/contract/events';
import type { AppCore } from '../../src/main/app-core';
import { addUser, call, setUpPractice } from '../support/practice';

/** Signs a user of this role in on a connection named after the username. */
export async function signIn(core: AppCore, role: CallInput<'users.create'>['role'], username: string): Promise<string> {
  await addUser(core, role, username);
  await call(core, username, 'auth.signIn', { username, password: 'user-password-1' });
  return username;
}

/**
 * A practice with a dentist, a hygienist and a receptionist signed in on their
 * own connections ("dra", "hig", "recep"), and one patient, Camila.
 */
export async function chairsideFixture() {
  const { core, dataDir } = await setUpPractice();
  const events: { name: EventName; payload: unknown }[] = [];
  core.onEvent('watcher', (name, payload) => events.push({ name, payload }));
  const dentist = await signIn(core, 'dentist', 'dra');
  const hygienist = await signIn(core, 'hygienist', 'hig');
  const receptionist = await signIn(core, 'receptionist', 'recep');
  const camila = await call(core, 'admin', 'patients.create', {
    draft: {
      givenNames: 'Camila Andrea',
      firstSurname: 'Fuentes',
      secondSurname: 'Araya',
      birthDate: '1980-04-12',
      document: { type: 'RUT', number: '12.345.678-5' },
    },
  });
  events.length = 0;
  return { core, dataDir, events, dentist, hygienist, receptionist, camila };
}

export type ChairsideFixture = Awaited<ReturnType<typeof chairsideFixture>>;

export async function count(core: AppCore, table: 'chart_events' | 'perio_exams' | 'clinical_notes' | 'clinical_note_versions' | 'audit_log' | 'sync_outbox' | 'staging_confirmations') {
  const db = core.vault.store().db;
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

export async function lastAudit(core: AppCore) {
  return core.vault.store().db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

/** WinAnsi bytes 0x80–0x9f that differ from Latin-1. */
const CP1252: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

/**
 * The text of a pdfkit PDF, without any tool: inflates each content stream and
 * reads the hex strings of its TJ operators (pdfkit writes every standard-font
 * string that way), one line per text object.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streams.exec(source))) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const text = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => {
          const bytes = Buffer.from(h[1]!, 'hex');
          return [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('');
        })
        .join('');
      lines.push(text);
    }
    streams.lastIndex = end;
  }
  return lines.join('\n');
}
