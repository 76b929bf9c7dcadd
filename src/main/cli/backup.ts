import { backupPractice } from '../backup/backup';
import { parseArgs, requireFlag, requirePassphrase } from './args';
import { runCommand } from './run-command';

const USAGE = 'npm run backup -- --data DIR --out FILE';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = requireFlag(args, 'data', USAGE);
  const out = requireFlag(args, 'out', USAGE);
  const header = await backupPractice(dataDir, await requirePassphrase(args), out);
  console.log(`Copia de seguridad cifrada escrita / Encrypted backup written: ${out} (${(header.bytes / 1024 / 1024).toFixed(1)} MiB, sha256 ${header.sha256.slice(0, 12)}…)`);
});
