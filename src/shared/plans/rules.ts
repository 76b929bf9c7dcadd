/**
 * The arithmetic and the status rules of treatment plans (presupuestos), pure
 * so both sides and the property tests use the same code.
 *
 * Money is integers in minor units of one currency. A coverage estimate is a
 * percent of the fee (rounded down, so the estimate never promises more than
 * the agreement gives) or a fixed amount (capped at the fee), so the patient's
 * portion is never negative and never more than the fee.
 */

export const ITEM_STATUSES = ['planned', 'accepted', 'scheduled', 'completed', 'declined'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const COVERAGE_KINDS = ['none', 'percent', 'fixed'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export interface Coverage {
  kind: CoverageKind;
  /** Percent 0–100, or minor units for `fixed`. */
  value: number;
}

export const NO_COVERAGE: Coverage = { kind: 'none', value: 0 };

export const MAX_PHASE = 9;

/** The estimated coverage of one fee, in minor units: 0 ≤ coverage ≤ fee. */
export function coverageAmount(feeMinor: number, coverage: Coverage): number {
  if (!Number.isSafeInteger(feeMinor) || feeMinor <= 0) return 0;
  if (coverage.kind === 'percent') {
    const percent = Math.min(100, Math.max(0, Math.trunc(coverage.value)));
    // Integer arithmetic: fee × percent fits a safe integer for any real fee.
    return Math.floor((feeMinor * percent) / 100);
  }
  if (coverage.kind === 'fixed') return Math.min(feeMinor, Math.max(0, Math.trunc(coverage.value)));
  return 0;
}

export function patientPortion(feeMinor: number, coverageMinor: number): number {
  return Math.max(0, feeMinor - Math.min(Math.max(0, coverageMinor), feeMinor));
}

export interface PricedItem {
  phase: number;
  status: ItemStatus;
  feeMinor: number;
  coverageMinor: number;
}

export interface Totals {
  feeMinor: number;
  coverageMinor: number;
  patientMinor: number;
  count: number;
}

const ZERO: Totals = { feeMinor: 0, coverageMinor: 0, patientMinor: 0, count: 0 };

function add(t: Totals, item: PricedItem): Totals {
  return {
    feeMinor: t.feeMinor + item.feeMinor,
    coverageMinor: t.coverageMinor + item.coverageMinor,
    patientMinor: t.patientMinor + patientPortion(item.feeMinor, item.coverageMinor),
    count: t.count + 1,
  };
}

/** Declined items are shown but count in no total. */
export const counts = (item: PricedItem) => item.status !== 'declined';

export interface PlanTotals {
  phases: { phase: number; totals: Totals }[];
  overall: Totals;
}

/** Totals per phase (ascending) and overall; the overall is the sum of the phases. */
export function planTotals(items: readonly PricedItem[]): PlanTotals {
  const byPhase = new Map<number, Totals>();
  for (const item of items) {
    if (!byPhase.has(item.phase)) byPhase.set(item.phase, ZERO);
    if (counts(item)) byPhase.set(item.phase, add(byPhase.get(item.phase)!, item));
  }
  const phases = [...byPhase.entries()].sort((a, b) => a[0] - b[0]).map(([phase, totals]) => ({ phase, totals }));
  const overall = phases.reduce<Totals>(
    (t, p) => ({
      feeMinor: t.feeMinor + p.totals.feeMinor,
      coverageMinor: t.coverageMinor + p.totals.coverageMinor,
      patientMinor: t.patientMinor + p.totals.patientMinor,
      count: t.count + p.totals.count,
    }),
    ZERO,
  );
  return { phases, overall };
}

/**
 * The status moves an item may make by hand. Acceptance (planned → accepted)
 * is recorded through an acceptance, booking (→ scheduled) through an
 * appointment, completion through the chart.
 */
const MOVES: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  planned: ['accepted', 'declined'],
  accepted: ['scheduled', 'completed', 'declined'],
  scheduled: ['accepted', 'completed'],
  completed: [],
  declined: ['planned'],
};

export function canMove(from: ItemStatus, to: ItemStatus): boolean {
  return MOVES[from].includes(to);
}

/** What a plan is, from its items: nothing accepted yet, partly or wholly accepted, declined, or done. */
export type PlanState = 'empty' | 'proposed' | 'partial' | 'accepted' | 'in_progress' | 'completed' | 'declined';

export function planState(statuses: readonly ItemStatus[]): PlanState {
  if (statuses.length === 0) return 'empty';
  const live = statuses.filter((s) => s !== 'declined');
  if (live.length === 0) return 'declined';
  if (live.every((s) => s === 'completed')) return 'completed';
  if (live.some((s) => s === 'completed' || s === 'scheduled')) return 'in_progress';
  if (live.every((s) => s === 'planned')) return 'proposed';
  if (live.every((s) => s === 'accepted')) return 'accepted';
  return 'partial';
}

/** Only items nobody has accepted yet may change what they quote, move phase or leave the plan. */
export const isEditable = (status: ItemStatus, acceptedAt: string | null) => acceptedAt === null && (status === 'planned' || status === 'declined');

/**
 * Moves one item up or down in the flat order (phase by phase, position
 * within): at a phase's edge it crosses into the neighbouring phase, which is
 * how the keyboard reorders. Returns the new [id, phase] order, or null.
 */
export function moveItem<T extends { id: string; phase: number }>(ordered: readonly T[], id: string, direction: -1 | 1): { id: string; phase: number }[] | null {
  const index = ordered.findIndex((i) => i.id === id);
  if (index < 0) return null;
  const item = ordered[index]!;
  const list = ordered.map((i) => ({ id: i.id, phase: i.phase }));
  const neighbour = list[index + direction];
  if (neighbour && neighbour.phase === item.phase) {
    list[index] = neighbour;
    list[index + direction] = { id: item.id, phase: item.phase };
    return list;
  }
  const phase = item.phase + direction;
  if (phase < 1 || phase > MAX_PHASE) return null;
  list[index] = { id: item.id, phase };
  return list;
}
