import { describe, expect, it } from 'vitest';
import { type FurcationGrade, type Mobility, type PerioExam, createExam, presentTeeth, setFurcation, setMobility, setSite } from '../../src/shared/perio/exam';
import { type FurcationEntrance, type Site, SITES } from '../../src/shared/perio/sites';
import { type StagingInput, type StagingRuleCode, confirmStaging, meetsCaseDefinition, suggestStaging } from '../../src/shared/staging/staging';

type Spec = Record<string, Partial<Record<Site, [pd: number, gm: number]>>>;

/**
 * A healthy mouth (PD 2, margin 2 mm coronal to the CEJ: CAL 0 everywhere)
 * with the given sites changed.
 */
function exam(spec: Spec = {}, options: { missing?: string[]; mobility?: Record<string, Mobility>; furcation?: Array<[string, FurcationEntrance, FurcationGrade]> } = {}): PerioExam {
  let e = createExam({ id: 's', date: '2025-03-04', missing: options.missing ?? [] });
  for (const tooth of presentTeeth(e)) for (const site of SITES) e = setSite(e, tooth, site, { pd: 2, gm: -2 });
  for (const [tooth, sites] of Object.entries(spec)) for (const [site, [pd, gm]] of Object.entries(sites)) e = setSite(e, tooth, site as Site, { pd, gm });
  for (const [tooth, m] of Object.entries(options.mobility ?? {})) e = setMobility(e, tooth, m);
  for (const [tooth, entrance, grade] of options.furcation ?? []) e = setFurcation(e, tooth, entrance, grade);
  return e;
}

/** Interdental CAL at tooth 3 MB (PD ≤4 so no depth rule fires). */
const withCal = (cal: number, extra: Spec = {}) => exam({ '3': { MB: cal <= 4 ? [cal, 0] : [4, cal - 4] }, ...extra });
const stage = (input: Partial<StagingInput> & { exam: PerioExam }) => suggestStaging(input).stage;
const fired = (input: Partial<StagingInput> & { exam: PerioExam }) => suggestStaging(input).rules.filter((r) => r.applied).map((r) => r.rule);
const rule = (input: Partial<StagingInput> & { exam: PerioExam }, code: StagingRuleCode) => suggestStaging(input).rules.find((r) => r.rule === code);

describe('stage: interdental CAL sets the baseline', () => {
  it('finds no stage without attachment loss', () => {
    const s = suggestStaging({ exam: exam() });
    expect(s).toMatchObject({ kind: 'suggestion', requiresConfirmation: true, stage: null, grade: null, extent: null, caseDefinitionMet: false });
    expect(s.rules.map((r) => r.rule)).toEqual(['stage.no_attachment_loss']);
  });

  it('CAL 1–2 → I, 3–4 → II, ≥5 → III (boundaries 2/3 and 4/5)', () => {
    expect(stage({ exam: withCal(1) })).toBe('I');
    expect(stage({ exam: withCal(2) })).toBe('I');
    expect(stage({ exam: withCal(3) })).toBe('II');
    expect(stage({ exam: withCal(4) })).toBe('II');
    expect(stage({ exam: withCal(5) })).toBe('III');
    expect(stage({ exam: withCal(9) })).toBe('III');
    expect(rule({ exam: withCal(5) }, 'stage.cal_ge_5')).toEqual({ rule: 'stage.cal_ge_5', implies: 'III', applied: true, detail: { cal: 5, tooth: '3', site: 'MB' } });
    expect(fired({ exam: withCal(2) })).toContain('stage.cal_1_2');
    expect(fired({ exam: withCal(4) })).toContain('stage.cal_3_4');
  });

  it('reads only interdental sites for the baseline', () => {
    expect(stage({ exam: exam({ '3': { B: [3, 2] } }) })).toBeNull();
  });
});

