import { AREA_KINDS, FINDING_STATUSES, TOOTH_STATES } from '../../chart/findings';
import { isToothId } from '../../chart/teeth';
import { LANGUAGES } from '../../i18n/languages';
import { DEFAULT_ENTRY_CONFIG, type EntryConfig, INTERLEAVED_PASSES, SEPARATE_PASSES } from '../../perio/entry';
import { PROCEDURE_CATEGORIES } from '../../procedures/catalog';
import { isLocalDate } from '../../schedule/time';
import { GRADES, STAGES } from '../../staging/staging';
import { TOOTH_NUMBERINGS } from '../practice';
import { boundedRecord, idSchema, multiLine, optionalMultiLine, singleLine, TEXT_LIMITS, visibleLine, visibleLines } from '../text';
import { z } from 'zod';

/*
 * Chairside: the odontogram (a log of chart events), the practice's procedure
 * catalog, periodontal exams, the staging helper, clinical notes and their
 * prints. The rules live in src/shared (chart/, perio/, staging/,
 * procedures/); main applies them to stored data and keeps the facts.
 *
 * Reading needs clinical.read and writing clinical.write (receptionists and
 * billing have neither). The catalog is practice configuration that billing
 * also depends on (codes and fees), so editing it needs settings.manage.
 *
 * Instants are ISO UTC ("2026-03-04T14:05:00.000Z"); clinical dates are
 * "YYYY-MM-DD". Where a point in time is asked for (as of, compare), either
 * is accepted: a date means the end of that day in the practice's time zone.
 */

export const id = idSchema;
/** Client-made ids (UUIDv7), for creating rows and retrying calls without a second effect. */
export const clientId = z.uuid();
export const localDate = z.string().refine(isLocalDate, 'validation.date').max(TEXT_LIMITS.localDate);
export const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), 'validation.dateTime');
/** A date (end of that local day) or an instant. */
export const pointInTimeSchema = z
  .string()
  .refine((s) => isLocalDate(s) || instant.safeParse(s).success, 'validation.dateTime')
  .max(TEXT_LIMITS.instant);
export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'validation.colour');
export const toothIdSchema = z.string().max(3).refine(isToothId, 'validation.tooth');
export const userNames = z.record(z.string(), z.string());
export const nullableInt = (min: number, max: number) => z.number().int().min(min).max(max).nullable();

/* ---------------------------------------------------------------- the chart */

export const QUADRANT_CODES = ['UR', 'UL', 'LL', 'LR'] as const;
export const SURFACE_CODES = ['M', 'O', 'I', 'D', 'B', 'F', 'L', 'B5', 'F5'] as const;
export const sextant = z.literal([1, 2, 3, 4, 5, 6]);
export const note = visibleLines(z.string().trim().max(TEXT_LIMITS.reason)).optional();
export const findingCode = singleLine(TEXT_LIMITS.code);

/** An area as typed: surfaces may be letters in any notation ('MOD', 'V5', ['M', 'O']). */
export const areaInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('surface'), tooth: toothIdSchema, surfaces: z.union([visibleLine(z.string().max(16)), z.array(visibleLine(z.string().max(2))).max(9)]) }),
  z.object({ kind: z.literal('tooth'), tooth: toothIdSchema }),
  z.object({ kind: z.literal('range'), teeth: z.array(toothIdSchema).min(2).max(16) }),
  z.object({ kind: z.literal('quadrant'), quadrant: z.enum(QUADRANT_CODES) }),
  z.object({ kind: z.literal('sextant'), sextant }),
  z.object({ kind: z.literal('arch'), arch: z.enum(['upper', 'lower']) }),
  z.object({ kind: z.literal('mouth') }),
]);

