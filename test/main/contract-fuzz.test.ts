import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, contract, type CallName } from '../../src/shared/contract';
import { translate } from '../../src/shared/i18n/translate';
import type { AppCore } from '../../src/main/app-core';
import { addUser, setUpPractice } from '../support/practice';

/**
 * Every contract entry, fed what a careless or hostile caller sends: wrong
 * types, missing and extra fields, huge and control-character strings, deep
 * nesting. No answer may be INTERNAL, every error must read in both
 * languages, and an error must leave the data as it was.
 * Reproduce a failure with FC_SEED=<seed printed> (and FC_RUNS).
 */
const SEED = Number(process.env.FC_SEED ?? 20261203);
const RUNS = Number(process.env.FC_RUNS ?? 400);

/** Calls that reach outside this process (a hub server, another computer) or end the session the run needs. */
const LEFT_OUT = new Set<CallName>(['sync.becomeHub', 'sync.connectHub', 'sync.join', 'auth.signOut', 'auth.lock']);
const CALLS = CALL_NAMES.filter((name) => !LEFT_OUT.has(name));

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('', '\u0000', 'a\u0000b', '\u202eevil', '\u001b[31m', ' '.repeat(3), '0', '-1', 'null', '__proto__', '2026-02-30', '99:99'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant('x'.repeat(150_000)),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constant(Array.from({ length: 15 }).reduce<unknown>((inner) => ({ inner }), 'deep')),
);

/** An object with the call's own field names (so handlers, not only the schema, are reached) filled with nasty values, plus strangers. */
function inputFor(name: CallName): fc.Arbitrary<unknown> {
  const schema = contract[name].input as unknown as { shape?: Record<string, unknown> };
  const keys = Object.keys(schema.shape ?? {});
  const shaped = keys.length > 0 ? fc.record(Object.fromEntries(keys.map((k) => [k, nasty])), { requiredKeys: [] }) : fc.constant({});
  return fc.oneof(shaped, fc.tuple(shaped, fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a })), fc.anything({ maxDepth: 2 }));
}

function translatesEverywhere(key: string): boolean {
  return translate('es', key) !== null && translate('en', key) !== null;
}

describe('the contract under fuzzing', () => {
  let core: AppCore;
  const counts = () => {
    const { sqlite } = core.vault.store().database;
    const outbox = (sqlite.prepare('select count(*) as n from sync_outbox').get() as { n: number }).n;
    // A failed sign-in or unlock is logged by design; nothing else an error answers may write.
    const audit = (sqlite.prepare("select count(*) as n from audit_log where action not like 'auth.%' and action not like 'app.passphrase.%'").get() as { n: number }).n;
    return { outbox, audit };
  };

  // Each test gets its own practice: the shared cleanup closes a practice after the test that made it.
  beforeEach(async () => {
    ({ core } = await setUpPractice());
    await addUser(core, 'dentist', 'dr.fuzz');
    // The default procedure catalogue and note templates are copied in at the first chairside call, whatever it
    // answers: done here, so what the property sees is each call's own writing.
    await core.dispatch('chart.procedures.list', {}, 'admin');
  });

  it('refuses control characters, oversize text and deep nesting in any field, naming the field', async () => {
    const before = counts();
    const draft = (extra: Record<string, unknown>) => ({ draft: { givenNames: 'Rosa', firstSurname: 'Muñoz', ...extra } });
    const cases: [unknown, string, string][] = [
      [draft({ notes: 'alergia\u0000penicilina' }), 'draft.notes', 'validation.invisibleCharacters'],
      // Past the floor of every call, the field's own limit is the one said.
      [draft({ notes: 'x'.repeat(150_000) }), 'draft.notes', 'validation.tooLongMax'],
      [draft({ notes: 'x'.repeat(4001) }), 'draft.notes', 'validation.tooLongMax'],
      // A bidi override is no control character, but it is as invisible.
      [draft({ givenNames: 'Rosa\u202e' }), 'draft.givenNames', 'validation.invisibleCharacters'],
      [draft({ notes: Array.from({ length: 15 }).reduce<unknown>((inner) => ({ inner }), 'deep') }), 'draft.notes.inner.inner.inner.inner.inner.inner.inner.inner.inner.inner', 'validation.tooDeep'],
    ];
    for (const [input, field, key] of cases) {
      const result = await core.dispatch('patients.create', input, 'admin');
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { [field]: key } } });
      if (key === 'validation.tooLongMax') expect(result).toMatchObject({ error: { fieldParams: { [field]: { max: 4000 } } } });
    }
    // Line breaks and tabs are text.
    expect(await core.dispatch('patients.create', draft({ notes: 'línea 1\nlínea 2\tfin' }), 'admin')).toMatchObject({ ok: true });
    expect(counts().outbox).toBeGreaterThan(before.outbox);
  });

  it('never answers INTERNAL, always in words, and writes nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALLS).chain((name) => fc.tuple(fc.constant(name), inputFor(name))), async ([name, input]) => {
        const before = counts();
        const result = await core.dispatch(name, input, 'admin');
        if (result.ok) return;
        expect(result.error.code, `${name} ${JSON.stringify(input)?.slice(0, 200)}`).not.toBe('INTERNAL');
        expect(translatesEverywhere(result.error.messageKey), result.error.messageKey).toBe(true);
        for (const key of Object.values(result.error.fields ?? {})) expect(translatesEverywhere(key), key).toBe(true);
        expect(counts(), name).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
