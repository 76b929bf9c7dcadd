import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseSearchQuery, rankCandidate, type SearchCandidate } from '../../src/main/patients/search-query';
import { fold } from '../../src/shared/text/fold';
import type { AppCore } from '../../src/main/app-core';
import { call, setUpPractice } from '../support/practice';
import { createPatient, rut } from './patients-support';

const names = (results: { givenNames: string; firstSurname: string; secondSurname: string }[]) =>
  results.map((r) => `${r.givenNames} ${r.firstSurname} ${r.secondSurname}`);

describe('finding a patient as you type', () => {
  let core: AppCore;
  let jose: Awaited<ReturnType<typeof createPatient>>;
  const search = async (query: string, limit = 20) => call(core, 'admin', 'patients.search', { query, limit });

  // The support module closes each test's practice after it, so every test gets its own.
  beforeEach(async () => {
    ({ core } = await setUpPractice());
    jose = await createPatient(
      core,
      {
        givenNames: 'José',
        firstSurname: 'González',
        secondSurname: 'Muñoz',
        birthDate: '1980-05-20',
        document: { type: 'RUT', number: rut(12_345_678) },
        phones: [{ number: '9 8765 4321', whatsapp: true }],
        email: 'jose.gonzalez@gmail.com',
      },
      { alerts: ['allergy_penicillin'] },
    );
    // Its RUT contains José's body: a substring match that an exact document match must outrank.
    await createPatient(core, { givenNames: 'Aurora', firstSurname: 'Araya', secondSurname: 'Bravo', document: { type: 'RUT', number: rut(112_345_678) } });
    await createPatient(core, { givenNames: 'María José', firstSurname: 'Pérez', secondSurname: 'González' });
    await createPatient(core, { givenNames: 'Josefa', firstSurname: 'Rojas', secondSurname: 'Soto' });
    await createPatient(core, { givenNames: 'Gonzalo', firstSurname: 'Díaz', secondSurname: 'Ríos' });
    await createPatient(core, { givenNames: 'Ana', firstSurname: 'González', secondSurname: 'Pérez' });
    await createPatient(core, { givenNames: 'Pedro', firstSurname: 'Soto', secondSurname: 'González' });
    await createPatient(core, { givenNames: 'Ñusta', firstSurname: 'Núñez', secondSurname: 'Ibáñez', phones: [{ number: '2 2345 6789', kind: 'home' }] });
  });


  it('treats control characters in the search box as spaces, never as an internal error', async () => {
    // A NUL pasted from another program reached SQLite's trigram index and came back as INTERNAL.
    expect(await search('\u0000')).toEqual([]);
    expect(await search('\u0007\u001b')).toEqual([]);
    expect(names(await search('gonz\u0000'))).toEqual(names(await search('gonz')));
    expect(names(await search('José\u0000González'))).toEqual(names(await search('José González')));
  });
  it('matches any part of a name, without accents or case ("jose gonzalez" finds José González)', async () => {
    for (const query of ['jose gonzalez', 'JOSÉ GONZÁLEZ', 'José González', '  jose   gonzalez ']) {
      const results = await search(query);
      expect(names(results)[0], query).toBe('José González Muñoz');
    }
    expect(names(await search('jose gonzalez'))).toEqual(['José González Muñoz', 'María José Pérez González']);
    expect(names(await search('nunez'))).toEqual(['Ñusta Núñez Ibáñez']);
    expect(names(await search('ibanez nus'))).toEqual(['Ñusta Núñez Ibáñez']);
    expect(names(await search('onzál'))).toHaveLength(5);
  });

  it('ranks first-surname prefixes, then second surnames, then given names, then anything else', async () => {
    // Ties go by surnames, then given names: González Muñoz before González Pérez.
    expect(names(await search('gonz'))).toEqual([
      'José González Muñoz',
      'Ana González Pérez',
      'María José Pérez González',
      'Pedro Soto González',
      'Gonzalo Díaz Ríos',
    ]);
    // A page the surname prefix fills alone comes straight from the sort_name index.
    expect(names(await search('gonz', 2))).toEqual(['José González Muñoz', 'Ana González Pérez']);
    expect(names(await search('jose'))).toEqual(['José González Muñoz', 'María José Pérez González', 'Josefa Rojas Soto']);
    expect(names(await search('gonzalez mu'))).toEqual(['José González Muñoz']);
  });

  it('puts an exact document first, typed with or without dots and dash', async () => {
    for (const query of ['12.345.678-5', '12345678-5', '123456785', '12345678']) {
      const results = await search(query);
      expect(results[0]!.id, query).toBe(jose.id);
    }
    expect(names(await search('12345678'))).toEqual(['José González Muñoz', 'Aurora Araya Bravo']);
    expect(names(await search('12.345'))).toEqual(['Aurora Araya Bravo', 'José González Muñoz']);
  });

  it('finds phone digits and e-mail fragments', async () => {
    expect((await search('8765'))[0]!.id).toBe(jose.id);
    expect((await search('+56 9 8765 4321'))[0]!.id).toBe(jose.id);
    expect(names(await search('2345 6789'))).toEqual(['Ñusta Núñez Ibáñez']);
    expect((await search('jose.gonz'))[0]!.id).toBe(jose.id);
  });

  it('answers one- and two-letter queries from the sort_name index', async () => {
    expect(names(await search('go')).slice(0, 2)).toEqual(['José González Muñoz', 'Ana González Pérez']);
    expect(names(await search('j g'))[0]).toBe('José González Muñoz');
    expect(await search('   ')).toEqual([]);
    expect(await search('"')).toEqual([]);
  });

  it('shows what tells namesakes apart: age, document, phone and alerts', async () => {
    const [result] = await search('12.345.678-5');
    expect(result).toMatchObject({
      id: jose.id,
      document: { type: 'RUT', number: '12345678-5', formatted: '12.345.678-5' },
      phone: '9 8765 4321',
      birthDate: '1980-05-20',
      alerts: ['allergy_penicillin'],
    });
    expect(result!.age).toBeGreaterThanOrEqual(45);
  });

  it('survives FTS syntax in the query', async () => {
    for (const query of ['AND', 'gonz*', 'NEAR(a b)', '"jose', "o'higgins", 'a:b', '(((']) expect(Array.isArray(await search(query))).toBe(true);
  });

  it('finds any patient by a folded, re-accented or re-cased part of the name', async () => {
    const accents: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', n: 'ñ' };
    const letters = fc.constantFrom(...'abcdefghijlmnoprstuvz');
    const word = fc.array(letters, { minLength: 4, maxLength: 9 }).map((chars) => chars.join(''));
    const accented = (text: string, pattern: boolean[]) => [...text].map((c, i) => (pattern[i % pattern.length] && accents[c] ? accents[c]! : c)).join('');
    await fc.assert(
      fc.asyncProperty(word, word, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.boolean(), fc.nat(), async (given, surname, pattern, upper, start) => {
        const stored = accented(surname, pattern);
        const patient = await createPatient(core, { givenNames: given[0]!.toUpperCase() + given.slice(1), firstSurname: stored, secondSurname: 'Prueba' });
        const from = start % (surname.length - 2);
        const fragment = surname.slice(from, from + 3 + (start % 3));
        const typed = upper ? accented(fragment, [true]).toUpperCase() : fragment;
        const results = await call(core, 'admin', 'patients.search', { query: `${given.slice(0, 3)} ${typed}`, limit: 50 });
        expect(results.map((r) => r.id)).toContain(patient.id);
      }),
      { numRuns: 25 },
    );
  });
});

