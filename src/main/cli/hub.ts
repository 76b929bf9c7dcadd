import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { z } from 'zod';
import { translate } from '../../shared/i18n/translate';
import { openOrCreateHubKey, HUB_KEY_FILE } from '../hub/hub-keyfile';
import { DEFAULT_HUB_PORT, startHub, type RunningHub } from '../hub/hub-service';
import { parseArgs, requireFlag, requirePassphrase, stringFlag, UsageError, type ParsedArgs } from './args';
import { cliLanguage } from './messages';
import { runCommand } from './run-command';

const USAGE = [
  'npm run hub -- --data DIR [--port N] [--host H]                       (embedded store, one practice)',
  '       npm run hub -- --postgres URL [--new-practice] [--port N] [--host H]  (PostgreSQL, several practices and hubs)',
  '       npm run hub -- migrate --data DIR --postgres URL',
  'The PostgreSQL URL may come from HUB_POSTGRES_URL, or a --config FILE ({"postgres": URL, "host": H, "port": N});',
  'the passphrase from DENTAL_PASSPHRASE or --passphrase-file.',
].join('\n');
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

const configSchema = z.object({ postgres: z.string().optional(), host: z.string().optional(), port: z.number().int().min(0).max(65535).optional() }).strict();

/** A config file keeps the URL (and its password) out of process listings and shell history; flags win over it. */
function readConfig(args: ParsedArgs): z.infer<typeof configSchema> {
  const file = stringFlag(args, 'config');
  if (!file) return {};
  if (!existsSync(file)) throw new UsageError(`Config file not found: ${file}`);
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) console.warn(`Warning: ${file} can be read by other users of this computer (chmod 600 it).`);
  const parsed = configSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new UsageError(`Bad config file ${file}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function postgresUrl(args: ParsedArgs): string | undefined {
  const url = stringFlag(args, 'postgres') ?? readConfig(args).postgres ?? (process.env.HUB_POSTGRES_URL || undefined);
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--postgres must be a postgres:// URL. Usage: ${USAGE}`);
  return url;
}

async function migrate(args: ParsedArgs): Promise<number> {
  const dir = requireFlag(args, 'data', USAGE);
  const url = postgresUrl(args);
  if (!url) throw new UsageError(`migrate needs --postgres URL. Usage: ${USAGE}`);
  const passphrase = await requirePassphrase(args);
  const { key } = await openOrCreateHubKey(dir, passphrase);
  // Loaded here only, so the app's bundle (which has no PostgreSQL hub) never pulls in the driver.
  const { migrateEmbeddedHub } = await import('../hub/hub-migrate');
  const report = await migrateEmbeddedHub({ dir, key, postgresUrl: url, passphrase, log: (line) => console.log(`  ${line}`) });
  console.log(t('migrated', { changes: report.changes, devices: report.devices, practice: report.practiceId }));
  console.log(`  sha256 ${report.digest}`);
  return 0;
}

async function serve(args: ParsedArgs): Promise<void> {
  const config = readConfig(args);
  const host = stringFlag(args, 'host') ?? config.host ?? '0.0.0.0';
  const port = Number(stringFlag(args, 'port') ?? config.port ?? DEFAULT_HUB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Bad --port. Usage: ${USAGE}`);
  const url = postgresUrl(args);
  const onSetupCode = (code: string) => console.log(t('newSetupCode', { code }));
  let hub: RunningHub;
  let closeStore = async () => {};
  if (url) {
    if (args.flags.has('data')) throw new UsageError(`--data and --postgres are two different stores: pick one. Usage: ${USAGE}`);
    const passphrase = await requirePassphrase(args);
    const { openPostgresHubStore } = await import('../hub/hub-postgres');
    const store = await openPostgresHubStore({ url, passphrase });
    closeStore = () => store.close();
    try {
      hub = await startHub({ store, host, port, newPractice: args.flags.get('new-practice') === true, onSetupCode });
    } catch (error) {
      await closeStore();
      throw error;
    }
  } else {
    const dir = requireFlag(args, 'data', USAGE);
    const { key, created } = await openOrCreateHubKey(dir, await requirePassphrase(args));
    if (created) console.log(t('keyCreated', { path: join(dir, HUB_KEY_FILE) }));
    hub = await startHub({ dir, key, host, port, onSetupCode });
  }
  console.log(t(url ? 'listeningPostgres' : 'listening'));
  for (const address of addresses(host, hub.port)) console.log(`  ${address}`);
  console.log(t('fingerprint'));
  console.log(`  ${hub.fingerprint}`);
  const code = hub.setupCode();
  if (code) console.log(t('setupCode', { code }));
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log(t('stopping'));
      void hub
        .close()
        .then(closeStore)
        .then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.positional[0] === 'migrate') return migrate(args);
  if (args.positional.length > 0) throw new UsageError(`Unknown command ${args.positional[0]}. Usage: ${USAGE}`);
  await serve(args);
});