/** The named edits of chart/actions.ts (ChartAction), validated at the boundary. */
export const chartActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('recordFinding'), area: areaInputSchema, code: findingCode, status: z.enum(FINDING_STATUSES), note }),
  z.object({
    type: z.literal('changeFinding'),
    findingId: id,
    area: areaInputSchema.optional(),
    code: findingCode.optional(),
    status: z.enum(FINDING_STATUSES).optional(),
    /** '' removes the note. */
    note,
  }),
  z.object({ type: z.literal('completeFinding'), findingId: id }),
  z.object({ type: z.literal('removeFinding'), findingId: id }),
  z.object({ type: z.literal('setToothState'), tooth: toothIdSchema, state: z.enum(TOOTH_STATES), note }),
  z.object({ type: z.literal('clearToothState'), tooth: toothIdSchema, state: z.enum(TOOTH_STATES) }),
  z.object({ type: z.literal('setDentition'), teeth: z.array(toothIdSchema).min(1).max(104) }),
  z.object({ type: z.literal('voidEvent'), eventId: id, reason: multiLine(TEXT_LIMITS.reason) }),
  z.object({ type: z.literal('undo') }),
  z.object({ type: z.literal('redo') }),
]);
export type ChartActionInput = z.input<typeof chartActionSchema>;

/** A stored area (surfaces already canonical). */
export const treatmentAreaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('surface'), tooth: z.string(), surfaces: z.array(z.enum(SURFACE_CODES)).readonly() }),
  z.object({ kind: z.literal('tooth'), tooth: z.string() }),
  z.object({ kind: z.literal('range'), teeth: z.array(z.string()).readonly() }),
  z.object({ kind: z.literal('quadrant'), quadrant: z.enum(QUADRANT_CODES) }),
  z.object({ kind: z.literal('sextant'), sextant }),
  z.object({ kind: z.literal('arch'), arch: z.enum(['upper', 'lower']) }),
  z.object({ kind: z.literal('mouth') }),
]);

export const chartItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('finding'), area: treatmentAreaSchema, code: z.string(), status: z.enum(FINDING_STATUSES), note: z.string().optional() }),
  z.object({ type: z.literal('tooth_state'), tooth: z.string(), state: z.enum(TOOTH_STATES), note: z.string().optional() }),
  z.object({ type: z.literal('dentition'), teeth: z.array(z.string()).readonly() }),
]);

export const CHART_ACTION_TYPES = [
  'recordFinding',
  'changeFinding',
  'completeFinding',
  'removeFinding',
  'setToothState',
  'clearToothState',
  'setDentition',
  'voidEvent',
  'undo',
  'redo',
] as const;

export const eventMeta = { id: z.string(), at: z.string(), by: z.string(), batch: z.string(), action: z.enum(CHART_ACTION_TYPES) };
/** One fact of the chart's log (chart/events.ts ChartEvent). */
export const chartEventSchema = z.discriminatedUnion('kind', [
  z.object({ ...eventMeta, kind: z.literal('add'), item: chartItemSchema }),
  z.object({ ...eventMeta, kind: z.literal('supersede'), target: z.string(), item: chartItemSchema }),
  z.object({ ...eventMeta, kind: z.literal('end'), target: z.string() }),
  z.object({ ...eventMeta, kind: z.literal('void'), target: z.string(), reason: z.string() }),
]);

export const chartEntrySchema = z.object({
  id: z.string(),
  item: chartItemSchema,
  addedAt: z.string(),
  addedBy: z.string(),
  versionEvent: z.string(),
  changedAt: z.string(),
  changedBy: z.string(),
});

export const CORRECTION_MODES = ['as_recorded', 'as_corrected'] as const;
export const FINDING_STATUS_CODES = FINDING_STATUSES;

/** Colour per status, drawn on the odontogram. Colours are not standardised (CLINICAL.md): a practice setting. */
export const chartPaletteSchema = z.object({
  planned: colour,
  completed: colour,
  existing: colour,
  existing_other: colour,
  referred: colour,
  condition: colour,
});
export type ChartPalette = z.infer<typeof chartPaletteSchema>;

/**
 * Ready-made palettes. The default follows US teaching and Peru's NTS 150
 * (red = to do or bad, blue = done or good); some Argentine guides invert it.
 * Six distinct colours from Paul Tol's "vibrant" scheme, which stays apart
 * under the common colour-vision deficiencies; the odontogram adds a pattern
 * per status besides (chart/status-marks.tsx), since colour alone is not enough.
 */
export const CHART_PALETTE_PRESETS = {
  red_planned: { planned: '#cc3311', completed: '#0077bb', existing: '#009988', existing_other: '#ee3377', referred: '#555555', condition: '#ee7733' },
  blue_planned: { planned: '#0077bb', completed: '#cc3311', existing: '#009988', existing_other: '#ee3377', referred: '#555555', condition: '#ee7733' },
} as const satisfies Record<string, ChartPalette>;

