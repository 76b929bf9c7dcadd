import { roleHas } from '../../shared/auth/roles';
import type { CallName } from '../../shared/contract';
import { type CallContext, type HandlerGroup, requireSession } from '../contract/context';
import {
  book,
  checkBooking,
  dismissUnscheduled,
  move,
  type Notify,
  setStatus,
  toPinboard,
  updateAppointment,
} from './appointments-service';
import { renderDaySheet } from './day-sheet-pdf';
import { addDefaults, setupStatus } from './first-steps';
import { exportIcs } from './ics-export';
import { findOpenings } from './openings-service';
import { composeReminder, listTemplates, recordReminder, updateTemplate } from './reminders-service';
import { loadContext, type MapOptions, scheduleSnapshot } from './schedule-context';
import { listOperatories, listProviders, toOperatory, toProvider, userNamesById } from './schedule-repository';
import { readScheduleSettings } from './schedule-settings';
import {
  createBlockout,
  createBlockoutType,
  createException,
  createHoliday,
  createOperatory,
  createProvider,
  createType,
  listBlockouts,
  listBlockoutTypesOut,
  listExceptions,
  listHolidays,
  listHours,
  listTypesOut,
  removeBlockout,
  removeException,
  removeHoliday,
  setHours,
  updateBlockout,
  updateBlockoutType,
  updateException,
  updateHoliday,
  updateOperatory,
  updateProvider,
  updateSettings,
  updateType,
} from './setup-service';
import {
  appointmentDetail,
  dayView,
  patientAppointments,
  pinboardList,
  toConfirm,
  unscheduledList,
  waitingRoom,
  weekView,
} from './views-service';
import { addToWaitlist, listWaitlist, removeFromWaitlist } from './waitlist-service';
import { parsePhones } from '../patients/patient-view';
import { formatPhone } from '../../shared/patients/phones';

export type ScheduleCalls = Extract<CallName, `schedule.${string}`>;
export type { Notify as ScheduleNotifier } from './appointments-service';

/** Badges need patients.read (the billing role sees the schedule without them). */
function mapOptions(ctx: CallContext): MapOptions {
  return { withAlerts: roleHas(requireSession(ctx).role, 'patients.read') };
}

/**
 * The schedule's contract entries. `notify` announces each committed change
 * (the dates it touched) to every connection, so other workstations' day
 * views refetch.
 */
