import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/app-core';
import { parseBirthDate, parseSex, splitFullName } from '../../src/main/patients/import/cells';
import { suggestMapping } from '../../src/main/patients/import/header-mapping';
import { MINOR_NOTE } from '../../src/main/patients/import/import-rows';
import { decodeText, detectDelimiter, readSpreadsheet } from '../../src/main/patients/import/spreadsheet';
import { minimalXlsx } from '../fixtures/import/minimal-xlsx';
import { addUser, call, callError, setUpPractice } from '../support/practice';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

async function count(core: AppCore, table: 'patients' | 'sync_outbox' | 'audit_log'): Promise<number> {
  const db = core.vault.store().db;
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

async function counts(core: AppCore): Promise<number[]> {
  return [await count(core, 'patients'), await count(core, 'sync_outbox'), await count(core, 'audit_log')];
}

/** Previews, then imports with the suggested mapping, as the screen does when the user accepts it. */
async function importFile(core: AppCore, fileName: string, bytes: Buffer | string, connection = 'admin') {
  const preview = await call(core, connection, 'patients.import.preview', { fileName, contentBase64: base64(bytes) });
  const result = await call(core, connection, 'patients.import.run', { fileName, contentBase64: base64(bytes), mapping: preview.suggestedMapping });
  return { preview, result };
}

function patientRows(core: AppCore) {
  return core.vault
    .store()
    .db.selectFrom('patients')
    .select([
      'given_names', 'first_surname', 'second_surname', 'document_type', 'document_number', 'birth_date', 'sex', 'phones', 'email', 'address',
      'guarantor', 'notes', 'sort_name',
    ])
    .orderBy('sort_name')
    .execute();
}

const BAD_ROWS = 'pacientes-con-errores.csv';

describe('patient import: reading files', () => {
  it('previews a Spanish spreadsheet and suggests the mapping, writing nothing', async () => {
    const { core } = await setUpPractice();
    const before = await counts(core);
    const preview = await call(core, 'admin', 'patients.import.preview', { fileName: BAD_ROWS, contentBase64: base64(fixture(BAD_ROWS)) });
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', rowCount: 8 });
    expect(preview.headers).toEqual(['Nombres', 'Apellido paterno', 'Apellido materno', 'RUT', 'Fecha de nacimiento', 'Sexo', 'Celular', 'Correo', 'Dirección', 'Comuna']);
    expect(preview.sampleRows[0]).toEqual(['Ana María', 'Pérez', 'Soto', '12.345.678-5', '12/03/1985', 'F', '9 8765 4321', 'ana.perez@gmail.com', 'Los Leones 123', 'Providencia']);
    expect(preview.suggestedMapping).toEqual({
      givenNames: 0, firstSurname: 1, secondSurname: 2, documentNumber: 3, birthDate: 4, sex: 5, phone: 6, email: 7, street: 8, district: 9,
    });
    expect(await counts(core)).toEqual(before);
  });

  it('reads a windows-1252 CSV with semicolons, as Spanish Excel saves it', async () => {
    const { core } = await setUpPractice();
    const { preview, result } = await importFile(core, 'pacientes-latin1.csv', fixture('pacientes-latin1.csv'));
    expect(preview).toMatchObject({ format: 'csv', encoding: 'windows-1252', rowCount: 3 });
    expect(preview.headers).toEqual(['Paciente', 'RUT', 'F. Nac.', 'Sexo', 'Fono', 'Dirección', 'Comuna', 'Región']);
    expect(preview.suggestedMapping).toEqual({ fullName: 0, documentNumber: 1, birthDate: 2, sex: 3, phone: 4, street: 5, district: 6, region: 7 });
    expect(result).toEqual({ total: 3, imported: 3, alreadyPresent: 0, rejected: [] });
    const rows = await patientRows(core);
    expect(rows.map((r) => [r.given_names, r.first_surname, r.second_surname, r.document_number, r.birth_date, r.sex])).toEqual([
      ['Sofía', 'Araya', '', '24111222-5', '2015-04-03', 'female'],
      ['María José', 'Ibáñez', 'Núñez', '8765432-K', '1962-11-30', 'female'],
      ['José Tomás', 'Muñoz', 'Peña', '11222333-9', '1979-08-05', 'male'],
    ]);
    const jose = rows[2]!;
    expect(JSON.parse(jose.address!)).toEqual({ street: 'Avenida Grecia 1234, depto 5', district: 'Ñuñoa', city: '', region: 'Metropolitana', postalCode: '' });
    expect(JSON.parse(jose.phones)).toEqual([{ e164: '+56987654321', kind: 'mobile', whatsapp: true }]);
    // A Santiago landline is a home phone, not WhatsApp.
    expect(JSON.parse(rows[1]!.phones)).toEqual([{ e164: '+56223456789', kind: 'home', whatsapp: false }]);
  });

  it('reads UTF-8 with a BOM without polluting the first header', async () => {
    const { core } = await setUpPractice();
    const { preview, result } = await importFile(core, 'pacientes-bom.csv', fixture('pacientes-bom.csv'));
    expect(preview.encoding).toBe('utf-8');
    expect(preview.headers[0]).toBe('Nombres');
    expect(preview.suggestedMapping).toEqual({ givenNames: 0, firstSurname: 1, documentNumber: 2, birthDate: 3, email: 4, phone: 5 });
    expect(result).toMatchObject({ imported: 2, rejected: [] });
    // One "Apellidos" column is split into both surnames, keeping particles with their surname.
    expect((await patientRows(core)).map((r) => [r.given_names, r.first_surname, r.second_surname])).toEqual([
      ['Íñigo', 'De la Fuente', 'Álvarez'],
      ['Ángela', 'Gutiérrez', 'Vásquez'],
    ]);
  });

  it('reads XLSX, with date cells as real dates and numbers as typed', async () => {
    const { core } = await setUpPractice();
    const xlsx = minimalXlsx([
      ['Nombres', 'Primer apellido', 'Segundo apellido', 'RUT', 'Fecha de nacimiento', 'Teléfono', 'Correo'],
      ['Tomás', 'Muñoz', 'Araya', 123456785, { date: '1984-02-29' }, 56987654321, 'tomas@gmail.com'],
      // A date typed in a text cell, and one that lost its date format (a bare serial).
      ['Ana', 'Soto', null, '9.876.543-3', '14/03/1985', '9 8765 1111', null],
      ['Luis', 'Vera', 'Jara', '20.123.456-5', 29221, null, null],
    ]);
    const { preview, result } = await importFile(core, 'pacientes.xlsx', xlsx);
    expect(preview).toMatchObject({ format: 'xlsx', rowCount: 3 });
    expect(preview.sampleRows[0]).toEqual(['Tomás', 'Muñoz', 'Araya', '123456785', '1984-02-29', '56987654321', 'tomas@gmail.com']);
    expect(result).toEqual({ total: 3, imported: 3, alreadyPresent: 0, rejected: [] });
    const rows = await patientRows(core);
    expect(rows.map((r) => [r.given_names, r.document_number, r.birth_date, JSON.parse(r.phones)[0]?.e164 ?? null])).toEqual([
      ['Tomás', '12345678-5', '1984-02-29', '+56987654321'],
      ['Ana', '9876543-3', '1985-03-14', '+56987651111'],
      ['Luis', '20123456-5', '1980-01-01', null],
    ]);
  });

  it('refuses empty, unreadable and legacy files with a clear message', async () => {
    const { core } = await setUpPractice();
    const preview = (bytes: Buffer | string) => callError(core, 'admin', 'patients.import.preview', { fileName: 'x', contentBase64: base64(bytes) });
    expect(await preview('\r\n  \r\n')).toMatchObject({ code: 'VALIDATION', messageKey: 'validation.importEmpty' });
    expect(await preview('Nombres;Apellidos\r\n')).toMatchObject({ code: 'VALIDATION', messageKey: 'validation.importEmpty' });
    expect(await preview(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01, 0x02, 0x03, 0xff]))).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'validation.importUnreadable',
    });
    // A ZIP that is not a workbook (a .docx, say).
    expect(await preview(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]))).toMatchObject({ messageKey: 'validation.importUnreadable' });
    expect(await preview(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))).toMatchObject({ messageKey: 'validation.importLegacyXls' });
    // A mapping without a name column, or pointing past the last column.
    const file = base64(fixture(BAD_ROWS));
    expect(await callError(core, 'admin', 'patients.import.run', { fileName: 'x.csv', contentBase64: file, mapping: { documentNumber: 3 } })).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'validation.importMappingName',
    });
    expect(await callError(core, 'admin', 'patients.import.run', { fileName: 'x.csv', contentBase64: file, mapping: { fullName: 0, email: 42 } })).toMatchObject({
      messageKey: 'validation.importMappingColumn',
    });
  });

  it('needs patients.write to import', async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'billing', 'caja');
    await call(core, 'caja', 'auth.signIn', { username: 'caja', password: 'user-password-1' });
    const error = await callError(core, 'caja', 'patients.import.preview', { fileName: 'x.csv', contentBase64: base64(fixture(BAD_ROWS)) });
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('patient import: rows', () => {
  it('imports the valid rows and reports each rejected row by its spreadsheet row number', async () => {
    const { core } = await setUpPractice();
    const before = await counts(core);
    const { result } = await importFile(core, BAD_ROWS, fixture(BAD_ROWS));
    expect(result).toEqual({
      total: 8,
      imported: 4,
      alreadyPresent: 0,
      rejected: [
        { row: 3, errors: [{ field: 'documentNumber', messageKey: 'validation.rut' }] },
        { row: 5, errors: [{ field: 'birthDate', messageKey: 'validation.date' }] },
        { row: 6, errors: [{ field: 'email', messageKey: 'validation.email' }] },
        {
          row: 7,
          errors: [
            { field: 'givenNames', messageKey: 'validation.required' },
            { field: 'firstSurname', messageKey: 'validation.required' },
          ],
        },
      ],
    });
    const rows = await patientRows(core);
    expect(rows.map((r) => `${r.given_names} ${r.first_surname}`)).toEqual(['Benjamín Castro', 'Camila Fuentes', 'Ana María Pérez', 'Martina Sepúlveda']);
    const ana = rows.find((r) => r.given_names === 'Ana María')!;
    expect(ana).toMatchObject({ document_type: 'RUT', document_number: '12345678-5', birth_date: '1985-03-12', sex: 'female', email: 'ana.perez@gmail.com' });
    expect(ana.sort_name).toBe('perez soto ana maria');
    // The minor comes in, flagged for staff to add who answers for her.
    const martina = rows.find((r) => r.given_names === 'Martina')!;
    expect(JSON.parse(martina.guarantor)).toEqual({ kind: 'self' });
    expect(martina.notes).toBe(MINOR_NOTE.es);

    // Four inserts through the write path, and one audit entry for the whole import.
    expect(await counts(core)).toEqual([before[0]! + 4, before[1]! + 4, before[2]! + 1]);
    const audit = await core.vault.store().db.selectFrom('audit_log').selectAll().where('action', '=', 'patients.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ imported: 4, rejected: 4, alreadyPresent: 0, fileName: BAD_ROWS });
  });

  it('keeps an address written on several lines of a cell as one line, and refuses a name with an invisible character', async () => {
    const { core } = await setUpPractice();
    const csv = `Nombres,Apellido paterno,Dirección\r\nRosa,Muñoz,"Av. Providencia 123\r\n  Depto 4"\r\nLuis,Pérez\u202e,Calle 1\r\n${'x'.repeat(81)},Soto,\r\n`;
    const { result } = await importFile(core, 'direcciones.csv', csv);
    expect(result).toMatchObject({
      total: 3,
      imported: 1,
      rejected: [
        { row: 3, errors: [{ field: 'firstSurname', messageKey: 'validation.invisibleCharacters' }] },
        // The limit travels with the message, so the row's report can say it.
        { row: 4, errors: [{ field: 'givenNames', messageKey: 'validation.tooLongMax', params: { max: 80 } }] },
      ],
    });
    const [rosa] = await patientRows(core);
    expect(JSON.parse(rosa!.address!)).toMatchObject({ street: 'Av. Providencia 123, Depto 4' });
  });

  it('creates no duplicates when the same file is imported again', async () => {
    const { core } = await setUpPractice();
    await importFile(core, BAD_ROWS, fixture(BAD_ROWS));
    const before = await count(core, 'patients');
    const { result } = await importFile(core, BAD_ROWS, fixture(BAD_ROWS));
    // By document for three of them; by name and birth date for Benjamín, who has none.
    expect(result).toMatchObject({ total: 8, imported: 0, alreadyPresent: 4 });
    expect(result.rejected.map((r) => r.row)).toEqual([3, 5, 6, 7]);
    expect(await count(core, 'patients')).toBe(before);
  });

  it('treats a repeated row as already present, and a document under another name as an error', async () => {
    const { core } = await setUpPractice();
    const csv = [
      'Nombre completo;RUT;Fecha de nacimiento;Teléfono',
      'Ana Pérez Soto;12.345.678-5;12/03/1985;',
      'Pedro Rojas;;01/02/1970;9 8888 7777',
      'Ana Pérez Soto;12345678-5;12/03/1985;',
      // Same person, no document: matched by name and phone.
      'Pedro Rojas Díaz;;;9 8888 7777',
      // The same RUT as Ana's, typed on someone else.
      'Luis Vera Jara;12.345.678-5;;',
    ].join('\r\n');
    const { result } = await importFile(core, 'repetidos.csv', csv);
    expect(result).toEqual({
      total: 5,
      imported: 2,
      alreadyPresent: 2,
      rejected: [{ row: 6, errors: [{ field: 'documentNumber', messageKey: 'validation.importDocumentTaken' }] }],
    });
  });

  it('does not bring back a deleted patient by importing their document', async () => {
    const { core } = await setUpPractice();
    await importFile(core, 'pacientes-bom.csv', fixture('pacientes-bom.csv'));
    const store = core.vault.store();
    const angela = await store.db.selectFrom('patients').select('id').where('document_number', '=', '16333444-5').executeTakeFirstOrThrow();
    await store.write({ userId: null, deviceId: store.deviceId }, (tx) => tx.tombstone('patients', angela.id, new Date().toISOString()));
    const { result } = await importFile(core, 'pacientes-bom.csv', fixture('pacientes-bom.csv'));
    expect(result).toEqual({
      total: 2,
      imported: 0,
      alreadyPresent: 1,
      rejected: [{ row: 2, errors: [{ field: 'documentNumber', messageKey: 'validation.importDocumentDeleted' }] }],
    });
  });

  it('writes nothing at all when an insert fails half-way', async () => {
    const { core } = await setUpPractice();
    const store = core.vault.store();
    await importFile(core, 'pacientes-bom.csv', fixture('pacientes-bom.csv'));
    // A constraint the importer does not check for: two different people share an e-mail address,
    // so the fourth insert of the transaction fails after three have gone in.
    store.database.sqlite.exec('CREATE UNIQUE INDEX test_patients_email ON patients(email)');
    const before = await counts(core);
    const csv = [
      'Nombres,Apellidos,Correo',
      'Carla,Rojas Soto,carla@gmail.com',
      'Mario,Díaz Vega,mario@gmail.com',
      'Elena,Paz Ríos,elena@gmail.com',
      'Carlos,Rojas Soto,carla@gmail.com',
      'Inés,Toro Gil,ines@gmail.com',
    ].join('\n');
    const contentBase64 = base64(csv);
    const error = await callError(core, 'admin', 'patients.import.run', {
      fileName: 'choque.csv',
      contentBase64,
      mapping: { givenNames: 0, firstSurname: 1, email: 2 },
    });
    expect(error).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.IMPORT_CONFLICT' });
    expect(await counts(core)).toEqual(before);
    expect(await store.db.selectFrom('patients').select('id').where('email', '=', 'mario@gmail.com').execute()).toEqual([]);
  });
});

describe('patient export', () => {
  it('exports active patients as CSV that imports back into a fresh practice as the same patients', async () => {
    const { core } = await setUpPractice();
    await importFile(core, BAD_ROWS, fixture(BAD_ROWS));
    await importFile(core, 'pacientes-latin1.csv', fixture('pacientes-latin1.csv'));
    // A deleted patient is left out.
    const store = core.vault.store();
    const deleted = await store.db.selectFrom('patients').select('id').where('given_names', '=', 'Camila').executeTakeFirstOrThrow();
    await store.write({ userId: null, deviceId: store.deviceId }, (tx) => tx.tombstone('patients', deleted.id, new Date().toISOString()));

    const exported = await call(core, 'admin', 'patients.export', {});
    expect(exported.count).toBe(6);
    expect(exported.fileName).toMatch(/^pacientes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.csv.startsWith('\uFEFFNombres;Primer apellido;Segundo apellido;')).toBe(true);
    const lines = exported.csv.trim().split('\r\n');
    expect(lines).toHaveLength(7);
    // Ordered by surname; the RUT formatted, the phones formatted.
    expect(lines[1]).toContain('Sofía;Araya;;;RUT;24.111.222-5;2015-04-03;Femenino;');
    expect(exported.csv).not.toContain('Camila');
    const audit = await store.db.selectFrom('audit_log').select('details').where('action', '=', 'patients.export').execute();
    expect(audit.map((a) => JSON.parse(a.details!))).toEqual([{ count: 6 }]);

    const fresh = await setUpPractice();
    const { result } = await importFile(fresh.core, exported.fileName, Buffer.from(exported.csv, 'utf8'));
    expect(result).toEqual({ total: 6, imported: 6, alreadyPresent: 0, rejected: [] });
    const original = (await patientRows(core)).filter((r) => r.given_names !== 'Camila');
    expect(await patientRows(fresh.core)).toEqual(original);
  });

  it('writes the headers in the requesting user’s language', async () => {
    const { core } = await setUpPractice();
    await importFile(core, 'pacientes-bom.csv', fixture('pacientes-bom.csv'));
    await call(core, 'admin', 'auth.setLanguage', { language: 'en' });
    const exported = await call(core, 'admin', 'patients.export', {});
    expect(exported.fileName).toMatch(/^patients-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.csv.startsWith('\uFEFFGiven names,First surname,Second surname,Preferred name,Document type,Document,Birth date,Sex,Phones,Email,')).toBe(true);
    // And it still maps back on import.
    const preview = await call(core, 'admin', 'patients.import.preview', { fileName: exported.fileName, contentBase64: base64(exported.csv) });
    expect(preview.suggestedMapping).toMatchObject({ givenNames: 0, firstSurname: 1, secondSurname: 2, documentNumber: 5, birthDate: 6, sex: 7, phone: 8, email: 9 });
  });
});

describe('import parsing rules', () => {
  it('splits a whole name the Hispanic way', () => {
    expect(splitFullName('Pérez Soto, Ana María')).toEqual({ givenNames: 'Ana María', firstSurname: 'Pérez', secondSurname: 'Soto' });
    expect(splitFullName('Ana María Pérez Soto')).toEqual({ givenNames: 'Ana María', firstSurname: 'Pérez', secondSurname: 'Soto' });
    expect(splitFullName('Juan Pérez')).toEqual({ givenNames: 'Juan', firstSurname: 'Pérez', secondSurname: '' });
    expect(splitFullName('María del Carmen de la Fuente Soto')).toEqual({ givenNames: 'María del Carmen', firstSurname: 'de la Fuente', secondSurname: 'Soto' });
    expect(splitFullName('Madonna')).toEqual({ givenNames: 'Madonna', firstSurname: '', secondSurname: '' });
  });

  it('reads birth dates as spreadsheets hold them', () => {
    const ctx = { today: '2026-11-21', monthFirst: false };
    expect(parseBirthDate('1985-03-12', ctx)).toBe('1985-03-12');
    expect(parseBirthDate('12/03/1985', ctx)).toBe('1985-03-12');
    expect(parseBirthDate('12-03-1985', ctx)).toBe('1985-03-12');
    expect(parseBirthDate('2/3/85', ctx)).toBe('1985-03-02');
    // Two-digit years go back to the past: 2007 has been, 2030 has not.
    expect(parseBirthDate('5/6/07', ctx)).toBe('2007-06-05');
    expect(parseBirthDate('5/6/30', ctx)).toBe('1930-06-05');
    expect(parseBirthDate('12-mar-85', ctx)).toBe('1985-03-12');
    expect(parseBirthDate('12 de marzo de 1985', ctx)).toBe('1985-03-12');
    expect(parseBirthDate(31118, ctx)).toBe('1985-03-12');
    expect(parseBirthDate('31118', ctx)).toBe('1985-03-12');
    expect(parseBirthDate(new Date(Date.UTC(1985, 2, 12)), ctx)).toBe('1985-03-12');
    expect(parseBirthDate('03/12/1985', { ...ctx, monthFirst: true })).toBe('1985-03-12');
    for (const bad of ['31/02/1990', '1985', 'mañana', '13/13/1985', '1985-02-30']) expect(parseBirthDate(bad, ctx)).toBeNull();
  });

  it('reads sex in Spanish and English, and blanks as unknown', () => {
    expect(['F', 'm', 'Femenino', 'MASCULINO', 'Mujer', 'hombre', 'female', 'Male', 'Varón'].map(parseSex)).toEqual([
      'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'male',
    ]);
    expect(parseSex('')).toBeNull();
    expect(parseSex('s/i')).toBeNull();
    expect(parseSex('tal vez')).toBeUndefined();
  });

  it('suggests mappings for English and abbreviated headers, and never maps a document-type column', () => {
    expect(suggestMapping(['First name', 'Last name', 'Date of birth', 'E-mail', 'Mobile', 'Document type', 'Document'])).toEqual({
      givenNames: 0, firstSurname: 1, birthDate: 2, email: 3, phone: 4, documentNumber: 6,
    });
    // A lone name column holds whole names.
    expect(suggestMapping(['Nombre', 'RUT (sin puntos)', 'Teléfono de contacto', 'Fecha Nac'])).toEqual({ fullName: 0, documentNumber: 1, phone: 2, birthDate: 3 });
  });

  it('honours a "sep=" line and leaves it out of the row numbers, as Excel does', async () => {
    const sheet = await readSpreadsheet(Buffer.from('sep=,\r\nNombre completo,Dirección\r\nAna Soto,Los Leones 1; depto 2\r\n'));
    expect(sheet.headers).toEqual(['Nombre completo', 'Dirección']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['Ana Soto', 'Los Leones 1; depto 2'] }]);
  });

  it('detects the delimiter and the encoding', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n"x;y",2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(decodeText(Buffer.from([0x4d, 0x75, 0xf1, 0x6f, 0x7a]))).toEqual({ text: 'Muñoz', encoding: 'windows-1252' });
    expect(decodeText(Buffer.from('\uFEFFJosé', 'utf8'))).toEqual({ text: 'José', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Núñez\tSoto', 'utf16le')]))).toEqual({ text: 'Núñez\tSoto', encoding: 'utf-16le' });
  });
});