export const perioSegmentSchema = z.object({
  teeth: z.array(toothIdSchema).min(1).max(26),
  side: z.enum(['facial', 'lingual']),
  direction: z.enum(['ltr', 'rtl']).optional(),
});

export const chairsideSettingsSchema = z.object({
  palette: chartPaletteSchema,
  perioEntry: z.object({
    /** open_dental: 1→16 facial, 16→1 lingual, 32→17 facial, 17→32 lingual. custom: the segments below. */
    order: z.enum(['open_dental', 'custom']),
    customOrder: z.array(perioSegmentSchema).max(16),
    /** separate: the PD row for the whole mouth, then GM (Open Dental); interleaved: PD then GM at each site. */
    passes: z.enum(['separate', 'interleaved']),
    /** Whether the MGJ row is part of the keyboard passes. */
    includeMgj: z.boolean(),
  }),
  /** Changes between two exams at least this large are highlighted. */
  compareThresholds: z.object({ pdMm: z.number().int().min(1).max(10), calMm: z.number().int().min(1).max(10) }),
  /** Plaque percentages above this show red (bleeding and depth thresholds are in clinical.preferences). */
  plaqueAlertPercent: z.number().int().min(0).max(100),
  /** Whether a dentist may sign another clinician's draft note or perio exam (co-signing); otherwise only its author signs. */
  allowCoSign: z.boolean(),
});
export type ChairsideSettings = z.infer<typeof chairsideSettingsSchema>;

/** The keyboard entry configuration (perio/entry.ts) the practice's settings describe. */
export function perioEntryConfig(settings: ChairsideSettings): EntryConfig {
  const passes = settings.perioEntry.passes === 'interleaved' ? INTERLEAVED_PASSES : SEPARATE_PASSES;
  const withMgj = settings.perioEntry.includeMgj ? [...passes, ['mgj'] as const] : passes;
  if (settings.perioEntry.order === 'custom' && settings.perioEntry.customOrder.length > 0) return { order: settings.perioEntry.customOrder, passes: withMgj };
  return { ...DEFAULT_ENTRY_CONFIG, passes: withMgj };
}

export const chartDisplaySchema = z.object({
  numbering: z.enum(TOOTH_NUMBERINGS),
  palette: chartPaletteSchema,
});

export const TOOTH_SCOPES = ['any', 'anterior', 'premolar', 'molar', 'posterior'] as const;

export const procedureSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.object({ es: z.string(), en: z.string() }),
  kind: z.enum(['procedure', 'condition']),
  category: z.enum(PROCEDURE_CATEGORIES),
  area: z.enum(AREA_KINDS),
  surfacesRequired: z.boolean(),
  surfaceCount: z.number().int().nullable(),
  teeth: z.enum(TOOTH_SCOPES).nullable(),
  resultsIn: z.enum(TOOTH_STATES).nullable(),
  /** The fee in minor units of the practice's currency (CLP has none); null until set. */
  feeMinor: z.number().int().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type ProcedureOut = z.infer<typeof procedureSchema>;

