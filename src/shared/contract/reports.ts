import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { isLocalDate } from '../schedule/time';
import { call } from './define';
import { TEXT_LIMITS } from './text';

/*
 * The practice's money reports: the day sheet (production, collections by
 * provider and method, the cash to count), production and collections over a
 * date range by provider and procedure category, the practice's aging, and
 * outstanding treatment plans. All need `reports.read` (admin and billing;
 * clinical roles only when granted), and every run is audited. Each exports
 * to CSV or PDF.
 */

const localDate = z.string().refine(isLocalDate, 'validation.date').max(TEXT_LIMITS.localDate);
const int = z.number().int();

const totals = z.object({ production: int, collections: int, adjustments: int });
const providerRow = totals.extend({ providerId: z.string(), name: z.string() });

export const daySheetSchema = z.object({
  date: z.string(),
  currency: z.string(),
  totals,
  byProvider: z.array(providerRow),
  byMethod: z.array(z.object({ method: z.string(), amountMinor: int })),
  /** The day's cash collections: what the drawer should hold. */
  expectedCashMinor: int,
  postings: int,
});
export type DaySheet = z.infer<typeof daySheetSchema>;

export const productionSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  totals,
  byProvider: z.array(providerRow),
  byCategory: z.array(totals.extend({ category: z.string() })),
  byDay: z.array(totals.extend({ date: z.string() })),
});
export type ProductionReport = z.infer<typeof productionSchema>;

const agingFields = { current: int, days31to60: int, days61to90: int, over90: int, balance: int };
export const agingReportSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  totals: z.object(agingFields),
  rows: z.array(z.object({ guarantorId: z.string(), name: z.string(), oldestUnpaidDate: z.string().nullable(), ...agingFields })),
});
export type AgingReport = z.infer<typeof agingReportSchema>;

export const treatmentPlansReportSchema = z.object({
  currency: z.string(),
  totalMinor: int,
  rows: z.array(z.object({ planId: z.string(), patientId: z.string(), name: z.string(), status: z.string(), items: int, amountMinor: int, createdAt: z.string().nullable() })),
});
export type TreatmentPlansReport = z.infer<typeof treatmentPlansReportSchema>;

const maxRange = (i: { from: string; to: string }) => i.from <= i.to && Date.parse(i.to) - Date.parse(i.from) <= 3700 * 86_400_000;
const rangeSchema = z.object({ from: localDate, to: localDate }).refine(maxRange, { message: 'reports.errors.range', path: ['to'] });

export const reportRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daySheet'), date: localDate, countedCashMinor: int.min(0).max(1e13).nullable().default(null) }),
  z.object({ kind: z.literal('production'), from: localDate, to: localDate }),
  z.object({ kind: z.literal('aging'), asOf: localDate.optional() }),
  z.object({ kind: z.literal('treatmentPlans') }),
]);
export type ReportRequest = z.output<typeof reportRequestSchema>;

const access = { permission: 'reports.read' } as const;

export const reportsCalls = {
  'reports.daySheet': call({ access, input: z.object({ date: localDate }), output: daySheetSchema }),
  'reports.production': call({ access, input: rangeSchema, output: productionSchema }),
  'reports.aging': call({ access, input: z.object({ asOf: localDate.optional() }), output: agingReportSchema }),
  'reports.treatmentPlans': call({ access, input: z.object({}), output: treatmentPlansReportSchema }),
  /** A report as a CSV (UTF-8 with BOM, for spreadsheets) or a PDF with the letterhead. */
  'reports.export': call({
    access,
    input: z.object({ report: reportRequestSchema, format: z.enum(['csv', 'pdf']), language: z.enum(LANGUAGES).optional() }),
    output: z.object({ fileName: z.string(), base64: z.string(), mime: z.string() }),
  }),
} as const;
