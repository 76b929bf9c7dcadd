import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Writes a whole file or nothing: a crash mid-write leaves the old file in place. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.partial`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