export const procedureInputSchema = z
  .object({
    code: visibleLine(z.string().trim()).regex(/^[A-Za-z0-9][A-Za-z0-9.\-_/]{0,23}$/, 'validation.procedureCodeFormat'),
    name: z.object({ es: singleLine(160), en: singleLine(160) }),
    kind: z.enum(['procedure', 'condition']).default('procedure'),
    category: z.enum(PROCEDURE_CATEGORIES).default('other'),
    area: z.enum(AREA_KINDS),
    surfacesRequired: z.boolean().default(false),
    surfaceCount: z.number().int().min(1).max(5).nullable().default(null),
    teeth: z.enum(TOOTH_SCOPES).nullable().default(null),
    resultsIn: z.enum(TOOTH_STATES).nullable().default(null),
    feeMinor: z.number().int().min(0).max(1e12).nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((p) => !p.surfacesRequired || p.area === 'surface', { message: 'validation.surfacesNeedSurfaceArea', path: ['surfacesRequired'] });

export const chartStateSchema = z.object({
  patientId: z.string(),
  /** The instant replayed to; null for everything recorded. */
  asOf: z.string().nullable(),
  corrections: z.enum(CORRECTION_MODES),
  /** The whole log (the patient's and those of records merged into it), in time order. */
  events: z.array(chartEventSchema),
  /** The chart as of `asOf`. */
  entries: z.array(chartEntrySchema),
  /** The teeth to draw (recorded dentition, permanent by default, plus any tooth with something recorded). */
  teeth: z.array(z.string()),
  /** Missing, extracted or unerupted: no crown to draw; the perio exam skips them. */
  absentTeeth: z.array(z.string()),
  /** For the caller, on the whole log. */
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  users: userNames,
  display: chartDisplaySchema,
  /** Every code of the practice, inactive ones too (old findings still need their names). */
  catalog: z.array(procedureSchema),
});
export type ChartStateOut = z.infer<typeof chartStateSchema>;

export const historyStepSchema = z.object({ event: chartEventSchema, voided: z.boolean(), voidedBy: chartEventSchema.nullable() });

export const chartDiffSchema = z.object({
  from: z.string(),
  to: z.string(),
  added: z.array(chartEntrySchema),
  removed: z.array(chartEntrySchema),
  changed: z.array(z.object({ before: chartEntrySchema, after: chartEntrySchema })),
  teeth: z.array(z.string()),
});

/* ---------------------------------------------------------------- perio */

export const siteReadingSchema = z.object({
  pd: nullableInt(0, 19).default(null),
  /** Recession positive, a margin coronal to the CEJ negative: CAL = PD + GM (perio/exam.ts). */
  gm: nullableInt(-19, 19).default(null),
  mgj: nullableInt(0, 19).default(null),
  bleeding: z.boolean().default(false),
  suppuration: z.boolean().default(false),
  plaque: z.boolean().default(false),
  calculus: z.boolean().default(false),
});
export const furcationGrade = z.literal([0, 1, 2, 3]);
export const perioToothSchema = z.object({
  sites: z.object({
    MB: siteReadingSchema.prefault({}),
    B: siteReadingSchema.prefault({}),
    DB: siteReadingSchema.prefault({}),
    ML: siteReadingSchema.prefault({}),
    L: siteReadingSchema.prefault({}),
    DL: siteReadingSchema.prefault({}),
  }),
  /** Miller 0–III as 0–3. */
  mobility: z.literal([0, 1, 2, 3]).nullable().default(null),
  furcation: z
    .object({ B: furcationGrade, L: furcationGrade, MP: furcationGrade, DP: furcationGrade, M: furcationGrade, D: furcationGrade })
    .partial()
    .default({}),
});

/** What the renderer edits and sends back; ids, status and signatures are main's. */
export const perioExamContentSchema = z.object({
  date: localDate,
  examinerId: id.nullable().optional(),
  teeth: z.array(toothIdSchema).min(1).max(104),
  missing: z.array(toothIdSchema).max(104).default([]),
  /** At most one entry per tooth drawn (104: both dentitions, with room for supernumeraries). */
  readings: boundedRecord(toothIdSchema, perioToothSchema, 104).default({}),
});

export const siteIndexSchema = z.object({ marked: z.number().int(), examined: z.number().int(), percent: z.number().int().nullable() });
export const perioSummarySchema = z.object({
  examinedSites: z.number().int(),
  bleeding: siteIndexSchema,
  plaque: siteIndexSchema,
  suppuration: siteIndexSchema,
  calculus: siteIndexSchema,
  pdUpTo3: z.number().int(),
  pd4to5: z.number().int(),
  pd6plus: z.number().int(),
  meanPd: z.number().nullable(),
  meanCal: z.number().nullable(),
});

export const CDC_AAP_CASES = ['severe', 'moderate', 'mild', 'none'] as const;

export const perioExamSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  date: z.string(),
  status: z.enum(['draft', 'signed']),
  examinerId: z.string().nullable(),
  examinerName: z.string().nullable(),
  teeth: z.array(z.string()),
  missing: z.array(z.string()),
  readings: z.record(z.string(), perioToothSchema),
  /** Bumped by every save of the draft; a save names the revision it was edited from. */
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  signedAt: z.string().nullable(),
  /** Computed from the readings, never stored: BOP and plaque % rounded half up to a whole percent. */
  summary: perioSummarySchema,
  cdcAap: z.enum(CDC_AAP_CASES),
});
export type PerioExamOut = z.infer<typeof perioExamSchema>;

