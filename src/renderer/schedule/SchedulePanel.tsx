import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, Conflict, DayView as DayData } from '../../shared/contract/schedule';
import { addDays, minutesToTime, timeToMinutes } from '../../shared/schedule/time';
import type { AppointmentStatus, CancelReason } from '../../shared/schedule/status';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import type { ScheduleAction } from '../app/shortcuts';
import { useAppStatus } from '../app/status';
import { usePatientNavigation } from '../patients/navigation';
import { useSetupStatus } from '../schedule-admin/first-steps';
import { SetupChecklist } from '../schedule-admin/SetupChecklist';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { Loading } from '../ui/QueryState';
import { errorMessage, toAppError } from '../ui/errors';
import { AppointmentActions } from './AppointmentActions';
import type { ScheduleRequest } from './bridge';
import { BookingForm } from './BookingForm';
import type { BookingDraft } from './BookingForm';
import { ConflictNotice } from './ConflictNotice';
import type { ConflictReport } from './ConflictNotice';
import { hhmm, localDate, localMinutes, longDate, todayIn, whenLabel } from './format';
import { InteractiveGrid } from './InteractiveGrid';
import type { GridCommands } from './InteractiveGrid';
import type { Cursor } from './ScheduleGrid';
import { SCHEDULE_KEY, scheduleKeys } from './keys';
import { dayModel } from './model';
import { AccountBadgesProvider } from '../billing/useAccountBadges';
import { Pinboard } from './Pinboard';
import { WaitingRoom } from './WaitingRoom';
import { WeekView } from './WeekView';
import { DateField } from '../ui/DateField';

type View = 'day' | 'week' | 'waiting';
const VIEWS: View[] = ['day', 'week', 'waiting'];

const STATUS_OF: Partial<Record<ScheduleAction, AppointmentStatus>> = {
  statusConfirm: 'confirmed',
  statusArrive: 'arrived',
  statusSeat: 'seated',
  statusComplete: 'completed',
  statusNoShow: 'no_show',
};

/** The bookable slot under the cursor (for the pinboard's "place"). */
export interface Slot {
  date: string;
  minute: number;
  operatoryId: string | null;
}

/**
 * The left side of the workspace: the day (one column per chair), the week
 * (per provider or chair) and the waiting room, with the booking form, the
 * selected appointment's actions and the pinboard beside the grid.
 */
