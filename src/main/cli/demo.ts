import { resolve } from 'node:path';
import { DemoRefusedError, type DemoProgress, type DemoSize, type DemoSummary, generateDemo, holdsPractice } from '../demo/generate-demo';
import { parseArgs, requireFlag, requirePassphrase, stringFlag, UsageError } from './args';
import { runCommand } from './run-command';

const USAGE = 'npm run demo -- --data DIR --size small|large [--seed TEXT]   (passphrase: DENTAL_PASSPHRASE or --passphrase-file FILE)';

/** Prints each step's progress every tenth, so a log stays short and a terminal still shows movement. */
function progressPrinter(started: number): (p: DemoProgress) => void {
  let lastStep = '';
  let lastTenth = -1;
  return ({ step, done, total }) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (step === lastStep && tenth === lastTenth) return;
    lastStep = step;
    lastTenth = tenth;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`  ${step.padEnd(12)} ${String(done).padStart(6)}/${total}  (${seconds} s)`);
  };
}

function printSummary(summary: DemoSummary): void {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log('');
  console.log(`Consulta de demostración creada / Demo practice created: ${summary.dataDir}`);
  console.log(`  ${Object.entries(summary.counts).map(([table, n]) => `${table}: ${n}`).join(', ')}`);
  console.log(`  ${summary.steps.map((s) => `${s.step} ${seconds(s.ms)}`).join(', ')}`);
  console.log(`  Tiempo total / Total time: ${seconds(summary.totalMs)}`);
  console.log('');
  console.log('Usuarios / Users:');
  console.log(`  ${'usuario / user'.padEnd(16)} ${'rol / role'.padEnd(13)} contraseña / password`);
  for (const user of summary.users) console.log(`  ${user.username.padEnd(16)} ${user.role.padEnd(13)} ${user.password}`);
  console.log('');
  console.log('Solo para demostración: estas contraseñas son públicas. No registre pacientes reales en esta consulta.');
  console.log('Demo only: these passwords are public. Never record real patients in this practice.');
}

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = resolve(requireFlag(args, 'data', USAGE));
  const size = stringFlag(args, 'size');
  if (size !== 'small' && size !== 'large') throw new UsageError(`--size must be small or large. Usage: ${USAGE}`);
  const passphrase = await requirePassphrase(args);
  if (holdsPractice(dataDir)) {
    console.error(`${dataDir} ya contiene una consulta; la demostración solo se crea en una carpeta vacía.`);
    console.error(`${dataDir} already holds a practice; the demo is only created in an empty folder.`);
    return 1;
  }

  const started = performance.now();
  console.log(`Creando la consulta de demostración (${size}) / Creating the demo practice (${size}) in ${dataDir}`);
  try {
    const summary = await generateDemo({
      dataDir,
      passphrase,
      size: size as DemoSize,
      seed: stringFlag(args, 'seed'),
      onProgress: progressPrinter(started),
    });
    printSummary(summary);
  } catch (error) {
    if (error instanceof DemoRefusedError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
});