export const perioExamSummarySchema = perioExamSchema.omit({ readings: true, teeth: true, missing: true }).extend({
  teethPresent: z.number().int(),
});

export const deltaSchema = z.object({ before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable() });
export const perioComparisonSchema = z.object({
  before: z.object({ id: z.string(), date: z.string(), summary: perioSummarySchema }),
  after: z.object({ id: z.string(), date: z.string(), summary: perioSummarySchema }),
  thresholds: z.object({ pdMm: z.number().int(), calMm: z.number().int() }),
  sites: z.array(
    z.object({
      tooth: z.string(),
      site: z.enum(['MB', 'B', 'DB', 'ML', 'L', 'DL']),
      pd: deltaSchema,
      cal: deltaSchema,
      bleeding: z.enum(['new', 'resolved', 'still', 'none']),
      highlight: z.enum(['worse', 'better']).nullable(),
    }),
  ),
  lostTeeth: z.array(z.string()),
  newTeeth: z.array(z.string()),
  worse: z.number().int(),
  better: z.number().int(),
});

/* ---------------------------------------------------------------- staging */

export const stagingInputsSchema = z.object({
  /** Radiographic bone loss at the worst site, % of root length. */
  boneLossPercent: z.number().min(0).max(100).nullable().default(null),
  boneLossPattern: z.enum(['horizontal', 'vertical']).nullable().default(null),
  teethLostToPeriodontitis: nullableInt(0, 32).default(null),
  complexity: z
    .object({
      furcationClassIIorIII: z.boolean(),
      moderateRidgeDefect: z.boolean(),
      masticatoryDysfunction: z.boolean(),
      secondaryOcclusalTrauma: z.boolean(),
      severeRidgeDefect: z.boolean(),
      biteCollapse: z.boolean(),
      fewerThan20Teeth: z.boolean(),
    })
    .partial()
    .default({}),
  /** Years; by default the patient's age on the exam date. */
  age: nullableInt(0, 130).optional(),
  /** 0 for a non-smoker; null when unknown. */
  cigarettesPerDay: nullableInt(0, 200).default(null),
  diabetes: z.boolean().nullable().default(null),
  hba1c: z.number().min(3).max(25).nullable().default(null),
  /** CAL or bone loss over the last 5 years, mm; null without longitudinal data. */
  progressionMm5y: z.number().min(0).max(30).nullable().default(null),
});
export type StagingInputs = z.input<typeof stagingInputsSchema>;

export const EXTENTS = ['localized', 'generalized', 'molar_incisor'] as const;
export const ruleDetailValue = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.string())]);
export const stagingSuggestionSchema = z.object({
  kind: z.literal('suggestion'),
  requiresConfirmation: z.literal(true),
  stage: z.enum(STAGES).nullable(),
  extent: z.enum(EXTENTS).nullable(),
  grade: z.enum(GRADES).nullable(),
  caseDefinitionMet: z.boolean(),
  /** Every criterion evaluated, as a rule code (the UI words it), with whether it set or raised the result. */
  rules: z.array(
    z.object({
      rule: z.string(),
      implies: z.string().nullable(),
      applied: z.boolean(),
      detail: z.record(z.string(), ruleDetailValue).optional(),
    }),
  ),
  measures: z.object({
    worstInterdentalCal: z.object({ tooth: z.string(), site: z.string(), value: z.number() }).nullable(),
    maxPd: z.number().nullable(),
    teethPresent: z.number().int(),
    teethInvolved: z.number().int(),
    remainingTeeth: z.number().int(),
    opposingPairs: z.number().int(),
    mobileTeeth: z.array(z.string()),
    furcationTeeth: z.array(z.string()),
    boneLossPerAge: z.number().nullable(),
  }),
});

export const countSchema = z.object({ sites: z.number().int(), teeth: z.number().int() });
export const cdcAapSchema = z.object({ case: z.enum(CDC_AAP_CASES), cal3: countSchema, cal4: countSchema, cal6: countSchema, pd4: countSchema, pd5: countSchema });

