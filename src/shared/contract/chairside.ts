import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { GRADES, STAGES } from '../staging/staging';
import { call } from './define';
import { multiLine, optionalMultiLine, singleLine, TEXT_LIMITS, visibleLine, visibleLines } from './text';
import { id, clientId, localDate, pointInTimeSchema, userNames, findingCode, chartActionSchema, chartEventSchema, CORRECTION_MODES, chairsideSettingsSchema, procedureSchema, procedureInputSchema, chartStateSchema, historyStepSchema, chartDiffSchema, perioExamContentSchema, perioExamSchema, perioExamSummarySchema, perioComparisonSchema, stagingInputsSchema, EXTENTS, stagingSuggestionSchema, cdcAapSchema, stagingConfirmationSchema, noteContentSchema, noteLinksSchema, noteDetailSchema, noteSummarySchema, noteTemplateSectionSchema, noteTemplateSchema, patientInput, chairsideOpenSchema } from './chairside/schemas';
export * from './chairside/schemas';

export const chairsideCalls = {
  /**
   * Opening a patient at the chair: chart.get, perio.exam.latest and notes.list in one call, read together
   * and audited once. The separate calls refresh each panel after a `chairside.changed` event.
   */
  'chairside.open': call({
    access: { permission: 'clinical.read' },
    input: patientInput,
    output: chairsideOpenSchema,
  }),
  /** The chart now, or as of a past date, with its whole log, the display settings and the catalog. */
  'chart.get': call({
    access: { permission: 'clinical.read' },
    input: patientInput.extend({ asOf: pointInTimeSchema.optional(), corrections: z.enum(CORRECTION_MODES).default('as_recorded') }),
    output: chartStateSchema,
  }),
  /**
   * One named edit (undo and redo included). `clientBatchId` (a UUID the renderer makes) makes a retry
   * harmless: the same batch is not applied twice, the events already stored come back.
   */
  'chart.apply': call({
    access: { permission: 'clinical.write' },
    input: patientInput.extend({ action: chartActionSchema, clientBatchId: clientId.optional() }),
    output: z.object({ events: z.array(chartEventSchema), chart: chartStateSchema }),
  }),
  /** Every event (or those about one item), newest first; voided ones are kept and marked. */
  'chart.history': call({
    access: { permission: 'clinical.read' },
    input: patientInput.extend({ itemId: id.optional() }),
    output: z.object({ steps: z.array(historyStepSchema), users: userNames }),
  }),
  /** What changed between two points in time. */
  'chart.compare': call({
    access: { permission: 'clinical.read' },
    input: patientInput.extend({ from: pointInTimeSchema, to: pointInTimeSchema, corrections: z.enum(CORRECTION_MODES).default('as_recorded') }),
    output: chartDiffSchema,
  }),
  'chart.procedures.list': call({
    access: { permission: 'clinical.read' },
    input: z.object({ includeInactive: z.boolean().default(true) }),
    output: z.array(procedureSchema),
  }),
  /** Adds a code or changes one (matched by code, case-insensitively). */
  'chart.procedures.upsert': call({
    access: { permission: 'settings.manage' },
    input: procedureInputSchema,
    output: procedureSchema,
  }),
  /** Codes are never deleted: charts recorded with them keep their meaning. */
  'chart.procedures.deactivate': call({
    access: { permission: 'settings.manage' },
    input: z.object({ code: findingCode }),
    output: procedureSchema,
  }),
  /** A practice's own list (procedures/csv.ts): good rows are added or replace the same code; bad rows are reported by line. */
  'chart.procedures.importCsv': call({
    access: { permission: 'settings.manage' },
    input: z.object({ text: visibleLines(z.string().min(1).max(TEXT_LIMITS.csv)), decimal: z.enum(['.', ',']).optional(), dryRun: z.boolean().default(false) }),
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), error: z.string(), value: z.string().optional() })),
      dryRun: z.boolean(),
    }),
  }),
  'chairside.settings.get': call({
    access: { permission: 'clinical.read' },
    input: z.object({}),
    output: chairsideSettingsSchema,
  }),
  'chairside.settings.update': call({
    access: { permission: 'clinical.write' },
    input: chairsideSettingsSchema.partial(),
    output: chairsideSettingsSchema,
  }),

  /** Opens the patient's draft exam, or starts one: the chart's missing and extracted teeth come pre-marked. */
  'perio.exam.start': call({
    access: { permission: 'clinical.write' },
    input: patientInput.extend({ date: localDate.optional() }),
    output: z.object({ exam: perioExamSchema, resumed: z.boolean() }),
  }),
  /** Saves a draft. `revision` is the one it was edited from: a newer save by someone else is not overwritten (CONFLICT). */
  'perio.exam.save': call({
    access: { permission: 'clinical.write' },
    input: z.object({ examId: id, revision: z.number().int().min(0), exam: perioExamContentSchema }),
    output: perioExamSchema,
  }),
  /** Closes the exam: signed, it can never change again (the database refuses it too). */
  'perio.exam.sign': call({
    access: { permission: 'clinical.write' },
    input: z.object({ examId: id, revision: z.number().int().min(0) }),
    output: perioExamSchema,
  }),
  /** A draft started by mistake; kept as a tombstone. Signed exams cannot be discarded. */
  'perio.exam.discard': call({
    access: { permission: 'clinical.write' },
    input: z.object({ examId: id }),
    output: z.object({ discarded: z.literal(true) }),
  }),
  'perio.exam.get': call({
    access: { permission: 'clinical.read' },
    input: z.object({ examId: id }),
    output: perioExamSchema,
  }),
  /** The newest exam (draft or signed), or null. */
  'perio.exam.latest': call({
    access: { permission: 'clinical.read' },
    input: patientInput.extend({ signedOnly: z.boolean().default(false) }),
    output: perioExamSchema.nullable(),
  }),
  /** Latest first. */
  'perio.exam.list': call({
    access: { permission: 'clinical.read' },
    input: patientInput,
    output: z.array(perioExamSummarySchema),
  }),
  /** Two exams of one patient side by side, the earlier as "before" whatever the order given. */
  'perio.compare': call({
    access: { permission: 'clinical.read' },
    input: z.object({ examIdA: id, examIdB: id }),
    output: perioComparisonSchema,
  }),

  /** Decision support: the 2017 AAP/EFP stage, extent and grade with the rules that fired, and the CDC/AAP case. */
  'staging.suggest': call({
    access: { permission: 'clinical.read' },
    input: z.object({ examId: id, inputs: stagingInputsSchema.prefault({}) }),
    output: z.object({ suggestion: stagingSuggestionSchema, cdcAap: cdcAapSchema, previous: stagingConfirmationSchema.nullable(), age: z.number().int().nullable() }),
  }),
  /**
   * The dentist's decision, stored as a fact. Main recomputes the suggestion from the stored (signed) exam and
   * the inputs; `decision` may change stage, grade or extent, but the stage never goes below the last confirmed one.
   */
  'staging.confirm': call({
    access: { permission: 'clinical.write' },
    input: z.object({
      patientId: id,
      examId: id,
      inputs: stagingInputsSchema.prefault({}),
      decision: z
        .object({ stage: z.enum(STAGES).optional(), grade: z.enum(GRADES).optional(), extent: z.enum(EXTENTS).optional(), note: optionalMultiLine(TEXT_LIMITS.note) })
        .prefault({}),
    }),
    output: stagingConfirmationSchema,
  }),
  'staging.history': call({
    access: { permission: 'clinical.read' },
    input: patientInput,
    output: z.array(stagingConfirmationSchema),
  }),

  /** The patient's notes, newest visit first. */
  'notes.list': call({
    access: { permission: 'clinical.read' },
    input: patientInput,
    output: z.array(noteSummarySchema),
  }),
  'notes.get': call({
    access: { permission: 'clinical.read' },
    input: z.object({ noteId: id }),
    output: noteDetailSchema,
  }),
  /**
   * Saves a draft as a new version. `baseVersionId` is the version the text was edited from (null for a new
   * note). If someone saved another version from the same base meanwhile, neither is overwritten: both are
   * kept and the note is marked `conflict` until a save names the other head(s) in `resolves`.
   * `noteId` and `versionId` may be made by the renderer so that a retry does not save twice.
   */
  'notes.saveDraft': call({
    access: { permission: 'clinical.write' },
    input: z.object({
      patientId: id,
      noteId: clientId.optional(),
      versionId: clientId.optional(),
      baseVersionId: id.nullable(),
      resolves: z.array(id).max(20).default([]),
      visitDate: localDate.optional(),
      appointmentId: id.nullable().optional(),
      templateId: id.nullable().optional(),
      title: visibleLine(z.string().trim().max(120)).optional(),
      content: noteContentSchema,
      links: noteLinksSchema.prefault({}),
    }),
    output: z.object({ note: noteDetailSchema, versionId: z.string(), conflict: z.boolean() }),
  }),
  /** Signs one version, which must be the only head: the note is then locked (addenda only). */
  'notes.sign': call({
    access: { permission: 'clinical.write' },
    input: z.object({ noteId: id, versionId: id }),
    output: noteDetailSchema,
  }),
  /** After signing: an addendum, signed by its author as it is added. */
  'notes.addAddendum': call({
    access: { permission: 'clinical.write' },
    input: z.object({ noteId: id, text: multiLine(TEXT_LIMITS.clinicalNote), addendumId: clientId.optional() }),
    output: noteDetailSchema,
  }),
  /** A draft started by mistake; kept as a tombstone. */
  'notes.discardDraft': call({
    access: { permission: 'clinical.write' },
    input: z.object({ noteId: id }),
    output: z.object({ discarded: z.literal(true) }),
  }),
  'notes.templates.list': call({
    access: { permission: 'clinical.read' },
    input: z.object({ language: z.enum(LANGUAGES).optional(), includeInactive: z.boolean().default(false) }),
    output: z.array(noteTemplateSchema),
  }),
  /** Adds a template (no id) or changes one. */
  'notes.templates.save': call({
    access: { permission: 'clinical.write' },
    input: z.object({
      id: id.optional(),
      name: singleLine(80),
      language: z.enum(LANGUAGES),
      sections: z.array(noteTemplateSectionSchema).min(1).max(20),
      active: z.boolean().default(true),
      sortOrder: z.number().int().min(0).max(999).optional(),
    }),
    output: noteTemplateSchema,
  }),

  /** The chart, a perio exam (the latest by default) or a note as a PDF with the practice's header. Audited. */
  'chairside.print': call({
    access: { permission: 'clinical.read' },
    input: z
      .object({
        kind: z.enum(['chart', 'perio', 'note']),
        patientId: id,
        examId: id.optional(),
        noteId: id.optional(),
        asOf: pointInTimeSchema.optional(),
        language: z.enum(LANGUAGES).optional(),
      })
      .refine((i) => i.kind !== 'note' || i.noteId !== undefined, { message: 'validation.required', path: ['noteId'] }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
  }),
} as const;