describe('stage: raised by bone loss, tooth loss and complexity', () => {
  it('bone loss <15 % → I, 15–33 % → II, beyond 33 % → III', () => {
    expect(stage({ exam: withCal(2), boneLossPercent: 14.9 })).toBe('I');
    expect(stage({ exam: withCal(2), boneLossPercent: 15 })).toBe('II');
    expect(rule({ exam: withCal(2), boneLossPercent: 15 }, 'stage.bone_loss_15_33')).toMatchObject({ implies: 'II', applied: true });
    expect(stage({ exam: withCal(2), boneLossPercent: 33 })).toBe('II');
    expect(stage({ exam: withCal(2), boneLossPercent: 33.1 })).toBe('III');
    expect(stage({ exam: withCal(5), boneLossPercent: 10 })).toBe('III');
    expect(rule({ exam: withCal(5), boneLossPercent: 10 }, 'stage.bone_loss_lt_15')).toMatchObject({ applied: false });
    // Without CAL measured, bone loss stands in.
    expect(stage({ exam: exam(), boneLossPercent: 20 })).toBe('II');
  });

  it('teeth lost to periodontitis: 1–4 → III, ≥5 → IV', () => {
    expect(stage({ exam: withCal(3), teethLostToPeriodontitis: 0 })).toBe('II');
    expect(stage({ exam: withCal(3), teethLostToPeriodontitis: 1 })).toBe('III');
    expect(stage({ exam: withCal(5), teethLostToPeriodontitis: 4 })).toBe('III');
    expect(stage({ exam: withCal(5), teethLostToPeriodontitis: 5 })).toBe('IV');
    expect(fired({ exam: withCal(5), teethLostToPeriodontitis: 5 })).toContain('stage.tooth_loss_ge_5');
  });

  it('max PD ≤4 stays I, 5 → at least II, ≥6 → at least III', () => {
    // The deep pocket is mid-buccal with an overgrown margin, so it does not change the interdental CAL of 2.
    const pocket = (pd: number) => withCal(2, { '8': { B: [pd, -4] } });
    expect(stage({ exam: pocket(4) })).toBe('I');
    expect(stage({ exam: pocket(5) })).toBe('II');
    expect(fired({ exam: pocket(5) })).toContain('stage.pd_5');
    expect(stage({ exam: pocket(6) })).toBe('III');
    expect(rule({ exam: pocket(6) }, 'stage.pd_ge_6')).toMatchObject({ implies: 'III', applied: true, detail: { pd: 6, tooth: '8', site: 'B' } });
  });

  it('vertical bone loss, furcation II/III and a moderate ridge defect → at least III', () => {
    expect(stage({ exam: withCal(3), boneLossPattern: 'horizontal' })).toBe('II');
    expect(stage({ exam: withCal(3), boneLossPattern: 'vertical' })).toBe('III');
    expect(stage({ exam: withCal(3), complexity: { moderateRidgeDefect: true } })).toBe('III');
    expect(stage({ exam: withCal(3), complexity: { furcationClassIIorIII: true } })).toBe('III');
    const furcation = (grade: FurcationGrade) => exam({ '3': { MB: [3, 0] } }, { furcation: [['3', 'B', grade]] });
    expect(stage({ exam: furcation(1) })).toBe('II');
    expect(stage({ exam: furcation(2) })).toBe('III');
    expect(rule({ exam: furcation(2) }, 'stage.furcation_ii_iii')?.detail).toEqual({ teeth: ['3'] });
  });

  it('stage IV complexity turns III into IV, and is only reported below III', () => {
    expect(stage({ exam: exam({ '3': { MB: [4, 1] } }, { mobility: { '8': 2 } }) })).toBe('IV');
    expect(stage({ exam: exam({ '3': { MB: [4, 1] } }, { mobility: { '8': 1 } }) })).toBe('III');
    const below = { exam: exam({ '3': { MB: [3, 0] } }, { mobility: { '8': 3 } }) };
    expect(stage(below)).toBe('II');
    expect(rule(below, 'stage.secondary_occlusal_trauma')).toMatchObject({ implies: 'IV', applied: false, detail: { teeth: ['8'], reason: 'below_stage_iii' } });
    for (const key of ['masticatoryDysfunction', 'secondaryOcclusalTrauma', 'severeRidgeDefect', 'biteCollapse', 'fewerThan20Teeth'] as const) {
      expect(stage({ exam: withCal(5), complexity: { [key]: true } }), key).toBe('IV');
    }
  });

  it('fewer than 20 remaining teeth (or 10 opposing pairs) is a stage IV factor', () => {
    // Third molars, second molars and second premolars missing: 20 teeth, 10 opposing pairs.
    const twenty = ['1', '16', '17', '32', '2', '15', '18', '31', '4', '13', '20', '29'];
    const at = (missing: string[]) => exam({ '3': { MB: [4, 1] } }, { missing });
    expect(suggestStaging({ exam: at(twenty) }).measures).toMatchObject({ remainingTeeth: 20, opposingPairs: 10 });
    expect(stage({ exam: at(twenty) })).toBe('III');
    expect(stage({ exam: at([...twenty, '5']) })).toBe('IV');
    expect(rule({ exam: at([...twenty, '5']) }, 'stage.fewer_than_20_teeth')?.detail).toEqual({ remaining: 19, pairs: 9 });
    // 20 teeth but only 9 opposing pairs also counts.
    const unpaired = ['1', '16', '17', '32', '2', '15', '18', '31', '4', '13', '21', '28'];
    expect(suggestStaging({ exam: at(unpaired) }).measures).toMatchObject({ remainingTeeth: 20, opposingPairs: 8 });
    expect(stage({ exam: at(unpaired) })).toBe('IV');
  });

  it('never goes below a previously confirmed stage', () => {
    expect(stage({ exam: withCal(3), previousStage: 'III' })).toBe('III');
    expect(fired({ exam: withCal(3), previousStage: 'III' })).toContain('stage.not_below_previous');
    expect(stage({ exam: exam(), previousStage: 'IV' })).toBe('IV');
    expect(stage({ exam: withCal(5), previousStage: 'II' })).toBe('III');
    expect(fired({ exam: withCal(5), previousStage: 'II' })).not.toContain('stage.not_below_previous');
  });
});