export const stagingConfirmationSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  examId: z.string(),
  examDate: z.string().nullable(),
  stage: z.enum(STAGES),
  grade: z.enum(GRADES),
  extent: z.enum(EXTENTS),
  /** The dentist chose other values than suggested. */
  overridden: z.boolean(),
  suggested: z.object({ stage: z.enum(STAGES).nullable(), grade: z.enum(GRADES).nullable(), extent: z.enum(EXTENTS).nullable() }),
  /** The rule codes that set or raised the suggestion. */
  rules: z.array(z.string()),
  inputs: z.record(z.string(), z.unknown()),
  note: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string(),
});

/* ---------------------------------------------------------------- notes */

export const noteSectionSchema = z.object({
  key: singleLine(40),
  heading: visibleLine(z.string().trim().max(120)),
  /** As typed, line breaks and all: a draft keeps its trailing new line. */
  text: visibleLines(z.string().max(TEXT_LIMITS.clinicalNote)),
});
export const noteContentSchema = z.object({ sections: z.array(noteSectionSchema).max(20) });
/** The same, as read back: a note stored before the bounds still reads. */
export const storedNoteContentSchema = z.object({ sections: z.array(z.object({ key: z.string(), heading: z.string(), text: z.string() })) });
export const noteLinksSchema = z.object({
  teeth: z.array(toothIdSchema).max(64).default([]),
  /** Chart items (findings, states) the note is about: their ids are the ids of the events that added them. */
  findingIds: z.array(id).max(100).default([]),
  /** Specific chart events (the completion of a planned treatment, say). */
  chartEventIds: z.array(id).max(100).default([]),
});

export const noteVersionSchema = z.object({
  id: z.string(),
  /** The version it was edited from first, then any it merges (resolving parallel versions). */
  parentIds: z.array(z.string()),
  content: storedNoteContentSchema,
  links: z.object({ teeth: z.array(z.string()), findingIds: z.array(z.string()), chartEventIds: z.array(z.string()) }),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  savedAt: z.string(),
});

export const noteAddendumSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Each addendum is signed by its author when it is added. */
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  signedAt: z.string(),
});

export const noteDetailSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  appointmentId: z.string().nullable(),
  visitDate: z.string(),
  templateId: z.string().nullable(),
  title: z.string(),
  status: z.enum(['draft', 'signed']),
  /** Two or more versions were saved from the same base: `heads` holds them all, for the author to choose or merge. */
  conflict: z.boolean(),
  /** The latest version of each parallel line, newest first (one when there is no conflict). */
  heads: z.array(noteVersionSchema),
  /** Every version, oldest first, without content. */
  versions: z.array(noteVersionSchema.omit({ content: true, links: true })),
  signedVersion: noteVersionSchema.nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  addenda: z.array(noteAddendumSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type NoteDetail = z.infer<typeof noteDetailSchema>;

export const noteSummarySchema = z.object({
  id: z.string(),
  visitDate: z.string(),
  appointmentId: z.string().nullable(),
  title: z.string(),
  status: z.enum(['draft', 'signed']),
  conflict: z.boolean(),
  authorNames: z.array(z.string()),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  addenda: z.number().int(),
  teeth: z.array(z.string()),
  /** The start of the text, for the list. */
  snippet: z.string(),
});

export const noteTemplateSectionSchema = z.object({
  key: singleLine(40),
  heading: singleLine(120),
  /** A hint shown in the empty section. */
  placeholder: optionalMultiLine(300),
});
export const noteTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  language: z.enum(LANGUAGES),
  sections: z.array(z.object({ key: z.string(), heading: z.string(), placeholder: z.string().default('') })),
  isDefault: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  updatedAt: z.string(),
});

/* ---------------------------------------------------------------- calls */

export const patientInput = z.object({ patientId: id });

export const CHAIRSIDE_AREAS = ['chart', 'perio', 'staging', 'notes', 'catalog', 'templates', 'settings'] as const;

export const chairsideOpenSchema = z.object({
  chart: chartStateSchema,
  /** The newest perio exam, draft or signed. */
  perio: perioExamSchema.nullable(),
  notes: z.array(noteSummarySchema),
});
