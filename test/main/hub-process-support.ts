import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';

export interface HubProcess {
  child: ChildProcess;
  port: number;
  fingerprint: string;
  code: string | null;
  /** kill -9, and wait until it is gone. */
  kill(): Promise<void>;
}

/**
 * Runs the real `npm run hub` CLI as its own process and reads what it prints.
 * node itself (not npx, whose child would outlive a kill -9 of npx), with tsx as a loader.
 */
export function startHubProcess(options: {
  /** The embedded store's folder, or (`postgres`) the URL of a PostgreSQL store, optionally opening bootstrap for a new practice. */
  dir?: string;
  postgres?: string;
  newPractice?: boolean;
  port?: number;
  expectCode: boolean;
  passphrase?: string;
}): Promise<HubProcess> {
  const store = options.postgres ? ['--postgres', options.postgres, ...(options.newPractice ? ['--new-practice'] : [])] : ['--data', options.dir!];
  const args = ['--import', 'tsx', 'src/main/cli/hub.ts', ...store, '--host', '127.0.0.1', '--port', String(options.port ?? 0)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DENTAL_PASSPHRASE: options.passphrase ?? 'hub-test-passphrase', LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /https:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      const fingerprint = /\s([0-9A-F]{2}(?::[0-9A-F]{2}){31})\s/.exec(out);
      if (port && fingerprint && (!options.expectCode || /Setup code for the first workstation: \S+\n/.test(out))) {
        const code = /Setup code for the first workstation: (\S+)/.exec(out);
        resolve({
          child,
          port: Number(port[1]),
          fingerprint: fingerprint[1]!,
          code: code?.[1] ?? null,
          kill: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.once('exit', (c) => reject(new Error(`hub exited ${c}: ${out}`)));
  });
}

/** Fetches the certificate once and checks it against the printed fingerprint: the pin. */
export function pinnedCert(port: number, fingerprint: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const pem = new X509Certificate(socket.getPeerCertificate().raw).toString();
      socket.end();
      if (new X509Certificate(pem).fingerprint256 !== fingerprint) reject(new Error('fingerprint mismatch'));
      else resolve(pem);
    });
    socket.on('error', reject);
  });
}