export function scheduleHandlers(notify: Notify = () => {}): HandlerGroup<ScheduleCalls> {
  return {
    /* ------------------------------------------------------------ views */
    async 'schedule.day'(input, ctx) {
      const store = ctx.store();
      const snap = await scheduleSnapshot(store);
      return store.readAudited(ctx.actor, { action: 'schedule.day', entity: 'schedule', details: { date: input.date } }, (db) => dayView(db, snap, input.date, mapOptions(ctx), store.database.sqlite));
    },
    async 'schedule.week'(input, ctx) {
      const store = ctx.store();
      const snap = await scheduleSnapshot(store);
      return store.readAudited(
        ctx.actor,
        { action: 'schedule.week', entity: 'schedule', details: { start: input.start, providerId: input.providerId ?? null, operatoryId: input.operatoryId ?? null } },
        (db) => weekView(db, snap, input, mapOptions(ctx), store.database.sqlite),
      );
    },
    async 'schedule.get'(input, ctx) {
      const store = ctx.store();
      const snap = await scheduleSnapshot(store);
      return store.readAudited(ctx.actor, { action: 'schedule.get', entity: 'appointment', entityId: input.id }, (db) => appointmentDetail(db, snap, input.id, mapOptions(ctx)));
    },
    async 'schedule.patientAppointments'(input, ctx) {
      const store = ctx.store();
      const sc = await loadContext(store.db);
      return store.readAudited(ctx.actor, { action: 'schedule.patientAppointments', entity: 'patient', entityId: input.patientId }, (db) =>
        patientAppointments(db, sc, input.patientId, input.limit, mapOptions(ctx)),
      );
    },

    /* ------------------------------------------------------------ booking */
    async 'schedule.check'(input, ctx) {
      return checkBooking(ctx.store(), input, input.excludeId ?? null);
    },
    async 'schedule.book'(input, ctx) {
      return book(ctx.store(), ctx.actor, input, mapOptions(ctx), notify);
    },
    async 'schedule.move'(input, ctx) {
      return move(ctx.store(), ctx.actor, input, mapOptions(ctx), notify);
    },
    async 'schedule.update'(input, ctx) {
      return updateAppointment(ctx.store(), ctx.actor, input, mapOptions(ctx), notify);
    },
    async 'schedule.setStatus'(input, ctx) {
      return setStatus(ctx.store(), ctx.actor, input, mapOptions(ctx), notify);
    },
    async 'schedule.toPinboard'(input, ctx) {
      return toPinboard(ctx.store(), ctx.actor, input.id, mapOptions(ctx), notify);
    },
    async 'schedule.fromPinboard'(input, ctx) {
      return move(ctx.store(), ctx.actor, { ...input, fromPinboard: true }, mapOptions(ctx), notify);
    },
    async 'schedule.pinboard'(_input, ctx) {
      const store = ctx.store();
      const sc = await loadContext(store.db);
      return store.readAudited(ctx.actor, { action: 'schedule.pinboard', entity: 'schedule' }, (db) => pinboardList(db, sc, mapOptions(ctx)));
    },

    /* ------------------------------------------------------------ lists */
    async 'schedule.unscheduled'(input, ctx) {
      const store = ctx.store();
      const sc = await loadContext(store.db);
      return store.readAudited(ctx.actor, { action: 'schedule.unscheduled', entity: 'schedule' }, (db) => unscheduledList(db, sc, input.limit, input.offset, mapOptions(ctx)));
    },
    async 'schedule.unscheduled.dismiss'(input, ctx) {
      await dismissUnscheduled(ctx.store(), ctx.actor, input.id);
      return { dismissed: true as const };
    },
    async 'schedule.waitlist.list'(input, ctx) {
      const store = ctx.store();
      return store.readAudited(ctx.actor, { action: 'schedule.waitlist.list', entity: 'schedule' }, (db) => listWaitlist(db, input.fits));
    },
    async 'schedule.waitlist.add'(input, ctx) {
      return addToWaitlist(ctx.store(), ctx.actor, input);
    },
    async 'schedule.waitlist.remove'(input, ctx) {
      await removeFromWaitlist(ctx.store(), ctx.actor, input.id, input.reason);
      return { removed: true as const };
    },
    async 'schedule.findOpenings'(input, ctx) {
      const store = ctx.store();
      return findOpenings(store.db, await scheduleSnapshot(store), input);
    },
    async 'schedule.waitingRoom'(_input, ctx) {
      const store = ctx.store();
      const sc = await loadContext(store.db);
      return store.readAudited(ctx.actor, { action: 'schedule.waitingRoom', entity: 'schedule' }, (db) => waitingRoom(db, sc, mapOptions(ctx)));
    },
    async 'schedule.tomorrow'(input, ctx) {
      const store = ctx.store();
      const sc = await loadContext(store.db);
      return store.readAudited(ctx.actor, { action: 'schedule.tomorrow', entity: 'schedule', details: { date: input.date ?? null } }, (db) =>
        toConfirm(db, sc, input.date, mapOptions(ctx)),
      );
    },

    /* ------------------------------------------------------------ reminders */
    async 'schedule.reminder.compose'(input, ctx) {
      return composeReminder(ctx.store(), ctx.actor, input);
    },
    async 'schedule.reminder.record'(input, ctx) {
      return recordReminder(ctx.store(), ctx.actor, input, mapOptions(ctx), notify);
    },
    async 'schedule.templates.list'(_input, ctx) {
      return listTemplates(ctx.store().db);
    },
    async 'schedule.templates.update'(input, ctx) {
      return updateTemplate(ctx.store(), ctx.actor, input.kind, input.language, input.body);
    },

    /* ------------------------------------------------------------ settings and setup */
    async 'schedule.settings.get'(_input, ctx) {
      return readScheduleSettings(ctx.store().db);
    },
    async 'schedule.settings.update'(input, ctx) {
      return updateSettings(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.setup.status'(_input, ctx) {
      const db = ctx.store().db;
      return setupStatus(db, (await loadContext(db)).today);
    },
    async 'schedule.setup.addDefaults'(_input, ctx) {
      return addDefaults(ctx.store(), ctx.actor, notify);
    },
    async 'schedule.operatories.list'(input, ctx) {
      return (await listOperatories(ctx.store().db, input.includeInactive)).map(toOperatory);
    },
    async 'schedule.operatories.create'(input, ctx) {
      return createOperatory(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.operatories.update'(input, ctx) {
      return updateOperatory(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.providers.list'(input, ctx) {
      return (await listProviders(ctx.store().db, input.includeInactive)).map(toProvider);
    },
    async 'schedule.providers.create'(input, ctx) {
      return createProvider(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.providers.update'(input, ctx) {
      return updateProvider(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.hours.list'(input, ctx) {
      const db = ctx.store().db;
      return listHours(db, input.providerId, input.date ?? (await loadContext(db)).today);
    },
    async 'schedule.hours.set'(input, ctx) {
      return setHours(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.exceptions.list'(input, ctx) {
      return listExceptions(ctx.store().db, input);
    },
    async 'schedule.exceptions.create'(input, ctx) {
      return createException(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.exceptions.update'(input, ctx) {
      return updateException(ctx.store(), ctx.actor, input.id, input.exception, notify);
    },
    async 'schedule.exceptions.remove'(input, ctx) {
      await removeException(ctx.store(), ctx.actor, input.id, notify);
      return { removed: true as const };
    },
    async 'schedule.holidays.list'(input, ctx) {
      return listHolidays(ctx.store().db, input.year);
    },
    async 'schedule.holidays.create'(input, ctx) {
      return createHoliday(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.holidays.update'(input, ctx) {
      return updateHoliday(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.holidays.remove'(input, ctx) {
      await removeHoliday(ctx.store(), ctx.actor, input.id, notify);
      return { removed: true as const };
    },
    async 'schedule.blockoutTypes.list'(input, ctx) {
      return listBlockoutTypesOut(ctx.store().db, input.includeInactive);
    },
    async 'schedule.blockoutTypes.create'(input, ctx) {
      return createBlockoutType(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.blockoutTypes.update'(input, ctx) {
      return updateBlockoutType(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.blockouts.list'(input, ctx) {
      return listBlockouts(ctx.store().db, input.from, input.to);
    },
    async 'schedule.blockouts.create'(input, ctx) {
      return createBlockout(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.blockouts.update'(input, ctx) {
      return updateBlockout(ctx.store(), ctx.actor, input.id, input.blockout, notify);
    },
    async 'schedule.blockouts.remove'(input, ctx) {
      await removeBlockout(ctx.store(), ctx.actor, input.id, notify);
      return { removed: true as const };
    },
    async 'schedule.types.list'(input, ctx) {
      return listTypesOut(ctx.store().db, input.includeInactive);
    },
    async 'schedule.types.create'(input, ctx) {
      return createType(ctx.store(), ctx.actor, input, notify);
    },
    async 'schedule.types.update'(input, ctx) {
      return updateType(ctx.store(), ctx.actor, input, notify);
    },

    /* ------------------------------------------------------------ exports */
    async 'schedule.exportIcs'(input, ctx) {
      const store = ctx.store();
      return store.readAudited(
        ctx.actor,
        { action: 'schedule.exportIcs', entity: 'provider', entityId: input.providerId, details: { from: input.from, to: input.to } },
        (db) => exportIcs(db, input),
      );
    },
    async 'schedule.daySheetPdf'(input, ctx) {
      const store = ctx.store();
      const session = requireSession(ctx);
      const snap = await scheduleSnapshot(store);
      const sc = snap.ctx;
      return store.readAudited(
        ctx.actor,
        { action: 'schedule.daySheetPdf', entity: 'schedule', details: { date: input.date, operatoryId: input.operatoryId ?? null } },
        async (db) => {
          const view = await dayView(db, snap, input.date, mapOptions(ctx), store.database.sqlite);
          const patients = [...new Set(view.appointments.map((a) => a.patientId))];
          const phoneRows = patients.length ? await db.selectFrom('patients').select(['id', 'phones']).where('id', 'in', patients).execute() : [];
          const phones = new Map(
            phoneRows.map((r) => {
              const list = parsePhones(r.phones);
              const best = list.find((p) => p.whatsapp) ?? list[0];
              return [r.id, best ? formatPhone(best.e164, sc.country) : null];
            }),
          );
          const printedBy = (await userNamesById(db, [session.userId])).get(session.userId) ?? '';
          const language = input.language ?? sc.language;
          const { pdf, pages, count } = await renderDaySheet({
            view,
            practice: { name: sc.practiceName, address: sc.settings.address, phone: sc.settings.phone, country: sc.country },
            language,
            operatoryId: input.operatoryId,
            printedBy,
            now: new Date(sc.nowMs),
            phones,
          });
          const suffix = input.operatoryId ? `-${view.operatories.find((o) => o.id === input.operatoryId)?.sortOrder ?? 'x'}` : '';
          return { fileName: `agenda-${input.date}${suffix}.pdf`, pdfBase64: pdf.toString('base64'), pages, count };
        },
      );
    },
  };
}
