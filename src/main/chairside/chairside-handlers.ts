import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { openChairside } from './chairside-open';
import { readChairsideSettings, updateChairsideSettings } from './chairside-settings';
import { ensureChairsideSeed } from './chairside-seed';
import { applyAction, chartHistory, compareChart, getChart } from './chart/chart-service';
import { addAddendum, discardDraft, getNote, listNotes, listTemplates, saveDraft, saveTemplate, signNote } from './notes/notes-service';
import { compare, discardExam, getExam, latestExam, listExams, saveExam, signPerioExam, startExam } from './perio/perio-service';
import { printChairside } from './print/print-service';
import { deactivateProcedure, importProcedureCsv, listProcedures, upsertProcedure } from './procedures/catalog-service';
import { confirm, stagingHistory, suggest } from './staging/staging-service';

export type ChairsideCalls = Extract<
  CallName,
  `chart.${string}` | `perio.${string}` | `staging.${string}` | `notes.${string}` | `chairside.${string}`
>;

/**
 * The chairside contract entries: thin, each hands its parsed input to a
 * service (rules there, queries in the repositories). Access (clinical.read,
 * clinical.write, settings.manage) was checked by the dispatcher.
 */
export function chairsideHandlers(): HandlerGroup<ChairsideCalls> {
  return {
    async 'chairside.open'(input, ctx) {
      return openChairside(ctx.store(), ctx.actor, input.patientId);
    },

    /* ---------------------------------------------------------- chart */
    async 'chart.get'(input, ctx) {
      return getChart(ctx.store(), ctx.actor, input);
    },
    async 'chart.apply'(input, ctx) {
      return applyAction(ctx.store(), ctx.actor, input);
    },
    async 'chart.history'(input, ctx) {
      return chartHistory(ctx.store(), ctx.actor, input.patientId, input.itemId);
    },
    async 'chart.compare'(input, ctx) {
      return compareChart(ctx.store(), ctx.actor, input);
    },
    async 'chart.procedures.list'(input, ctx) {
      const store = ctx.store();
      await ensureChairsideSeed(store, ctx.actor);
      return listProcedures(store.db, input.includeInactive);
    },
    async 'chart.procedures.upsert'(input, ctx) {
      const store = ctx.store();
      await ensureChairsideSeed(store, ctx.actor);
      return upsertProcedure(store, ctx.actor, input);
    },
    async 'chart.procedures.deactivate'(input, ctx) {
      const store = ctx.store();
      await ensureChairsideSeed(store, ctx.actor);
      return deactivateProcedure(store, ctx.actor, input.code);
    },
    async 'chart.procedures.importCsv'(input, ctx) {
      const store = ctx.store();
      await ensureChairsideSeed(store, ctx.actor);
      return importProcedureCsv(store, ctx.actor, input.text, input.decimal, input.dryRun);
    },
    async 'chairside.settings.get'(_input, ctx) {
      return readChairsideSettings(ctx.store().db);
    },
    async 'chairside.settings.update'(input, ctx) {
      return updateChairsideSettings(ctx.store(), ctx.actor, input);
    },

    /* ---------------------------------------------------------- perio */
    async 'perio.exam.start'(input, ctx) {
      return startExam(ctx.store(), ctx.actor, input.patientId, input.date);
    },
    async 'perio.exam.save'(input, ctx) {
      return saveExam(ctx.store(), ctx.actor, input.examId, input.revision, input.exam);
    },
    async 'perio.exam.sign'(input, ctx) {
      return signPerioExam(ctx.store(), ctx.actor, input.examId, input.revision);
    },
    async 'perio.exam.discard'(input, ctx) {
      return discardExam(ctx.store(), ctx.actor, input.examId);
    },
    async 'perio.exam.get'(input, ctx) {
      return getExam(ctx.store(), ctx.actor, input.examId);
    },
    async 'perio.exam.latest'(input, ctx) {
      return latestExam(ctx.store(), ctx.actor, input.patientId, input.signedOnly);
    },
    async 'perio.exam.list'(input, ctx) {
      return listExams(ctx.store(), ctx.actor, input.patientId);
    },
    async 'perio.compare'(input, ctx) {
      return compare(ctx.store(), ctx.actor, input.examIdA, input.examIdB);
    },

    /* ---------------------------------------------------------- staging */
    async 'staging.suggest'(input, ctx) {
      return suggest(ctx.store(), ctx.actor, input.examId, input.inputs);
    },
    async 'staging.confirm'(input, ctx) {
      return confirm(ctx.store(), ctx.actor, input);
    },
    async 'staging.history'(input, ctx) {
      return stagingHistory(ctx.store(), ctx.actor, input.patientId);
    },

    /* ---------------------------------------------------------- notes */
    async 'notes.list'(input, ctx) {
      return listNotes(ctx.store(), ctx.actor, input.patientId);
    },
    async 'notes.get'(input, ctx) {
      return getNote(ctx.store(), ctx.actor, input.noteId);
    },
    async 'notes.saveDraft'(input, ctx) {
      return saveDraft(ctx.store(), ctx.actor, input);
    },
    async 'notes.sign'(input, ctx) {
      return signNote(ctx.store(), ctx.actor, input.noteId, input.versionId);
    },
    async 'notes.addAddendum'(input, ctx) {
      return addAddendum(ctx.store(), ctx.actor, input.noteId, input.text, input.addendumId);
    },
    async 'notes.discardDraft'(input, ctx) {
      return discardDraft(ctx.store(), ctx.actor, input.noteId);
    },
    async 'notes.templates.list'(input, ctx) {
      return listTemplates(ctx.store(), ctx.actor, input.language, input.includeInactive);
    },
    async 'notes.templates.save'(input, ctx) {
      return saveTemplate(ctx.store(), ctx.actor, input);
    },

    /* ---------------------------------------------------------- print */
    async 'chairside.print'(input, ctx) {
      return printChairside(ctx.store(), ctx.actor, input);
    },
  };
}
