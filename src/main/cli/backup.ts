import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { AppError } from '../../shared/contract/errors';
import { translate } from '../../shared/i18n/translate';
import { backupPractice } from '../backup/backup';
import { parseArgs, requireFlag, requirePassphrase } from './args';
import { cliLanguage } from './messages';
import { runCommand } from './run-command';

const USAGE = 'npm run backup -- --data DIR --out FILE [--force]';

/**
 * An existing file at --out may be the only good backup the practice has, so
 * it is replaced only when a person at a terminal says yes, or --force says so
 * for a scheduled job.
 */
async function mayOverwrite(out: string, force: boolean): Promise<boolean> {
  if (!existsSync(out) || force) return true;
  const refusal = new AppError('CONFLICT', 'errors.BACKUP_OUT_EXISTS', { params: { path: out } });
  if (!process.stdin.isTTY) throw refusal;
  const language = cliLanguage();
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${translate(language, 'errors.BACKUP_OUT_EXISTS', { path: out }) ?? out} [s/y/N] `);
    if (/^\s*(s|si|sí|y|yes)\s*$/i.test(answer)) return true;
  } finally {
    prompt.close();
  }
  console.error(translate(language, 'errors.BACKUP_OVERWRITE_DECLINED', { path: out }) ?? out);
  return false;
}

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = requireFlag(args, 'data', USAGE);
  const out = requireFlag(args, 'out', USAGE);
  const passphrase = await requirePassphrase(args);
  if (!(await mayOverwrite(out, args.flags.get('force') === true))) return 1;
  const header = await backupPractice(dataDir, passphrase, out);
  console.log(`Copia de seguridad cifrada escrita / Encrypted backup written: ${out} (${(header.bytes / 1024 / 1024).toFixed(1)} MiB, sha256 ${header.sha256.slice(0, 12)}…)`);
});
