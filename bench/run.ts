import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chairsideSuite } from './chairside.bench';
import { billingSuite } from './billing.bench';
import { databaseSuite } from './database.bench';
import { dataRightsSuite } from './data-rights.bench';
import { documentsSuite } from './documents.bench';
import { ensureLargeDemo } from './fixture';
import { hubSuite } from './hub.bench';
import { hubPostgresSuite } from './hub-postgres.bench';
import { type BenchContext, type BenchSuite, info, matches, parseBenchArgs, writeResult } from './harness';
import { importSuite } from './import.bench';
import { patientsSuite } from './patients.bench';
import { plansSuite } from './plans.bench';
import { recallSuite } from './recall.bench';
import { chairsideRenderSuite } from './render/chairside.bench';
import { renderSuite } from './render/render.bench';
import { scheduleSuite } from './schedule.bench';
import { syncSuite } from './sync.bench';
import { syncEnrollSuite } from './sync-enroll.bench';
import { writeSuite } from './write.bench';
import { statementsSuite } from './statements.bench';

/** Every area's suite; a new area adds its file here. */
// One suite per line, so that adding one touches one line.
const SUITES: BenchSuite[] = [
  databaseSuite,
  writeSuite,
  importSuite,
  patientsSuite,
  scheduleSuite,
  chairsideSuite,
  renderSuite,
  chairsideRenderSuite,
  hubSuite,
  syncSuite,
  syncEnrollSuite,
  hubPostgresSuite,
  dataRightsSuite,
  statementsSuite,
  plansSuite,
  documentsSuite,
  billingSuite,
  recallSuite,
];

const options = parseBenchArgs(process.argv.slice(2));
const selected = SUITES.filter((suite) => suite.benches.some((bench) => matches(options, bench)));
if (selected.length === 0) {
  info(`no bench matches ${String(options.only)}; known: ${SUITES.flatMap((s) => s.benches).join(', ')}`);
  process.exit(2);
}

// Copies of the demo database live here for the run; they are demo data, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'dental-bench-'));
const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
process.once('SIGINT', () => {
  removeScratch();
  process.exit(130);
});

try {
  // The render benches need no demo database.
  const ownPractice = new Set<BenchSuite>([renderSuite, chairsideRenderSuite, hubSuite, hubPostgresSuite, statementsSuite, documentsSuite]);
  const practice = selected.every((suite) => ownPractice.has(suite)) ? { dataDir: '', passphrase: '' } : await ensureLargeDemo();
  let made = 0;
  const ctx: BenchContext = {
    options,
    practice,
    tempDir: (label) => mkdtempSync(join(scratch, `${label}-${made++}-`)),
    wants: (bench) => matches(options, bench),
    emit: (result) => {
      if (matches(options, result.bench)) writeResult(result);
    },
  };
  for (const suite of selected) {
    info(`${suite.area}: running`);
    const started = performance.now();
    await suite.run(ctx);
    info(`${suite.area}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  removeScratch();
}
