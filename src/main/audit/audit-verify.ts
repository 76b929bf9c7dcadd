import type Database from 'better-sqlite3-multiple-ciphers';
import type { CHAIN_PROBLEM_KINDS } from '../../shared/contract/audit';
import type { AuditAnchorTable, AuditLogTable } from '../db/schema';
import { type AuditCheckpoint, anchorHead, type ChainHead, GENESIS_HASH, keyedHash, macMatches, unkeyedHash } from './audit-chain';

/**
 * What verifying found first, on which workstation's chain:
 * - `altered`: an entry's content no longer matches its seal;
 * - `removed`: an entry is missing from the middle of the chain;
 * - `rechained`: the entries link up, but their seals were recomputed without the key;
 * - `missingTail`: the newest entries are gone (the anchor or the checkpoint names later ones);
 * - `emptied`: every entry is gone;
 * - `anchorAltered`: the sealed head was removed, edited or rolled back.
 */
export type ChainProblemKind = (typeof CHAIN_PROBLEM_KINDS)[number];

export interface ChainProblem {
  workstationId: string;
  kind: ChainProblemKind;
  /** The first entry that is wrong or missing. */
  seq: number;
  /** The newest entry still proven good before it, if any. */
  lastGood: { seq: number; at: string } | null;
}

export interface ChainReport {
  intact: boolean;
  checked: number;
  brokenAt: ChainProblem | null;
}

export interface ChainSeal {
  /** This workstation, whose chain this database seals even before its first entry. */
  deviceId: string | null;
  key: Buffer;
  /** The key file's sealed copy of this workstation's head, if one was written. */
  checkpoint: AuditCheckpoint | null;
}

type Good = { seq: number; at: string; hash: string } | null;

interface OwnChain {
  anchor: ChainHead | null;
  anchorSound: boolean;
  checkpoint: AuditCheckpoint | null;
  checkpointSound: boolean;
  /** The stored hash of the entry the checkpoint names, met on the walk. */
  hashAtCheckpoint: string | null;
  keyedFrom: number;
}

/**
 * Walks every workstation's chain in order. The chains this database sealed
 * (this workstation's, and an earlier computer's after a restore: each has an
 * anchor) are checked entry by entry against their keyed seals, and their
 * heads against the anchor and the key file's checkpoint. Other workstations'
 * copies can only be checked for order and linkage here: their seals are
 * under their own keys, and their own workstation (and the hub) anchor them.
 */
