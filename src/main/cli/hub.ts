import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { translate } from '../../shared/i18n/translate';
import { openOrCreateHubKey, HUB_KEY_FILE } from '../hub/hub-keyfile';
import { DEFAULT_HUB_PORT, startHub } from '../hub/hub-service';
import { parseArgs, requireFlag, requirePassphrase, stringFlag, UsageError } from './args';
import { cliLanguage } from './messages';
import { runCommand } from './run-command';

const USAGE = 'npm run hub -- --data DIR [--port N] [--host H]';
const language = cliLanguage();
const t = (key: string, params: Record<string, string | number> = {}) => translate(language, `hubCli.${key}`, params) ?? key;

/** Where workstations can reach a hub bound to every interface: its LAN addresses. */
function addresses(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`https://${host}:${port}`];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4')
    .map((a) => `https://${a!.address}:${port}`);
}

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dir = requireFlag(args, 'data', USAGE);
  const host = stringFlag(args, 'host') ?? '0.0.0.0';
  const port = Number(stringFlag(args, 'port') ?? DEFAULT_HUB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Bad --port. Usage: ${USAGE}`);
  const { key, created } = await openOrCreateHubKey(dir, await requirePassphrase(args));
  if (created) console.log(t('keyCreated', { path: join(dir, HUB_KEY_FILE) }));
  const hub = await startHub({ dir, key, host, port, onSetupCode: (code) => console.log(t('newSetupCode', { code })) });
  console.log(t('listening'));
  for (const address of addresses(host, hub.port)) console.log(`  ${address}`);
  console.log(t('fingerprint'));
  console.log(`  ${hub.fingerprint}`);
  const code = hub.setupCode();
  if (code) console.log(t('setupCode', { code }));
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log(t('stopping'));
      void hub.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
});