describe('extent', () => {
  const noThirds = ['1', '16', '17', '32'];
  const spread = ['4', '5', '6', '11', '12', '13', '20', '21', '22'];
  const involving = (teeth: string[], cal = 3) => exam(Object.fromEntries(teeth.map((t) => [t, { MB: [cal, 0] as [number, number] }])), { missing: noThirds });

  it('is localized under 30 % of teeth involved, generalized from 30 %', () => {
    const local = suggestStaging({ exam: involving(spread.slice(0, 8)) }); // 8/28 = 28.6 %
    expect(local.extent).toBe('localized');
    expect(local.rules.find((r) => r.rule === 'extent.localized')?.detail).toEqual({ involved: 8, present: 28, percent: 28.6, calAtLeast: 3 });
    expect(suggestStaging({ exam: involving(spread) }).extent).toBe('generalized'); // 9/28 = 32.1 %
  });

  it('counts teeth at the severity that defines the stage', () => {
    const e = exam({ ...Object.fromEntries(spread.map((t) => [t, { MB: [3, 0] as [number, number] }])), '3': { MB: [4, 2] } }, { missing: noThirds });
    const s = suggestStaging({ exam: e });
    expect(s.stage).toBe('III');
    expect(s.extent).toBe('localized'); // only tooth 3 reaches 5 mm
    expect(s.measures.teethInvolved).toBe(1);
  });

  it('recognises the molar/incisor pattern', () => {
    const s = suggestStaging({ exam: involving(['3', '14', '19', '30', '8', '9', '24', '25'], 5) });
    expect(s.extent).toBe('molar_incisor');
    expect(suggestStaging({ exam: involving(['3', '8', '9', '4', '13'], 5) }).extent).toBe('molar_incisor'); // two others allowed
    expect(suggestStaging({ exam: involving(['3', '8', '9', '4', '13', '20'], 5) }).extent).toBe('localized'); // three are too many
    expect(suggestStaging({ exam: involving(['8', '9'], 5) }).extent).toBe('localized'); // no first molar
    expect(suggestStaging({ exam: involving(['3'], 5) }).extent).toBe('localized'); // one tooth is no pattern
  });
});

