import { restorePractice } from '../backup/backup';
import { parseArgs, requireFlag, requirePassphrase } from './args';
import { runCommand } from './run-command';

const USAGE = 'npm run restore -- --from FILE --data DIR [--replace]';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const from = requireFlag(args, 'from', USAGE);
  const dataDir = requireFlag(args, 'data', USAGE);
  const { replacedTo } = await restorePractice(from, dataDir, await requirePassphrase(args), { replace: args.flags.get('replace') === true });
  console.log(`Copia restaurada / Backup restored into ${dataDir}`);
  if (replacedTo) console.log(`La base anterior se guardó en / The previous database was kept at: ${replacedTo}`);
});