describe('the search query and its ranking (pure)', () => {
  const candidate = (overrides: Partial<SearchCandidate>): SearchCandidate => ({
    id: '1',
    given_names: 'José Tomás',
    first_surname: 'González',
    second_surname: 'Muñoz',
    preferred_name: null,
    document_number: '12345678-5',
    phones: '[{"e164":"+56987654321","kind":"mobile","whatsapp":true}]',
    email: 'jt@example.cl',
    sort_name: 'gonzalez munoz jose tomas',
    ...overrides,
  });

  it('compacts numbers however they are typed', () => {
    expect(parseSearchQuery('12.345.678-k')!.tokens).toEqual(['12345678k']);
    expect(parseSearchQuery('+56 9 8765 4321')!.tokens).toEqual(['56987654321']);
    expect(parseSearchQuery('González 12.345')!.tokens).toEqual(['gonzalez', '12345']);
    expect(parseSearchQuery('  ')).toBeNull();
  });

  it('classes every token, and drops candidates that miss one', () => {
    const rank = (query: string, c = candidate({})) => rankCandidate(parseSearchQuery(query)!, c);
    expect(rank('gonz')!.classes).toEqual([1]);
    expect(rank('mun')!.classes).toEqual([2]);
    expect(rank('tom')!.classes).toEqual([3]);
    expect(rank('nzal')!.classes).toEqual([4]);
    expect(rank('tomas gonzalez')!.classes).toEqual([1, 3]);
    expect(rank('tomas perez')).toBeNull();
    expect(rank('12345678')!.exactDocument).toBe(true);
    expect(rank('2345678')!.exactDocument).toBe(false);
  });

  it('folds the query and the names alike, whatever the accents and case', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3, maxLength: 12 }), fc.nat(), (name, at) => {
        const clean = name.replace(/[\s"-]/g, 'x');
        fc.pre(fold(clean).length === clean.length && /\p{L}/u.test(clean) && !clean.includes(String.fromCharCode(1)));
        const c = candidate({ first_surname: clean, sort_name: fold(clean) });
        const from = at % (clean.length - 2);
        const typed = clean.slice(from, from + 3);
        fc.pre(!/^[\d\s+().kK.-]+$/.test(typed) && !/[\d+().kK.-]/.test(typed));
        const rank = rankCandidate(parseSearchQuery(typed.toUpperCase())!, c);
        expect(rank).not.toBeNull();
        expect(rank!.classes[0]).toBe(from === 0 ? 1 : 4);
      }),
    );
  });
});
