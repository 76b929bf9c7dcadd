import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** `--name value`, `--name=value` and bare `--flag`. */
export function parseArgs(argv: string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(arg.slice(2), argv[++i]!);
    else flags.set(arg.slice(2), true);
  }
  if (flags.has('passphrase')) {
    throw new UsageError(
      'The passphrase is never taken from the command line (it would show in process listings). ' +
        'Use the DENTAL_PASSPHRASE environment variable or --passphrase-file FILE.',
    );
  }
  return { flags, positional };
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}

export function requireFlag(args: ParsedArgs, name: string, usage: string): string {
  const value = stringFlag(args, name);
  if (!value) throw new UsageError(`Missing --${name}. Usage: ${usage}`);
  return value;
}

/**
 * The database passphrase for commands that run without a person at the
 * keyboard: from DENTAL_PASSPHRASE or a file named by --passphrase-file,
 * never from argv.
 */
export async function readPassphrase(args: ParsedArgs): Promise<string | undefined> {
  const file = stringFlag(args, 'passphrase-file');
  if (file) {
    if (!existsSync(file)) throw new UsageError(`Passphrase file not found: ${file}`);
    const mode = statSync(file).mode;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      console.warn(`Warning: ${file} can be read by other users of this computer (chmod 600 it).`);
    }
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  }
  const fromEnv = process.env.DENTAL_PASSPHRASE;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

export async function requirePassphrase(args: ParsedArgs): Promise<string> {
  const passphrase = await readPassphrase(args);
  if (passphrase === undefined) {
    throw new UsageError('This command needs the database passphrase: set DENTAL_PASSPHRASE or pass --passphrase-file FILE.');
  }
  return passphrase;
}

/** Where the app keeps its practice data when no --data is given, per OS convention. */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'ConsultaDental', 'practice');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'ConsultaDental', 'practice');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'consulta-dental', 'practice');
}
