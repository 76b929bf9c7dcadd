/**
 * Periodontitis staging and grading (2017 AAP/EFP World Workshop; Tonetti,
 * Greenwell & Kornman 2018; the decision steps of Tonetti & Sanz 2019).
 *
 * Decision support, not a diagnosis: the result is a suggestion the dentist
 * confirms (confirmStaging), and it lists every criterion it evaluated as a
 * structured rule code, so the UI can say why in the user's language.
 *
 * Stage
 *   1. Baseline from the worst interdental CAL (MB, DB, ML, DL of present
 *      teeth): 1–2 mm → I, 3–4 mm → II, ≥5 mm → III. With no CAL measured,
 *      radiographic bone loss stands in for it.
 *   2. Radiographic bone loss raises it: <15 % → I, 15–33 % → II,
 *      >33 % (middle third or beyond) → III.
 *   3. Teeth lost to periodontitis raise it: 1–4 → III, ≥5 → IV.
 *   4. Complexity raises it: max PD 5 mm → at least II (stage I allows ≤4);
 *      PD ≥6 mm, vertical bone loss ≥3 mm, furcation II/III, a moderate ridge
 *      defect → at least III.
 *   5. Stage IV complexity (masticatory dysfunction, secondary occlusal
 *      trauma (mobility ≥2), severe ridge defect, bite collapse / drifting /
 *      flaring, <20 remaining teeth or <10 opposing pairs) turns III into IV.
 *      It only applies once steps 1–4 have reached stage III (the 2019
 *      decision tree separates III from IV among cases already that severe);
 *      below that it is reported with applied: false.
 *   6. Stage never goes down: a previously confirmed stage is a floor.
 * Furcation II/III and mobility ≥2 are read off the exam as well as taken
 * from the dentist; either is enough.
 *
 * Extent: the share of present teeth "involved" at the stage-defining
 * severity, meaning teeth whose worst interdental CAL reaches the bottom of
 * the CAL band of the baseline stage (1, 3 or 5 mm). <30 % → localized,
 * otherwise generalized; molar/incisor pattern as the first molar/incisor
 * presentation was defined in 1999: at least two teeth involved, one of them
 * a first molar, and no more than two teeth that are neither first molars nor
 * incisors.
 *
 * Grade starts at B. Direct evidence (CAL or bone loss over 5 years: none →
 * A, <2 mm → B, ≥2 mm → C) sets it when known; otherwise the indirect
 * % bone loss / age does (<0.25 → A, 0.25–1.0 → B, >1.0 → C). Then risk
 * factors can only raise it: smoking <10 cigarettes/day → at least B, ≥10 →
 * C; diabetes with HbA1c <7.0 % → at least B, HbA1c ≥7.0 % → C.
 */

import { areNeighbours, deepestPocket, furcationTeeth, mobileTeeth, opposingPairs, remainingTeeth, worstCalPerTooth, worstInterdentalCal } from './measures';
import { type PerioExam, calOf, presentTeeth, toothReading } from '../perio/exam';
import { type ToothId, isPrimary, toothInfo, toothType } from '../chart/teeth';

export type Stage = 'I' | 'II' | 'III' | 'IV';
export type Grade = 'A' | 'B' | 'C';
export type Extent = 'localized' | 'generalized' | 'molar_incisor';
export const STAGES: readonly Stage[] = ['I', 'II', 'III', 'IV'];
export const GRADES: readonly Grade[] = ['A', 'B', 'C'];

export interface ComplexityInputs {
  furcationClassIIorIII?: boolean;
  moderateRidgeDefect?: boolean;
  masticatoryDysfunction?: boolean;
  /** Secondary occlusal trauma (tooth mobility degree ≥2). */
  secondaryOcclusalTrauma?: boolean;
  severeRidgeDefect?: boolean;
  /** Bite collapse, drifting, flaring. */
  biteCollapse?: boolean;
  fewerThan20Teeth?: boolean;
}

export interface StagingInput {
  exam: PerioExam;
  /** Radiographic bone loss at the worst site, % of root length. */
  boneLossPercent?: number | null;
  /** Mostly horizontal, or vertical (angular) defects ≥3 mm. */
  boneLossPattern?: 'horizontal' | 'vertical' | null;
  teethLostToPeriodontitis?: number | null;
  complexity?: ComplexityInputs;
  /** Age in years, for % bone loss / age. */
  age?: number | null;
  /** 0 for a non-smoker; null when unknown. */
  cigarettesPerDay?: number | null;
  diabetes?: boolean | null;
  /** HbA1c in %. */
  hba1c?: number | null;
  /** Direct evidence: CAL or radiographic bone loss over the last 5 years, in mm; null without longitudinal data. */
  progressionMm5y?: number | null;
  /** The last stage the dentist confirmed; the suggestion never goes below it. */
  previousStage?: Stage | null;
}