export function verifyAuditChain(sqlite: Database.Database, seal: ChainSeal): ChainReport {
  const own = new Map<string, OwnChain>();
  const ownChain = (deviceId: string): OwnChain => {
    let chain = own.get(deviceId);
    if (!chain) own.set(deviceId, (chain = { anchor: null, anchorSound: false, checkpoint: null, checkpointSound: false, hashAtCheckpoint: null, keyedFrom: 1 }));
    return chain;
  };
  for (const row of sqlite.prepare<[], AuditAnchorTable>('SELECT * FROM audit_anchor').all()) {
    const chain = ownChain(row.device_id);
    chain.anchor = anchorHead(row);
    chain.anchorSound = macMatches(seal.key, 'anchor', chain.anchor, row.mac);
  }
  if (seal.checkpoint) {
    const chain = ownChain(seal.checkpoint.deviceId);
    chain.checkpoint = seal.checkpoint;
    chain.checkpointSound = macMatches(seal.key, 'checkpoint', seal.checkpoint, seal.checkpoint.mac);
  }
  if (seal.deviceId) ownChain(seal.deviceId);
  for (const chain of own.values()) {
    chain.keyedFrom = (chain.anchorSound ? chain.anchor?.keyedFrom : undefined) ?? (chain.checkpointSound ? chain.checkpoint?.keyedFrom : undefined) ?? 1;
  }

  let checked = 0;
  const problem = (workstationId: string, kind: ChainProblemKind, seq: number, lastGood: Good): ChainReport => ({
    intact: false,
    checked,
    brokenAt: { workstationId, kind, seq, lastGood: lastGood ? { seq: lastGood.seq, at: lastGood.at } : null },
  });

  const checkHead = (deviceId: string, chain: OwnChain, last: Good): ChainReport | null => {
    const lastSeq = last?.seq ?? 0;
    const heads: { head: ChainHead; sound: boolean }[] = [];
    if (chain.anchor) heads.push({ head: chain.anchor, sound: chain.anchorSound });
    if (chain.checkpoint) heads.push({ head: chain.checkpoint, sound: chain.checkpointSound });
    for (const { head, sound } of heads) {
      if (!sound) return problem(deviceId, 'anchorAltered', head.seq, last);
      if (head.seq > lastSeq) return problem(deviceId, lastSeq === 0 ? 'emptied' : 'missingTail', lastSeq + 1, last);
    }
    // The log grew again past a cut: the entry the checkpoint sealed is not the one there now.
    if (chain.checkpoint && chain.checkpoint.seq > 0 && chain.hashAtCheckpoint !== chain.checkpoint.hash) {
      return problem(deviceId, 'rechained', chain.checkpoint.seq, last);
    }
    if (!chain.anchor && lastSeq > 0) return problem(deviceId, 'anchorAltered', lastSeq, last);
    // The anchor moves with every entry: one behind the rows, or on another hash, was put back by hand.
    if (chain.anchor && (chain.anchor.seq !== lastSeq || chain.anchor.hash !== (last?.hash ?? GENESIS_HASH))) {
      return problem(deviceId, 'anchorAltered', chain.anchor.seq, last);
    }
    return null;
  };

  let device: string | null = null;
  let good: Good = null;
  /** An own entry whose seal failed: `rechained` if the next one fails too, `altered` if it holds. */
  let suspect: { seq: number; lastGood: Good } | null = null;
  const seen = new Set<string>();
  const endOfChain = (): ChainReport | null => {
    if (device === null) return null;
    if (suspect) return problem(device, 'altered', suspect.seq, suspect.lastGood);
    const chain = own.get(device);
    return chain ? checkHead(device, chain, good) : null;
  };

  for (const row of sqlite.prepare<[], AuditLogTable>('SELECT * FROM audit_log ORDER BY device_id, seq').iterate()) {
    if (row.device_id !== device) {
      const found = endOfChain();
      if (found) return found;
      device = row.device_id;
      seen.add(device);
      good = null;
      suspect = null;
    }
    const expectedSeq: number = (good?.seq ?? suspect?.seq ?? 0) + 1;
    // After a suspect entry, linkage is judged by the seals alone.
    const expectedPrev = suspect ? row.prev_hash : (good?.hash ?? GENESIS_HASH);
    if (row.seq !== expectedSeq || row.prev_hash !== expectedPrev) {
      if (suspect) return problem(row.device_id, 'altered', suspect.seq, suspect.lastGood);
      return problem(row.device_id, 'removed', expectedSeq, good);
    }
    const chain = own.get(row.device_id);
    if (chain) {
      const { hash, ...fields } = row;
      const sealedHash = row.seq >= chain.keyedFrom ? keyedHash(seal.key, fields) : unkeyedHash(fields);
      if (sealedHash !== hash) {
        if (suspect) return problem(row.device_id, 'rechained', suspect.seq, suspect.lastGood);
        suspect = { seq: row.seq, lastGood: good };
        good = null;
        continue;
      }
      if (suspect) return problem(row.device_id, 'altered', suspect.seq, suspect.lastGood);
    }
    if (chain && row.seq === chain.checkpoint?.seq) chain.hashAtCheckpoint = row.hash;
    good = { seq: row.seq, at: row.at, hash: row.hash };
    checked++;
  }
  const found = endOfChain();
  if (found) return found;
  for (const [deviceId, chain] of own) {
    if (seen.has(deviceId)) continue;
    const emptied = checkHead(deviceId, chain, null);
    if (emptied) return emptied;
  }
  return { intact: true, checked, brokenAt: null };
}
