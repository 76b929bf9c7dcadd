import type { FindingStatus } from './findings';

/*
 * Colour alone carries no meaning on the chart (a colour-blind dentist, a
 * grey-scale print, a practice palette with two equal colours): every status
 * also has its own fill pattern on surfaces and its own line on the ring of a
 * whole-tooth finding. The legend draws the same marks.
 */

export type StatusPattern = 'solid' | 'hatch' | 'dots' | 'crosshatch' | 'stripes' | 'checks';

export const STATUS_MARKS: Readonly<Record<FindingStatus, { pattern: StatusPattern; dash: string | undefined }>> = {
  completed: { pattern: 'solid', dash: undefined },
  planned: { pattern: 'hatch', dash: '5 3' },
  existing: { pattern: 'dots', dash: '1.5 2.5' },
  existing_other: { pattern: 'crosshatch', dash: '6 2 1.5 2' },
  referred: { pattern: 'stripes', dash: '9 3' },
  condition: { pattern: 'checks', dash: '3 3' },
};

/** The legend's order: what is to do, what was done, what was found in the mouth. */
export const LEGEND_STATUSES: readonly FindingStatus[] = ['planned', 'completed', 'existing', 'existing_other', 'referred', 'condition'];
