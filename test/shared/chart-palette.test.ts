import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES } from '../../src/shared/chart/findings';
import { CHART_PALETTE_PRESETS } from '../../src/shared/contract/chairside';
import { LEGEND_STATUSES, STATUS_MARKS } from '../../src/shared/chart/status-marks';

describe('the chart tells every status apart', () => {
  it('each ready-made palette gives every status its own colour', () => {
    for (const [name, palette] of Object.entries(CHART_PALETTE_PRESETS)) {
      const colours = FINDING_STATUSES.map((s) => palette[s].toLowerCase());
      expect(new Set(colours).size, name).toBe(FINDING_STATUSES.length);
    }
  });

  it('every status has its own pattern and its own ring line, whatever the colours', () => {
    expect([...LEGEND_STATUSES].sort()).toEqual([...FINDING_STATUSES].sort());
    expect(new Set(FINDING_STATUSES.map((s) => STATUS_MARKS[s].pattern)).size).toBe(FINDING_STATUSES.length);
    expect(new Set(FINDING_STATUSES.map((s) => STATUS_MARKS[s].dash ?? 'solid')).size).toBe(FINDING_STATUSES.length);
  });
});
