import type { CallName } from '../../shared/contract';
import { AppError } from '../../shared/contract/errors';
import type { Language } from '../../shared/i18n/languages';
import type { HandlerGroup } from '../contract/context';
import type { Actor, Store } from '../store/store';
import { moneyFor, printContext, printSetting } from '../statements/statement-print';
import { type ReportData, reportCsv, reportFileBase, reportPdf } from './report-export';
import { audited, computeAging, computeDaySheet, computeProduction, computeTreatmentPlans } from './reports-service';

export type ReportsCalls = Extract<CallName, `reports.${string}`>;

async function userLanguage(store: Store, actor: Actor): Promise<Language | null> {
  if (!actor.userId) return null;
  const user = await store.db.selectFrom('users').select('language').where('id', '=', actor.userId).executeTakeFirst();
  return user?.language === 'en' ? 'en' : user?.language === 'es' ? 'es' : null;
}

/** The reports: access (reports.read) was checked by the dispatcher; every run is audited. */
export function reportsHandlers(): HandlerGroup<ReportsCalls> {
  return {
    async 'reports.daySheet'(input, ctx) {
      return audited(ctx.store(), ctx.actor, 'daySheet', { date: input.date }, (db) => computeDaySheet(db, input.date));
    },
    async 'reports.production'(input, ctx) {
      return audited(ctx.store(), ctx.actor, 'production', { from: input.from, to: input.to }, (db) => computeProduction(db, input.from, input.to));
    },
    async 'reports.aging'(input, ctx) {
      return audited(ctx.store(), ctx.actor, 'aging', input.asOf ? { asOf: input.asOf } : {}, (db) => computeAging(db, input.asOf));
    },
    async 'reports.treatmentPlans'(_input, ctx) {
      return audited(ctx.store(), ctx.actor, 'treatmentPlans', {}, (db) => computeTreatmentPlans(db));
    },
    async 'reports.export'(input, ctx) {
      const store = ctx.store();
      const request = input.report;
      if (request.kind === 'production' && (request.from > request.to || Date.parse(request.to) - Date.parse(request.from) > 3700 * 86_400_000)) {
        throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { 'report.to': 'reports.errors.range' } });
      }
      const setting = await printSetting(store.db, ctx.actor);
      const language = input.language ?? (await userLanguage(store, ctx.actor)) ?? setting.clock.language;
      return audited(store, ctx.actor, 'export', { report: request.kind, format: input.format }, async (db) => {
        const data: ReportData =
          request.kind === 'daySheet'
            ? { kind: 'daySheet', data: await computeDaySheet(db, request.date), countedCashMinor: request.countedCashMinor }
            : request.kind === 'production'
              ? { kind: 'production', data: await computeProduction(db, request.from, request.to) }
              : request.kind === 'aging'
                ? { kind: 'aging', data: await computeAging(db, request.asOf) }
                : { kind: 'treatmentPlans', data: await computeTreatmentPlans(db) };
        const print = printContext(setting, language);
        const money = moneyFor(setting, language);
        const base = reportFileBase(language, request);
        if (input.format === 'csv') return { fileName: `${base}.csv`, base64: Buffer.from(reportCsv(language, data, print, money), 'utf8').toString('base64'), mime: 'text/csv' };
        return { fileName: `${base}.pdf`, base64: (await reportPdf(language, data, print, money)).toString('base64'), mime: 'application/pdf' };
      });
    },
  };
}