export type StagingRuleCode =
  | 'stage.cal_1_2'
  | 'stage.cal_3_4'
  | 'stage.cal_ge_5'
  | 'stage.bone_loss_lt_15'
  | 'stage.bone_loss_15_33'
  | 'stage.bone_loss_gt_33'
  | 'stage.no_attachment_loss'
  | 'stage.tooth_loss_1_4'
  | 'stage.tooth_loss_ge_5'
  | 'stage.pd_5'
  | 'stage.pd_ge_6'
  | 'stage.vertical_bone_loss'
  | 'stage.furcation_ii_iii'
  | 'stage.moderate_ridge_defect'
  | 'stage.masticatory_dysfunction'
  | 'stage.secondary_occlusal_trauma'
  | 'stage.severe_ridge_defect'
  | 'stage.bite_collapse'
  | 'stage.fewer_than_20_teeth'
  | 'stage.not_below_previous'
  | 'case.definition_not_met'
  | 'extent.localized'
  | 'extent.generalized'
  | 'extent.molar_incisor'
  | 'grade.default_b'
  | 'grade.progression_none'
  | 'grade.progression_lt_2'
  | 'grade.progression_ge_2'
  | 'grade.bl_age_lt_0_25'
  | 'grade.bl_age_0_25_1'
  | 'grade.bl_age_gt_1'
  | 'grade.smoking_lt_10'
  | 'grade.smoking_ge_10'
  | 'grade.diabetes_hba1c_lt_7'
  | 'grade.hba1c_ge_7';

export type RuleDetail = Readonly<Record<string, number | string | boolean | null | readonly string[]>>;

export interface FiredRule {
  rule: StagingRuleCode;
  /** The stage, grade or extent the criterion points to. */
  implies: Stage | Grade | Extent | null;
  /** Whether it set or raised the result when it was evaluated. */
  applied: boolean;
  detail?: RuleDetail;
}

export interface StagingSuggestion {
  kind: 'suggestion';
  requiresConfirmation: true;
  stage: Stage | null;
  extent: Extent | null;
  grade: Grade | null;
  /** The 2017 periodontitis case definition (interdental CAL ≥2 mm at ≥2 non-adjacent teeth, or buccal/oral CAL ≥3 mm with PD >3 mm at ≥2 teeth). */
  caseDefinitionMet: boolean;
  rules: FiredRule[];
  measures: {
    worstInterdentalCal: { tooth: ToothId; site: string; value: number } | null;
    maxPd: number | null;
    teethPresent: number;
    teethInvolved: number;
    remainingTeeth: number;
    opposingPairs: number;
    mobileTeeth: ToothId[];
    furcationTeeth: ToothId[];
    boneLossPerAge: number | null;
  };
}

const stageIndex = (s: Stage) => STAGES.indexOf(s);
const gradeIndex = (g: Grade) => GRADES.indexOf(g);
const maxStage = (a: Stage | null, b: Stage): Stage => (a === null || stageIndex(b) > stageIndex(a) ? b : a);

function calStage(cal: number): Stage | null {
  if (cal >= 5) return 'III';
  if (cal >= 3) return 'II';
  if (cal >= 1) return 'I';
  return null;
}

const CAL_BAND_FLOOR: Record<Stage, number> = { I: 1, II: 3, III: 5, IV: 5 };

/** 2017 case definition (Papapanou et al. 2018). */
export function meetsCaseDefinition(exam: PerioExam): boolean {
  const interdental = [...worstCalPerTooth(exam)].filter(([, cal]) => cal >= 2).map(([t]) => t);
  for (let i = 0; i < interdental.length; i++) {
    for (let j = i + 1; j < interdental.length; j++) if (!areNeighbours(exam, interdental[i]!, interdental[j]!)) return true;
  }
  let teeth = 0;
  for (const tooth of presentTeeth(exam)) {
    const t = toothReading(exam, tooth);
    if ((['B', 'L'] as const).some((s) => (calOf(t.sites[s]) ?? 0) >= 3 && (t.sites[s].pd ?? 0) > 3)) teeth++;
  }
  return teeth >= 2;
}

function isFirstMolarOrIncisor(tooth: ToothId): boolean {
  if (isPrimary(tooth)) return false;
  return toothType(tooth) === 'incisor' || (toothType(tooth) === 'molar' && toothInfo(tooth).position === 6);
}

