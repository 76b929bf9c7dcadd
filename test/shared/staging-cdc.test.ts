import { describe, expect, it } from 'vitest';
import { type PerioExam, createExam, presentTeeth, setSite } from '../../src/shared/perio/exam';
import { type Site, SITES } from '../../src/shared/perio/sites';
import { cdcAapCaseDefinition, cdcAapDetails } from '../../src/shared/staging/cdc';

type Spec = Record<string, Partial<Record<Site, [pd: number, gm: number]>>>;

/** A healthy mouth (PD 2, CAL 0) with the given sites changed; [PD, GM] with CAL = PD + GM. */
function exam(spec: Spec, missing: string[] = []): PerioExam {
  let e = createExam({ id: 'c', date: '2025-03-04', missing });
  for (const tooth of presentTeeth(e)) for (const site of SITES) e = setSite(e, tooth, site, { pd: 2, gm: -2 });
  for (const [tooth, sites] of Object.entries(spec)) for (const [site, [pd, gm]] of Object.entries(sites)) e = setSite(e, tooth, site as Site, { pd, gm });
  return e;
}
const cdc = (spec: Spec, missing: string[] = []) => cdcAapCaseDefinition(exam(spec, missing));

describe('CDC/AAP case definitions (Eke 2012)', () => {
  it('none for a healthy mouth', () => {
    expect(cdc({})).toBe('none');
  });

  it('severe: CAL ≥6 at 2 interproximal sites on different teeth and PD ≥5 at one', () => {
    expect(cdc({ '3': { MB: [5, 1] }, '14': { DB: [4, 2] } })).toBe('severe');
    // Same two sites on one tooth: not severe (and not moderate either); the 5 mm pocket makes it mild.
    expect(cdc({ '3': { MB: [5, 1], DB: [4, 2] } })).toBe('mild');
    // CAL 6 on two teeth but no pocket of 5 mm: moderate.
    expect(cdc({ '3': { MB: [4, 2] }, '14': { DB: [4, 2] } })).toBe('moderate');
    // CAL 5, not 6.
    expect(cdc({ '3': { MB: [5, 0] }, '14': { DB: [4, 1] } })).toBe('moderate');
  });

  it('moderate: CAL ≥4 at 2 interproximal sites on different teeth', () => {
    expect(cdc({ '3': { MB: [3, 1] }, '19': { ML: [3, 1] } })).toBe('moderate');
    expect(cdc({ '3': { MB: [3, 1], DL: [3, 1] } })).toBe('none'); // same tooth, no pockets of 4 mm
    expect(cdc({ '3': { MB: [3, 0] }, '19': { ML: [3, 1] } })).toBe('none'); // CAL 3 and 4: not moderate, and no 4 mm pockets for mild
  });

  it('moderate: PD ≥5 at 2 interproximal sites on different teeth', () => {
    expect(cdc({ '3': { MB: [5, -2] }, '30': { DL: [5, -2] } })).toBe('moderate');
    // Both on one tooth: mild (CAL 3 at two sites and one site with PD 5).
    expect(cdc({ '3': { MB: [5, -2], DL: [5, -2] } })).toBe('mild');
  });

  it('mild: CAL ≥3 at 2 interproximal sites and PD ≥4 at 2 interproximal sites on different teeth, or one site with PD ≥5', () => {
    expect(cdc({ '3': { MB: [4, -1] }, '14': { MB: [4, -1] } })).toBe('mild');
    expect(cdc({ '3': { MB: [4, -1], DB: [4, -1] } })).toBe('none'); // pockets of 4 mm on one tooth only
    expect(cdc({ '3': { MB: [3, 0], DB: [5, -2] } })).toBe('mild'); // one 5 mm pocket is enough
    expect(cdc({ '3': { MB: [5, -2] } })).toBe('none'); // but not without attachment loss at two sites
    expect(cdc({ '3': { MB: [3, 0] }, '14': { MB: [3, 0] } })).toBe('none'); // attachment loss without pockets
  });

  it('reads interproximal sites only', () => {
    expect(cdc({ '3': { B: [7, 2] }, '14': { L: [7, 2] } })).toBe('none');
  });

  it('leaves third molars out unless asked, and missing teeth always', () => {
    const spec: Spec = { '1': { MB: [5, 1] }, '16': { DB: [4, 2] } };
    expect(cdc(spec)).toBe('none');
    expect(cdcAapCaseDefinition(exam(spec), { includeThirdMolars: true })).toBe('severe');
    // With 14 missing its readings are ignored: one site with attachment loss is no case.
    expect(cdc({ '3': { MB: [5, 1] }, '14': { DB: [4, 2] } }, ['14'])).toBe('none');
  });

  it('reports the counts behind the answer', () => {
    expect(cdcAapDetails(exam({ '3': { MB: [5, 1], DB: [4, 2] }, '14': { ML: [4, 0] } }))).toEqual({
      case: 'moderate', // CAL ≥4 on teeth 3 and 14; CAL ≥6 only on tooth 3, so not severe
      cal3: { sites: 3, teeth: 2 },
      cal4: { sites: 3, teeth: 2 },
      cal6: { sites: 2, teeth: 1 },
      pd4: { sites: 3, teeth: 2 },
      pd5: { sites: 1, teeth: 1 },
    });
  });
});
