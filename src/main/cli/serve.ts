import { createAppCore } from '../app-core';
import { startBrowserHost } from '../host/browser-host';
import { parseArgs, readPassphrase, stringFlag } from './args';
import { runCommand } from './run-command';

const USAGE = 'npm run serve -- --data DIR [--port N]';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = stringFlag(args, 'data');
  if (!dataDir) {
    console.error(`Usage: ${USAGE}`);
    return 2;
  }
  const port = Number(stringFlag(args, 'port') ?? 0);
  const core = await createAppCore({ dataDir, passphrase: await readPassphrase(args), lockHolder: 'serve' });
  const host = await startBrowserHost({ core, port });
  console.log(`Consulta Dental: ${host.url}`);
  console.log('Open this address in a browser on this computer. Ctrl+C stops the server.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await core.close();
});
