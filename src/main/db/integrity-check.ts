import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/contract/errors';

/*
 * SQLite's quick_check reads and decrypts every page: ~0.4 s on a 70 MB
 * practice, seconds once years of schedule and charts are in. It runs on its
 * own read-only connection in a worker thread, so the practice opens at once
 * while the whole file is still checked every time it is opened. (Pages the
 * app reads meanwhile are checked anyway: each carries a Poly1305 tag.)
 *
 * The worker is plain JavaScript evaluated from a string, so it needs no
 * separate file in the Electron bundle; the driver is passed by absolute path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driverPath);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma("key = \\"x'" + workerData.keyHex + "'\\"");
  const rows = db.pragma('quick_check');
  const problems = rows.map((row) => Object.values(row)[0]).filter((value) => value !== 'ok');
  parentPort.postMessage({ ran: true, problems });
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : '';
  parentPort.postMessage({ ran: code.startsWith('SQLITE_'), problems: [String((error && error.message) || error)] });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

interface WorkerReport {
  ran: boolean;
  problems: string[];
}

const driverPath = () => createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

export interface IntegrityCheck {
  /** Null when the file is sound (or the check was stopped), a DATABASE_CORRUPT error when it is not. */
  result: Promise<AppError | null>;
  /** Stops a check still running (closing the app must not wait seconds for it); settles once the worker is gone. */
  stop(): Promise<void>;
}

/**
 * Runs the whole-file check in a worker, and falls back to
 * `checkOnThisThread` if a worker cannot run here.
 */
export function checkIntegrityInBackground(file: string, key: Buffer, checkOnThisThread: () => void): IntegrityCheck {
  const keyHex = key.toString('hex');
  const fallback = (): AppError | null => {
    try {
      checkOnThisThread();
      return null;
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
  };
  let worker: Worker | null = null;
  let stopped = false;
  const result = new Promise<AppError | null>((resolve) => {
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath: driverPath(), file, keyHex } });
    } catch {
      return resolve(fallback());
    }
    let report: WorkerReport | null = null;
    worker.once('message', (message: WorkerReport) => (report = message));
    // Settle only once the worker is gone, so its connection is closed before anyone closes or reopens the file.
    worker.once('exit', () => {
      if (stopped && !report) return resolve(null);
      if (!report?.ran) return resolve(fallback());
      const { problems } = report;
      resolve(problems.length === 0 ? null : new AppError('DATABASE_CORRUPT', undefined, { params: { detail: problems.slice(0, 3).join('; ') } }));
    });
  });
  return {
    result,
    async stop() {
      stopped = true;
      await (worker as Worker | null)?.terminate();
      await result.catch(() => null);
    },
  };
}
