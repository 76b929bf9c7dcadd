import { verifyPractice } from '../backup/backup';
import { parseArgs, requireFlag, requirePassphrase } from './args';
import { runCommand } from './run-command';

const USAGE = 'npm run verify -- --data DIR';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = requireFlag(args, 'data', USAGE);
  const report = await verifyPractice(dataDir, await requirePassphrase(args));
  console.log(`Integridad / Integrity: ${report.integrity} (schema ${report.schemaVersion})`);
  console.log(`Claves foráneas / Foreign keys: ${report.foreignKeyProblems === 0 ? 'ok' : `${report.foreignKeyProblems} problems`}`);
  console.log(
    report.audit.intact
      ? `Registro de auditoría / Audit log: ok (${report.audit.checked} entries)`
      : `Registro de auditoría ALTERADO / Audit log TAMPERED at workstation ${report.audit.brokenAt?.workstationId}, entry ${report.audit.brokenAt?.seq}`,
  );
  return report.audit.intact && report.foreignKeyProblems === 0 ? 0 : 1;
});
