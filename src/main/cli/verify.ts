import { translate } from '../../shared/i18n/translate';
import type { ChainReport } from '../audit/audit-verify';
import { verifyPractice } from '../backup/backup';
import { parseArgs, requireFlag, requirePassphrase } from './args';
import { cliLanguage } from './messages';
import { runCommand } from './run-command';

/** The same words the admin screen uses, in the admin's language; times in UTC, as a log for support is read. */
function describeChain(audit: ChainReport): string {
  const language = cliLanguage();
  const say = (key: string, params: Record<string, string | number> = {}) => translate(language, key, params) ?? key;
  if (!audit.brokenAt) return `${say('audit.intact')}: ${say('audit.intactDetail', { count: audit.checked })}`;
  const { workstationId, kind, seq, lastGood } = audit.brokenAt;
  return [
    `${say('audit.broken', { seq })}:`,
    say('audit.brokenDetail', {
      workstation: workstationId,
      problem: say(`audit.problem.${kind}`, { seq }),
      lastGood: lastGood ? say('audit.lastGood', { seq: lastGood.seq, at: lastGood.at }) : say('audit.noGood'),
      n: audit.checked,
    }),
  ].join('\n');
}

const USAGE = 'npm run verify -- --data DIR';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = requireFlag(args, 'data', USAGE);
  const report = await verifyPractice(dataDir, await requirePassphrase(args));
  console.log(`Integridad / Integrity: ${report.integrity} (schema ${report.schemaVersion})`);
  console.log(`Claves foráneas / Foreign keys: ${report.foreignKeyProblems === 0 ? 'ok' : `${report.foreignKeyProblems} problems`}`);
  console.log(describeChain(report.audit));
  return report.audit.intact && report.foreignKeyProblems === 0 ? 0 : 1;
});