export function suggestStaging(input: StagingInput): StagingSuggestion {
  const { exam } = input;
  const rules: FiredRule[] = [];
  const complexity = input.complexity ?? {};

  // ---- Stage
  const worstCal = worstInterdentalCal(exam);
  const baseline = worstCal ? calStage(worstCal.value) : null;
  let stage: Stage | null = null;
  if (worstCal && baseline) {
    stage = baseline;
    const rule = baseline === 'I' ? 'stage.cal_1_2' : baseline === 'II' ? 'stage.cal_3_4' : 'stage.cal_ge_5';
    rules.push({ rule, implies: baseline, applied: true, detail: { cal: worstCal.value, tooth: worstCal.tooth, site: worstCal.site } });
  }

  const raise = (rule: StagingRuleCode, implies: Stage, detail?: RuleDetail) => {
    const applied = stage === null || stageIndex(implies) > stageIndex(stage);
    rules.push({ rule, implies, applied, ...(detail ? { detail } : {}) });
    stage = maxStage(stage, implies);
  };

  const boneLoss = input.boneLossPercent ?? null;
  if (boneLoss !== null && boneLoss > 0) {
    if (boneLoss > 33) raise('stage.bone_loss_gt_33', 'III', { percent: boneLoss });
    else if (boneLoss >= 15) raise('stage.bone_loss_15_33', 'II', { percent: boneLoss });
    else raise('stage.bone_loss_lt_15', 'I', { percent: boneLoss });
  }

  if (stage === null) rules.push({ rule: 'stage.no_attachment_loss', implies: null, applied: true });

  const deepest = deepestPocket(exam);
  const remaining = remainingTeeth(exam).length;
  const pairs = opposingPairs(exam);
  const mobile = mobileTeeth(exam, 2);
  const furcations = furcationTeeth(exam, 2);

  if (stage !== null) {
    const lost = input.teethLostToPeriodontitis ?? 0;
    if (lost >= 5) raise('stage.tooth_loss_ge_5', 'IV', { teeth: lost });
    else if (lost >= 1) raise('stage.tooth_loss_1_4', 'III', { teeth: lost });

    if (deepest && deepest.value >= 6) raise('stage.pd_ge_6', 'III', { pd: deepest.value, tooth: deepest.tooth, site: deepest.site });
    else if (deepest && deepest.value === 5) raise('stage.pd_5', 'II', { pd: deepest.value, tooth: deepest.tooth, site: deepest.site });
    if (input.boneLossPattern === 'vertical') raise('stage.vertical_bone_loss', 'III');
    if (complexity.furcationClassIIorIII || furcations.length > 0) raise('stage.furcation_ii_iii', 'III', { teeth: furcations });
    if (complexity.moderateRidgeDefect) raise('stage.moderate_ridge_defect', 'III');

    const stageIV: Array<[StagingRuleCode, boolean, RuleDetail | undefined]> = [
      ['stage.masticatory_dysfunction', !!complexity.masticatoryDysfunction, undefined],
      ['stage.secondary_occlusal_trauma', !!complexity.secondaryOcclusalTrauma || mobile.length > 0, { teeth: mobile }],
      ['stage.severe_ridge_defect', !!complexity.severeRidgeDefect, undefined],
      ['stage.bite_collapse', !!complexity.biteCollapse, undefined],
      ['stage.fewer_than_20_teeth', !!complexity.fewerThan20Teeth || remaining < 20 || pairs < 10, { remaining, pairs }],
    ];
    for (const [rule, met, detail] of stageIV) {
      if (!met) continue;
      if (stageIndex(stage) >= stageIndex('III')) raise(rule, 'IV', detail);
      else rules.push({ rule, implies: 'IV', applied: false, detail: { ...detail, reason: 'below_stage_iii' } });
    }
  }

  const previous = input.previousStage ?? null;
  if (previous && (stage === null || stageIndex(previous) > stageIndex(stage))) {
    rules.push({ rule: 'stage.not_below_previous', implies: previous, applied: true, detail: { previous } });
    stage = previous;
  }

  const caseDefinitionMet = meetsCaseDefinition(exam);
  if (!caseDefinitionMet && stage !== null) rules.push({ rule: 'case.definition_not_met', implies: null, applied: false });

  // ---- Extent
  const present = presentTeeth(exam).length;
  let extent: Extent | null = null;
  let involvedCount = 0;
  if (stage !== null && baseline !== null) {
    const floor = CAL_BAND_FLOOR[baseline];
    const involved = [...worstCalPerTooth(exam)].filter(([, cal]) => cal >= floor).map(([t]) => t);
    involvedCount = involved.length;
    const percent = present === 0 ? 0 : (100 * involved.length) / present;
    const detail = { involved: involved.length, present, percent: Math.round(percent * 10) / 10, calAtLeast: floor };
    const others = involved.filter((t) => !isFirstMolarOrIncisor(t)).length;
    if (involved.length >= 2 && others <= 2 && involved.some((t) => isFirstMolarOrIncisor(t) && toothType(t) === 'molar')) {
      extent = 'molar_incisor';
      rules.push({ rule: 'extent.molar_incisor', implies: extent, applied: true, detail: { ...detail, teeth: involved } });
    } else {
      extent = percent < 30 ? 'localized' : 'generalized';
      rules.push({ rule: extent === 'localized' ? 'extent.localized' : 'extent.generalized', implies: extent, applied: true, detail });
    }
  }

  // ---- Grade
  let grade: Grade | null = null;
  let boneLossPerAge: number | null = null;
  if (input.age && input.age > 0 && boneLoss !== null) boneLossPerAge = boneLoss / input.age;
  if (stage !== null) {
    grade = 'B';
    rules.push({ rule: 'grade.default_b', implies: 'B', applied: true });
    const evidence = (rule: StagingRuleCode, implies: Grade, applied: boolean, detail: RuleDetail) => {
      rules.push({ rule, implies, applied: applied && implies !== grade, detail });
      if (applied) grade = implies;
    };
    const progression = input.progressionMm5y ?? null;
    if (progression !== null) {
      const g: Grade = progression <= 0 ? 'A' : progression < 2 ? 'B' : 'C';
      evidence(g === 'A' ? 'grade.progression_none' : g === 'B' ? 'grade.progression_lt_2' : 'grade.progression_ge_2', g, true, { mm: progression });
    }
    if (boneLossPerAge !== null) {
      const g: Grade = boneLossPerAge < 0.25 ? 'A' : boneLossPerAge <= 1 ? 'B' : 'C';
      const rule = g === 'A' ? 'grade.bl_age_lt_0_25' : g === 'B' ? 'grade.bl_age_0_25_1' : 'grade.bl_age_gt_1';
      // Indirect evidence only decides when there is no direct evidence.
      evidence(rule, g, progression === null, { ratio: Math.round(boneLossPerAge * 1000) / 1000, percent: boneLoss, age: input.age ?? null });
    }
    const atLeast = (rule: StagingRuleCode, implies: Grade, detail: RuleDetail) => {
      const applied = gradeIndex(implies) > gradeIndex(grade!);
      rules.push({ rule, implies, applied, detail });
      if (applied) grade = implies;
    };
    const cigarettes = input.cigarettesPerDay ?? 0;
    if (cigarettes >= 10) atLeast('grade.smoking_ge_10', 'C', { cigarettesPerDay: cigarettes });
    else if (cigarettes > 0) atLeast('grade.smoking_lt_10', 'B', { cigarettesPerDay: cigarettes });
    const hba1c = input.hba1c ?? null;
    if (hba1c !== null && hba1c >= 7) atLeast('grade.hba1c_ge_7', 'C', { hba1c });
    else if (input.diabetes) atLeast('grade.diabetes_hba1c_lt_7', 'B', { hba1c });
  }

  return {
    kind: 'suggestion',
    requiresConfirmation: true,
    stage,
    extent,
    grade,
    caseDefinitionMet,
    rules,
    measures: {
      worstInterdentalCal: worstCal,
      maxPd: deepest?.value ?? null,
      teethPresent: present,
      teethInvolved: involvedCount,
      remainingTeeth: remaining,
      opposingPairs: pairs,
      mobileTeeth: mobile,
      furcationTeeth: furcations,
      boneLossPerAge,
    },
  };
}