describe('grade', () => {
  const base = withCal(3);

  it('starts at B', () => {
    const s = suggestStaging({ exam: base });
    expect(s.grade).toBe('B');
    expect(s.rules.filter((r) => r.rule.startsWith('grade.')).map((r) => r.rule)).toEqual(['grade.default_b']);
  });

  it('% bone loss / age: <0.25 → A, 0.25–1.0 → B, >1.0 → C', () => {
    const grade = (boneLossPercent: number) => suggestStaging({ exam: base, boneLossPercent, age: 40 }).grade;
    expect(grade(9.6)).toBe('A'); // 0.24
    expect(grade(10)).toBe('B'); // 0.25
    expect(grade(40)).toBe('B'); // 1.0
    expect(grade(41)).toBe('C'); // 1.025
    expect(rule({ exam: base, boneLossPercent: 41, age: 40 }, 'grade.bl_age_gt_1')).toMatchObject({ implies: 'C', applied: true, detail: { ratio: 1.025 } });
  });

  it('direct evidence over 5 years decides when known: none → A, <2 mm → B, ≥2 mm → C', () => {
    const grade = (progressionMm5y: number) => suggestStaging({ exam: base, progressionMm5y }).grade;
    expect(grade(0)).toBe('A');
    expect(grade(1.9)).toBe('B');
    expect(grade(2)).toBe('C');
    const both = { exam: base, progressionMm5y: 0, boneLossPercent: 50, age: 30 };
    expect(suggestStaging(both).grade).toBe('A');
    expect(rule(both, 'grade.bl_age_gt_1')).toMatchObject({ applied: false });
  });

  it('smoking: <10 a day → at least B, ≥10 → C (boundary 9/10)', () => {
    const gradeA = { exam: base, boneLossPercent: 8, age: 40 }; // 0.2 → A
    expect(suggestStaging({ ...gradeA, cigarettesPerDay: 0 }).grade).toBe('A');
    expect(suggestStaging({ ...gradeA, cigarettesPerDay: 9 }).grade).toBe('B');
    expect(suggestStaging({ ...gradeA, cigarettesPerDay: 10 }).grade).toBe('C');
    expect(fired({ ...gradeA, cigarettesPerDay: 10 })).toContain('grade.smoking_ge_10');
    // A risk factor never lowers the grade.
    expect(suggestStaging({ exam: base, progressionMm5y: 3, cigarettesPerDay: 5 }).grade).toBe('C');
  });

  it('diabetes: HbA1c <7.0 % → at least B, ≥7.0 % → C (boundary 6.9/7.0)', () => {
    const gradeA = { exam: base, boneLossPercent: 8, age: 40 };
    expect(suggestStaging({ ...gradeA, diabetes: false, hba1c: 5.4 }).grade).toBe('A');
    expect(suggestStaging({ ...gradeA, diabetes: true, hba1c: 6.9 }).grade).toBe('B');
    expect(suggestStaging({ ...gradeA, diabetes: true, hba1c: 7.0 }).grade).toBe('C');
    expect(suggestStaging({ ...gradeA, diabetes: true }).grade).toBe('B');
    expect(suggestStaging({ ...gradeA, hba1c: 7.0 }).grade).toBe('C');
    expect(rule({ ...gradeA, diabetes: true, hba1c: 6.9 }, 'grade.diabetes_hba1c_lt_7')).toMatchObject({ implies: 'B', applied: true, detail: { hba1c: 6.9 } });
  });
});

describe('the 2017 case definition and confirming', () => {
  it('needs interdental CAL ≥2 at two non-adjacent teeth, or buccal/oral CAL ≥3 with PD >3 at two teeth', () => {
    expect(meetsCaseDefinition(exam({ '3': { DB: [2, 0] }, '4': { MB: [2, 0] } }))).toBe(false); // one contact, two neighbours
    expect(meetsCaseDefinition(exam({ '3': { DB: [2, 0] }, '5': { MB: [2, 0] } }))).toBe(true);
    expect(meetsCaseDefinition(exam({ '3': { DB: [2, 0] }, '5': { MB: [2, 0] } }, { missing: ['4'] }))).toBe(false); // neighbours across the gap
    expect(meetsCaseDefinition(exam({ '3': { B: [4, 0] }, '14': { L: [4, 0] } }))).toBe(true);
    expect(meetsCaseDefinition(exam({ '3': { B: [3, 0] }, '14': { L: [4, 0] } }))).toBe(false);
    expect(suggestStaging({ exam: withCal(3) }).rules.map((r) => r.rule)).toContain('case.definition_not_met');
  });

  it('is confirmed by the dentist, who may change it but not lower the stage', () => {
    const s = suggestStaging({ exam: withCal(3), previousStage: null });
    const at = '2025-03-04T16:00:00Z';
    expect(confirmStaging(s, { by: 'dr-a', at })).toEqual({
      ok: true,
      staging: { stage: 'II', grade: 'B', extent: 'localized', by: 'dr-a', at, overridden: false, suggested: { stage: 'II', grade: 'B', extent: 'localized' } },
    });
    const changed = confirmStaging(s, { by: 'dr-a', at, grade: 'C' });
    expect(changed.ok && changed.staging.overridden).toBe(true);
    expect(confirmStaging(s, { by: 'dr-a', at, previousStage: 'III' })).toEqual({ ok: false, error: 'stage_below_previous' });
    expect(confirmStaging(suggestStaging({ exam: exam() }), { by: 'dr-a', at })).toEqual({ ok: false, error: 'stage_required' });
  });
});
