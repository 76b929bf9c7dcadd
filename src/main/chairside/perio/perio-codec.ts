import type { ToothId } from '../../../shared/chart/teeth';
import { type FurcationGrade, type Mobility, type PerioTooth, type SiteReading, EMPTY_SITE } from '../../../shared/perio/exam';
import { type FurcationEntrance, type Site, SITES } from '../../../shared/perio/sites';

/*
 * How an exam's readings are stored: compact JSON, because a practice keeps
 * thousands of exams of 192 sites each (and the outbox a copy of every save).
 * Per tooth with anything recorded:
 *   { "s": [[pd, gm, mgj, flags] × 6 in MB B DB ML L DL order], "m": mobility, "f": { entrance: grade } }
 * flags: 1 bleeding, 2 suppuration, 4 plaque, 8 calculus. A site with nothing
 * recorded is 0 instead of an array; "m" and "f" are left out when empty.
 */

type StoredSite = 0 | [number | null, number | null, number | null, number];
interface StoredTooth {
  s: StoredSite[];
  m?: number;
  f?: Record<string, number>;
}

const BLEEDING = 1;
const SUPPURATION = 2;
const PLAQUE = 4;
const CALCULUS = 8;

function encodeSite(r: SiteReading): StoredSite {
  const flags = (r.bleeding ? BLEEDING : 0) | (r.suppuration ? SUPPURATION : 0) | (r.plaque ? PLAQUE : 0) | (r.calculus ? CALCULUS : 0);
  if (r.pd === null && r.gm === null && r.mgj === null && flags === 0) return 0;
  return [r.pd, r.gm, r.mgj, flags];
}

function decodeSite(s: StoredSite | undefined): SiteReading {
  if (!s) return EMPTY_SITE;
  const [pd, gm, mgj, flags] = s;
  return { pd, gm, mgj, bleeding: (flags & BLEEDING) !== 0, suppuration: (flags & SUPPURATION) !== 0, plaque: (flags & PLAQUE) !== 0, calculus: (flags & CALCULUS) !== 0 };
}

export function encodeReadings(readings: Readonly<Record<ToothId, PerioTooth>>): string {
  const out: Record<string, StoredTooth> = {};
  for (const [tooth, t] of Object.entries(readings)) {
    const sites = SITES.map((site) => encodeSite(t.sites[site]));
    const furcation = Object.entries(t.furcation).filter(([, g]) => g !== undefined);
    if (sites.every((s) => s === 0) && t.mobility === null && furcation.length === 0) continue;
    out[tooth] = { s: sites, ...(t.mobility !== null ? { m: t.mobility } : {}), ...(furcation.length ? { f: Object.fromEntries(furcation) as Record<string, number> } : {}) };
  }
  return JSON.stringify(out);
}

export function decodeReadings(json: string): Record<ToothId, PerioTooth> {
  const stored = JSON.parse(json) as Record<string, StoredTooth>;
  const out: Record<ToothId, PerioTooth> = {};
  for (const [tooth, t] of Object.entries(stored)) {
    const sites = Object.fromEntries(SITES.map((site, i) => [site, decodeSite(t.s[i])])) as Record<Site, SiteReading>;
    out[tooth] = {
      sites,
      mobility: t.m === undefined ? null : (t.m as Mobility),
      furcation: (t.f ?? {}) as Partial<Record<FurcationEntrance, FurcationGrade>>,
    };
  }
  return out;
}