export interface ConfirmedStaging {
  stage: Stage;
  grade: Grade;
  extent: Extent;
  by: string;
  at: string;
  /** The dentist changed something the helper suggested. */
  overridden: boolean;
  suggested: { stage: Stage | null; grade: Grade | null; extent: Extent | null };
}

export type ConfirmResult = { ok: true; staging: ConfirmedStaging } | { ok: false; error: 'stage_required' | 'grade_required' | 'extent_required' | 'stage_below_previous' };

/**
 * The dentist's decision: the suggestion as it is, or with their own values.
 * A stage below the previously confirmed one is refused: stage never goes down.
 */
export function confirmStaging(
  suggestion: StagingSuggestion,
  decision: { by: string; at: string; stage?: Stage; grade?: Grade; extent?: Extent; previousStage?: Stage | null },
): ConfirmResult {
  const stage = decision.stage ?? suggestion.stage;
  const grade = decision.grade ?? suggestion.grade;
  const extent = decision.extent ?? suggestion.extent;
  if (!stage) return { ok: false, error: 'stage_required' };
  if (!grade) return { ok: false, error: 'grade_required' };
  if (!extent) return { ok: false, error: 'extent_required' };
  if (decision.previousStage && stageIndex(stage) < stageIndex(decision.previousStage)) return { ok: false, error: 'stage_below_previous' };
  return {
    ok: true,
    staging: {
      stage,
      grade,
      extent,
      by: decision.by,
      at: decision.at,
      overridden: stage !== suggestion.stage || grade !== suggestion.grade || extent !== suggestion.extent,
      suggested: { stage: suggestion.stage, grade: suggestion.grade, extent: suggestion.extent },
    },
  };
}
