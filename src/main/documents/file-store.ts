import { createHash } from 'node:crypto';
import { CHUNK_BYTES } from '../../shared/documents/kinds';
import type { Db } from '../patients/patients-repository';
import type { WriteTx } from '../store/store';

/*
 * The files' bytes, content-addressed: each file is cut into 512 KiB chunks
 * stored as facts keyed by the file's SHA-256 and the chunk's index. They
 * live inside the page-encrypted practice database (and its WAL), never in a
 * file of their own, so nothing readable ever lands on disk; and a file
 * attached again, here or on another workstation, adds no row and no sync.
 */

export interface StoredFile {
  sha256: string;
  chunkCount: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const chunkId = (sha256: string, index: number) => `${sha256}:${index}`;

/** Stores the file's chunks unless they are there already (the same bytes attached before). */
export async function putFile(tx: WriteTx, bytes: Buffer): Promise<StoredFile> {
  const sha256 = sha256Hex(bytes);
  const chunkCount = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  const present = await tx.db.selectFrom('document_chunks').select('chunk_index').where('sha256', '=', sha256).execute();
  const have = new Set(present.map((r) => r.chunk_index));
  for (let index = 0; index < chunkCount; index++) {
    if (have.has(index)) continue;
    const data = bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES).toString('base64');
    await tx.insert('document_chunks', { id: chunkId(sha256, index), sha256, chunk_index: index, chunk_count: chunkCount, data });
  }
  return { sha256, chunkCount };
}

/**
 * The file's bytes, checked against its hash; null while some chunk has not
 * arrived yet (a sync in progress) or if the bytes do not match.
 */
export async function readFile(db: Db, file: StoredFile): Promise<Buffer | null> {
  const rows = await db.selectFrom('document_chunks').select(['chunk_index', 'data']).where('sha256', '=', file.sha256).orderBy('chunk_index').execute();
  if (rows.length < file.chunkCount) return null;
  const bytes = Buffer.concat(rows.slice(0, file.chunkCount).map((r) => Buffer.from(r.data, 'base64')));
  return sha256Hex(bytes) === file.sha256 ? bytes : null;
}