export function SchedulePanel({ request }: { request: ScheduleRequest | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const status = useAppStatus();
  const nav = usePatientNavigation();
  const language = currentLanguage();
  const timeZone = status.practice?.timeZone ?? 'UTC';
  const canWrite = status.session?.permissions.includes('schedule.write') ?? false;
  const canManage = status.session?.permissions.includes('settings.manage') ?? false;
  const setup = useSetupStatus();
  const unfinished = setup.data && !setup.data.ready ? setup.data : null;
  const [view, setView] = useState<View>('day');
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [selected, setSelected] = useState<Appointment | null>(null);
  const [booking, setBooking] = useState<BookingDraft | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [report, setReport] = useState<ConflictReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reveal, setReveal] = useState<{ id: string; n: number; focus: boolean } | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const viewsId = useId();
  const gridAreaRef = useRef<HTMLDivElement>(null);
  const resumeCursor = useRef<Cursor | null>(null);

  const day = useQuery({ queryKey: scheduleKeys.day(date), queryFn: () => client['schedule.day']({ date }), placeholderData: (previous) => previous });
  const dayData = day.data?.date === date ? day.data : day.data;
  const today = day.data?.today ?? todayIn(timeZone);
  // Keep the selected card current after refetches (its status, its place).
  const current = useMemo(() => (selected ? (dayData?.appointments.find((a) => a.id === selected.id) ?? selected) : null), [selected, dayData]);

  const revealAppointment = (id: string, focus: boolean) => setReveal((r) => ({ id, n: (r?.n ?? 0) + 1, focus }));

  // Requests from the rest of the workspace: book for a patient, show an appointment, focus the grid.
  const handled = useRef(0);
  useEffect(() => {
    if (!request || handled.current === request.n) return;
    handled.current = request.n;
    if (request.kind === 'book') {
      setView('day');
      setReport(null);
      setNotice(null);
      setBooking({ patient: request.patient, date: today, time: '09:00', operatoryId: dayData?.operatories[0]?.id ?? '', providerId: dayData?.providers[0]?.id ?? '', findNext: true, n: request.n });
    } else if (request.kind === 'show') {
      setView('day');
      setDate(request.date);
      revealAppointment(request.id, true);
    } else {
      window.requestAnimationFrame(() => {
        const cell = document.querySelector<HTMLElement>('.sched-grid [data-cell][tabindex="0"]');
        (cell ?? headingRef.current)?.focus();
      });
    }
  }, [request]);

  const afterWrite = () => queryClient.invalidateQueries({ queryKey: SCHEDULE_KEY });
  const onWriteError = (error: unknown) => {
    const value = toAppError(error).value;
    if (value.code === 'CONFLICT' && String(value.messageKey).startsWith('errors.SCHEDULE_CONFLICT')) {
      const kinds = String(value.params?.kinds ?? '').split(',').filter(Boolean) as Conflict['kind'][];
      setReport({ kind: 'blocked', conflicts: kinds.map((kind) => ({ kind, label: null })), message: errorMessage(error) });
    } else {
      setNotice(null);
      setReport(null);
      setWriteError(errorMessage(error));
    }
  };
  const [writeError, setWriteError] = useState<string | null>(null);
  const clearMessages = () => {
    setWriteError(null);
    setReport(null);
    setNotice(null);
  };

  const setStatus = useMutation({
    mutationFn: (input: { id: string; status: AppointmentStatus; reason?: CancelReason }) =>
      client['schedule.setStatus']({ id: input.id, status: input.status, reason: input.reason ?? null, note: '' }),
    onMutate: clearMessages,
    onSuccess: async (appointment) => {
      setSelected(appointment);
      setCancelling(false);
      setNotice(t('schedule.actions.statusSet', { status: t(`schedule.statuses.${appointment.status}`) }));
      await afterWrite();
    },
    onError: onWriteError,
  });
  const move = useMutation({
    mutationFn: (input: { id: string; startLocal?: string; operatoryId?: string; durationMin?: number }) => client['schedule.move'](input),
    onMutate: clearMessages,
    onSuccess: async (result) => {
      setSelected(result.appointment);
      if (result.conflicts.length > 0) setReport({ kind: 'saved', conflicts: result.conflicts });
      else {
        const chair = dayData?.operatories.find((o) => o.id === result.appointment.operatoryId)?.name ?? '';
        setNotice(t('schedule.actions.moved', { when: whenLabel(result.appointment.startLocal, language), chair }));
      }
      await afterWrite();
    },
    onError: async (error) => {
      onWriteError(error);
      await afterWrite();
    },
  });
  const toPinboard = useMutation({
    mutationFn: (id: string) => client['schedule.toPinboard']({ id }),
    onMutate: clearMessages,
    onSuccess: async () => {
      setSelected(null);
      await afterWrite();
    },
    onError: onWriteError,
  });
  const fromPinboard = useMutation({
    mutationFn: (input: { id: string; startLocal: string; operatoryId: string }) => client['schedule.fromPinboard'](input),
    onMutate: clearMessages,
    onSuccess: async (result) => {
      setSelected(result.appointment);
      if (result.conflicts.length > 0) setReport({ kind: 'saved', conflicts: result.conflicts });
      await afterWrite();
      revealAppointment(result.appointment.id, true);
    },
    onError: onWriteError,
  });

  const runStatus = (appointment: Appointment, action: ScheduleAction) => {
    if (!canWrite) return;
    if (action === 'statusCancel') {
      setSelected(appointment);
      setCancelling(true);
      return;
    }
    if (action === 'schedulePinboard') {
      toPinboard.mutate(appointment.id);
      return;
    }
    const next = STATUS_OF[action];
    if (next) setStatus.mutate({ id: appointment.id, status: next });
  };

  const defaultProvider = (operatoryId: string, minute: number, data: DayData | undefined): string => {
    if (!data) return '';
    const working = (providerId: string) =>
      data.workingHours.find((h) => h.providerId === providerId)?.intervals.some((i) => timeToMinutes(i.start) <= minute && minute < timeToMinutes(i.end)) ?? false;
    return (
      data.providers.find((p) => p.defaultOperatoryId === operatoryId && working(p.id))?.id ??
      data.providers.find((p) => working(p.id))?.id ??
      data.providers[0]?.id ??
      ''
    );
  };

  const openBooking = (slotDate: string, minute: number, operatoryId: string, providerId?: string) => {
    if (!canWrite) return;
    clearMessages();
    setBooking((b) => ({
      patient: null,
      date: slotDate,
      time: minutesToTime(minute),
      operatoryId,
      providerId: providerId ?? defaultProvider(operatoryId, minute, dayData),
      findNext: false,
      n: (b?.n ?? 0) + 1,
    }));
  };

  const commands = (forDate: (column: string) => string, forChair: (column: string, appointment?: Appointment) => string): GridCommands => ({
    onSelect: (appointment) => {
      setSelected(appointment);
      setCancelling(false);
    },
    onBook: (column, minute) => openBooking(forDate(column), minute, forChair(column)),
    onOpenActions: (appointment) => {
      setSelected(appointment);
      window.requestAnimationFrame(() => actionsRef.current?.querySelector<HTMLElement>('button')?.focus());
    },
    onStatusKey: (action, appointment) => runStatus(appointment, action),
    onMove: (appointment, column, minute) => {
      if (!canWrite) return;
      const startLocal = `${forDate(column)}T${hhmm(minute)}`;
      const operatoryId = forChair(column, appointment);
      move.mutate({
        id: appointment.id,
        ...(startLocal !== appointment.startLocal ? { startLocal } : {}),
        ...(operatoryId !== appointment.operatoryId ? { operatoryId } : {}),
      });
    },
    onResize: (appointment, durationMin) => {
      if (canWrite) move.mutate({ id: appointment.id, durationMin });
    },
    onDays: (delta, from) => {
      resumeCursor.current = from;
      setDate((d) => addDays(d, view === 'week' ? delta * 7 : delta));
    },
  });

  const dayCommands = commands(
    () => date,
    (column) => column,
  );
  const model = useMemo(() => (dayData ? dayModel(dayData, language) : null), [dayData, language]);
  const step = dayData?.settings.gridMinutes ?? 15;
  const startMin = dayData ? timeToMinutes(dayData.settings.officeStart) : 480;
  const endMin = dayData ? timeToMinutes(dayData.settings.officeEnd) : 1200;
  const nowMinute = (() => {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
    return timeToMinutes(parts);
  })();

  const shift = (delta: number) => setDate((d) => addDays(d, view === 'week' ? delta * 7 : delta));

  return (
    <section className="panel sched-panel" aria-label={t('schedule.title')}>
      <header className="panel-header sched-header">
        <span className="panel-icon">
          <Icon name="calendar" size={20} />
        </span>
        <div className="panel-heading">
          <h2 ref={headingRef} tabIndex={-1} className="panel-title">
            {t('schedule.title')}
          </h2>
          <p className="panel-description">{longDate(date, language)}</p>
        </div>
        <div className="sched-views" role="tablist" aria-label={t('schedule.views.label')}>
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              id={`${viewsId}-${v}`}
              aria-controls={`${viewsId}-panel`}
              aria-selected={view === v}
              tabIndex={view === v ? 0 : -1}
              className={view === v ? 'tab tab-active' : 'tab'}
              onClick={() => setView(v)}
              onKeyDown={(e) => {
                const i = VIEWS.indexOf(view);
                const next = e.key === 'ArrowRight' ? VIEWS[(i + 1) % 3] : e.key === 'ArrowLeft' ? VIEWS[(i + 2) % 3] : undefined;
                if (next) {
                  e.preventDefault();
                  setView(next);
                  (e.currentTarget.parentElement?.querySelector(`[data-view="${next}"]`) as HTMLElement | null)?.focus();
                } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
                  // Tab goes into the view the tab shows (the grid's cursor cell, in the day and week views); the toolbar stays one Shift+Tab back.
                  const area = gridAreaRef.current;
                  const target = area?.querySelector<HTMLElement>('[data-cell]') ?? area?.querySelector<HTMLElement>('button, [href], input, select, textarea, [tabindex="0"]');
                  if (target) {
                    e.preventDefault();
                    target.focus();
                  }
                }
              }}
              data-view={v}
            >
              {t(`schedule.views.${v}`)}
            </button>
          ))}
        </div>
      </header>
      {view !== 'waiting' ? (
        <div className="sched-toolbar">
          <Button size="sm" variant="ghost" aria-label={t(view === 'week' ? 'schedule.nav.previousWeek' : 'schedule.nav.previousDay')} aria-keyshortcuts="PageUp" onClick={() => shift(-1)}>
            ‹
          </Button>
          <Button size="sm" onClick={() => setDate(todayIn(timeZone))}>
            {t('schedule.nav.today')}
          </Button>
          <Button size="sm" variant="ghost" aria-label={t(view === 'week' ? 'schedule.nav.nextWeek' : 'schedule.nav.nextDay')} aria-keyshortcuts="PageDown" onClick={() => shift(1)}>
            ›
          </Button>
          <label className="sched-date">
            <span className="sr-only">{t('schedule.nav.date')}</span>
            <DateField className="input" value={date} onChange={(v) => v && setDate(v)} />
          </label>
          {dayData && view === 'day' ? (
            <span className="sched-counts muted">
              {[
                t('schedule.counts.booked', { count: dayData.counts.booked }),
                t('schedule.counts.cancelled', { count: dayData.counts.cancelled }),
                t('schedule.counts.noShow', { count: dayData.counts.noShow }),
              ].join(' · ')}
            </span>
          ) : null}
          {dayData?.holiday && view === 'day' ? <span className="badge badge-warning">{t('schedule.holiday', { name: dayData.holiday.name })}</span> : null}
        </div>
      ) : null}
      {unfinished && canManage && (model?.columns.length ?? 0) > 0 ? <SetupChecklist status={unfinished} canManage compact /> : null}
      <div className="sched-main">
        <div ref={gridAreaRef} className="sched-grid-area" role="tabpanel" id={`${viewsId}-panel`} aria-labelledby={`${viewsId}-${view}`}>
          {view === 'waiting' ? (
            <WaitingRoom
              onShow={(a) => {
                setView('day');
                setDate(localDate(a.startLocal));
                revealAppointment(a.id, true);
              }}
            />
          ) : view === 'week' ? (
            <WeekView
              date={date}
              day={dayData}
              selectedId={current?.id ?? null}
              reveal={reveal}
              nowMinute={nowMinute}
              makeCommands={commands}
              onSlot={setSlot}
              resume={resumeCursor}
            />
          ) : day.isPending ? (
            <Loading />
          ) : day.error && !dayData ? (
            <Alert tone="error">{errorMessage(day.error)}</Alert>
          ) : dayData && model ? (
            model.columns.length === 0 ? (
              unfinished ? (
                <SetupChecklist status={unfinished} canManage={canManage} />
              ) : (
                <p className="muted sched-empty">{t('schedule.noChairs')}</p>
              )
            ) : (
              <AccountBadgesProvider patientIds={dayData.appointments.map((a) => a.patientId)}>
              <InteractiveGrid
                key={dayData.date}
                label={t('schedule.dayGrid', { date: longDate(dayData.date, language) })}
                columns={model.columns}
                items={model.items}
                startMin={startMin}
                endMin={endMin}
                step={step}
                selectedId={current?.id ?? null}
                reveal={reveal}
                resume={resumeCursor}
                initialMinute={dayData.date === today ? nowMinute - 60 : startMin}
                {...dayCommands}
                onSelect={(a) => {
                  dayCommands.onSelect(a);
                }}
                onCursorSlot={(column, minute) => setSlot({ date, minute, operatoryId: column })}
              />
              </AccountBadgesProvider>
            )
          ) : null}
        </div>
        {view === 'waiting' ? null : (
        <div className="sched-side">
          {writeError ? <Alert tone="error">{writeError}</Alert> : null}
          {report ? <ConflictNotice report={report} onDismiss={() => setReport(null)} /> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          {booking ? (
            <BookingForm
              key={booking.n}
              draft={booking}
              day={dayData}
              today={today}
              onCancel={() => setBooking(null)}
              onBooked={(appointments, conflicts) => {
                setBooking(null);
                const first = appointments[0];
                if (!first) return;
                setNotice(
                  appointments.length > 1
                    ? t('schedule.booking.bookedSeries', { count: appointments.length, when: whenLabel(first.startLocal, language) })
                    : t('schedule.booking.booked', { patient: first.patientName, when: whenLabel(first.startLocal, language) }),
                );
                if (conflicts.length > 0) setReport({ kind: 'saved', conflicts });
                setView('day');
                setDate(localDate(first.startLocal));
                setSelected(first);
                revealAppointment(first.id, true);
              }}
            />
          ) : current ? (
            <AppointmentActions
              appointment={current}
              day={dayData}
              busy={setStatus.isPending}
              cancelling={cancelling}
              onCancelling={setCancelling}
              onStatus={(next, reason) => setStatus.mutate({ id: current.id, status: next, reason })}
              onPinboard={() => toPinboard.mutate(current.id)}
              onOpenPatient={() => nav.openPatient(current.patientId)}
              onClose={() => setSelected(null)}
              firstRef={actionsRef}
            />
          ) : (
            <p className="muted sched-hint">{t('schedule.keyboardHint')}</p>
          )}
          {
            <Pinboard
              slot={slot}
              chairs={dayData?.operatories ?? []}
              canWrite={canWrite}
              busy={fromPinboard.isPending}
              onPlace={(a, s) => fromPinboard.mutate({ id: a.id, startLocal: `${s.date}T${hhmm(s.minute)}`, operatoryId: s.operatoryId ?? a.operatoryId })}
            />
          }
        </div>
        )}
      </div>
    </section>
  );
}

export { localMinutes };
