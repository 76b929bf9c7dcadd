import { createAppCore } from '../src/main/app-core';
import { asciiSlug, EMAIL_DOMAINS, NAME_ERAS, type Sex, SURNAMES } from '../src/main/demo/names';
import { Random, WeightedPicker } from '../src/main/demo/random';
import { formatRut, rutCheckDigit } from '../src/shared/identity/rut';
import { normalizePhone } from '../src/shared/patients/phones';
import type { CallResult } from '../src/shared/contract';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';

const BENCH = 'patients.import_10k_csv';
const ROWS = 10_000;
const ITERATIONS = 3;
/** One row in a hundred has a typo'd RUT, so the report path is exercised as in a real file. */
const TYPO_EVERY = 100;
const CONNECTION = 'bench-import';

const COMUNAS = ['Providencia', 'Ñuñoa', 'Las Condes', 'Maipú', 'La Florida', 'Puente Alto', 'Santiago', 'Peñalolén', 'Vitacura', 'San Miguel'];
const STREETS = ['Los Leones', 'Irarrázaval', 'Grecia', 'Pedro de Valdivia', 'Vicuña Mackenna', 'Los Aromos', 'Macul', 'Tobalaba'];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * 10,000 patients as Spanish Excel saves a sheet: windows-1252, ';' between
 * cells, CRLF, dates as dd/mm/yyyy and RUTs with dots. Names come from the
 * demo's Chilean name lists; every RUT is valid except the deliberate typos.
 */
export function generateImportCsv(seed = 'bench/import'): Buffer {
  const random = new Random(seed);
  const surnames = new WeightedPicker(SURNAMES);
  const domains = new WeightedPicker(EMAIL_DOMAINS);
  const eras = NAME_ERAS.map((era) => ({ from: era.from, F: new WeightedPicker(era.female), M: new WeightedPicker(era.male) }));
  const lines = ['Nombres;Apellido paterno;Apellido materno;RUT;Fecha de nacimiento;Sexo;Celular;Correo;Dirección;Comuna'];
  for (let i = 0; i < ROWS; i++) {
    const sex: Sex = random.chance(0.54) ? 'F' : 'M';
    const year = random.int(1940, 2005);
    let era = eras[0]!;
    for (const candidate of eras) if (year >= candidate.from) era = candidate;
    const given = era[sex].pick(random);
    const first = surnames.pick(random);
    const second = surnames.pick(random);
    const body = String(5_000_000 + i * 2_000 + random.int(0, 1_999));
    const digit = rutCheckDigit(body);
    const typo = i % TYPO_EVERY === TYPO_EVERY - 1;
    const rut = formatRut(`${body}-${typo ? (digit === '1' ? '2' : '1') : digit}`);
    const birth = `${pad(random.int(1, 28))}/${pad(random.int(1, 12))}/${year}`;
    let phone: string;
    // Drawn again until libphonenumber knows the range: some blocks of Chilean mobiles are unassigned.
    do phone = `9 ${random.int(3000, 9999)} ${random.int(1000, 9999)}`;
    while (!normalizePhone(phone, 'CL'));
    const email = random.chance(0.6) ? `${asciiSlug(given.split(' ')[0]!)}.${asciiSlug(first)}${i}@${domains.pick(random)}` : '';
    const street = random.chance(0.7) ? `${random.pick(STREETS)} ${random.int(10, 9999)}` : '';
    lines.push([given, first, second, rut, birth, sex, phone, email, street, street ? random.pick(COMUNAS) : ''].join(';'));
  }
  const text = `${lines.join('\r\n')}\r\n`;
  // Every character of the Chilean name lists is in Latin-1, which windows-1252 extends.
  if ([...text].some((c) => c.charCodeAt(0) > 0xff)) throw new Error('the bench file needs a character outside windows-1252');
  return Buffer.from(text, 'latin1');
}

function valueOf<T>(result: CallResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.messageKey}`);
  return result.value as T;
}

async function run(ctx: BenchContext): Promise<void> {
  if (!ctx.wants(BENCH)) return;
  const file = generateImportCsv();
  const contentBase64 = file.toString('base64');
  const fileName = 'pacientes.csv';
  info(`import: ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KiB of windows-1252 CSV`);
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    // A fresh, small practice each time, so every run imports all 10,000 rows.
    const core = await createAppCore({ dataDir: ctx.tempDir('import') });
    try {
      valueOf(
        await core.dispatch(
          'app.setup',
          {
            practice: { name: 'Clínica Bench', country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', language: 'es' },
            admin: { givenNames: 'Claudia', firstSurname: 'Morales', secondSurname: 'Reyes', username: 'admin', password: 'bench-password-1' },
            key: { kind: 'passphrase', passphrase: 'bench-only passphrase, demo data' },
          },
          CONNECTION,
        ),
      );
      const preview = await timeAsync(async () =>
        valueOf<{ suggestedMapping: Record<string, number> }>(await core.dispatch('patients.import.preview', { fileName, contentBase64 }, CONNECTION)),
      );
      const imported = await timeAsync(async () =>
        valueOf<{ imported: number; rejected: unknown[] }>(
          await core.dispatch('patients.import.run', { fileName, contentBase64, mapping: preview.value.suggestedMapping }, CONNECTION),
        ),
      );
      samples.push(imported.ms);
      info(
        `import: run ${i + 1}: preview ${preview.ms.toFixed(0)} ms, import ${imported.ms.toFixed(0)} ms ` +
          `(${imported.value.imported} imported, ${imported.value.rejected.length} rejected)`,
      );
    } finally {
      await core.close();
    }
  }
  ctx.emit(summarize(BENCH, samples));
}

export const importSuite: BenchSuite = { area: 'import', benches: [BENCH], run };
