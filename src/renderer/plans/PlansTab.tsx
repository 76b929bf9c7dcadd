import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { Notation } from '../../shared/chart/teeth';
import { parseTooth } from '../../shared/chart/teeth';
import type { Plan, PlanItem } from '../../shared/contract/plans';
import { moveItem } from '../../shared/plans/rules';
import { describeArea } from '../../shared/plans/where';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { savePdf } from '../files/save-file';
import { whenLabel } from '../schedule/format';
import { SavedFileNotice } from '../files/SavedFileNotice';
import type { PatientTabProps } from '../patients/tabs/types';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { ErrorNotice, QueryState } from '../ui/QueryState';
import { AcceptanceDialog } from './AcceptanceDialog';
import { BookItemsDialog, type BookTarget } from './BookItemsDialog';
import { FEES_KEY, invalidatePlans, plansKey } from './keys';
import { useMoney } from './money';
import './plans.css';

/** The patient's treatment plans (presupuestos): build, arrange, quote, accept, book and complete. */
export function PlansTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const canBuild = permissions.includes('clinical.write');
  const [selectedPlan, setSelectedPlan] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const plans = useQuery({ queryKey: plansKey(patient.id), queryFn: () => client['plans.list']({ patientId: patient.id }) });
  const patientName = [patient.givenNames, patient.firstSurname, patient.secondSurname].filter(Boolean).join(' ');

  const create = useMutation({
    mutationFn: (fromChart: boolean) => client['plans.create']({ patientId: patient.id, planId: uuidv7(), fromChart }),
    onSuccess: async (plan, fromChart) => {
      setSelectedPlan(plan.id);
      await invalidatePlans(queryClient, patient.id);
      setNotice(fromChart ? t('plans.created', { count: plan.items.length }) : null);
    },
  });

  return (
    <section className="plans-tab" aria-labelledby="plans-heading">
      <div className="plans-toolbar">
        <h3 id="plans-heading" className="card-title">
          {t('plans.heading')}
        </h3>
        <PatientFeeSchedule patientId={patient.id} canChoose={permissions.includes('patients.write')} />
        {canBuild ? (
          <div className="plans-actions">
            <Button variant="primary" size="sm" busy={create.isPending && create.variables} onClick={() => create.mutate(true)}>
              {t('plans.newFromChart')}
            </Button>
            <Button size="sm" busy={create.isPending && !create.variables} onClick={() => create.mutate(false)}>
              {t('plans.newEmpty')}
            </Button>
          </div>
        ) : null}
      </div>
      {create.isError ? <ErrorNotice error={create.error} /> : null}
      <p role="status" className="plans-notice">
        {notice}
      </p>
      <QueryState query={plans}>
        {(data) => {
          if (data.plans.length === 0) return <p className="muted">{t('plans.none')}</p>;
          const plan = data.plans.find((p) => p.id === selectedPlan) ?? data.plans[0]!;
          return (
            <>
              {data.plans.length > 1 ? (
                <label className="field-inline">
                  <span>{t('plans.choosePlan')}</span>
                  <select value={plan.id} onChange={(e) => setSelectedPlan(e.target.value)}>
                    {data.plans.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title} · {t(`plans.state.${p.state}`)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <PlanView key={plan.id} plan={plan} plans={data.plans} numbering={data.numbering} patientId={patient.id} patientName={patientName} permissions={permissions} onNotice={setNotice} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function PatientFeeSchedule({ patientId, canChoose }: { patientId: string; canChoose: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: [...FEES_KEY, 'patient', patientId], queryFn: () => client['fees.patient.get']({ patientId }) });
  const lists = useQuery({ queryKey: [...FEES_KEY, 'list'], queryFn: () => client['fees.schedules.list']({}) });
  const set = useMutation({
    mutationFn: (scheduleId: string | null) => client['fees.patient.set']({ patientId, scheduleId }),
    onSuccess: (result) => queryClient.setQueryData([...FEES_KEY, 'patient', patientId], result),
  });
  if (!current.data || !lists.data) return null;
  return (
    <div className="field-inline">
      <label htmlFor={`fee-schedule-select-${patientId}`}>{t('plans.feeSchedule')}</label>
      <select
        id={`fee-schedule-select-${patientId}`}
        value={current.data.chosen ? current.data.schedule.id : ''}
        disabled={!canChoose}
        onChange={(e) => set.mutate(e.target.value || null)}
        aria-describedby={`fee-schedule-${patientId}`}
      >
        <option value="">
          {t('plans.defaultForCoverage')}
          {current.data.chosen ? '' : ` (${current.data.schedule.name})`}
        </option>
        {lists.data.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <span id={`fee-schedule-${patientId}`} className="muted">
        {current.data.chosen ? t('plans.feeScheduleChosen') : t('plans.feeScheduleDefault')}
      </span>
    </div>
  );
}

interface PlanViewProps {
  plan: Plan;
  plans: Plan[];
  numbering: Notation;
  patientId: string;
  patientName: string;
  permissions: PatientTabProps['permissions'];
  onNotice: (text: string | null) => void;
}

function PlanView({ plan, plans, numbering, patientId, patientName, permissions, onNotice }: PlanViewProps) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const time = usePracticeTime();
  const money = useMoney(plan.currency);
  const canBuild = permissions.includes('clinical.write');
  const canAnswer = permissions.includes('patients.write');
  const canBook = permissions.includes('schedule.write');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [accepting, setAccepting] = useState(false);
  const [booking, setBooking] = useState<BookTarget | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const focusAfter = useRef<string | null>(null);
  const rowFocus = useRef(new Map<string, HTMLInputElement>());
  const where = (item: PlanItem) => describeArea(item.area, numbering, language);
  const label = (item: PlanItem) => ({ name: `${item.code} ${item.name[language]}`, where: where(item) });

  useEffect(() => {
    if (focusAfter.current) {
      rowFocus.current.get(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  const done = async (message: string | null) => {
    setProblem(null);
    await invalidatePlans(queryClient, patientId);
    onNotice(message);
  };
  const fail = (error: unknown) => setProblem(errorMessage(error));

  const arrange = useMutation({
    mutationFn: (order: { id: string; phase: number }[]) => client['plans.arrange']({ planId: plan.id, order: order.map((o) => ({ itemId: o.id, phase: o.phase })) }),
    onSuccess: (next, order) => {
      const moved = next.items.find((i) => i.id === focusAfter.current) ?? next.items.find((i) => order.some((o) => o.id === i.id));
      void done(moved ? t('plans.moved', { name: label(moved).name, phase: moved.phase, position: next.items.filter((i) => i.phase === moved.phase).indexOf(moved) + 1 }) : null);
    },
    onError: fail,
  });
  const move = (item: PlanItem, direction: -1 | 1) => {
    const order = moveItem(plan.items, item.id, direction);
    if (!order) return;
    focusAfter.current = item.id;
    arrange.mutate(order);
  };
  const remove = useMutation({ mutationFn: (itemId: string) => client['plans.removeItem']({ itemId }), onSuccess: () => done(null), onError: fail });
  const setStatus = useMutation({
    mutationFn: (status: 'declined' | 'planned' | 'accepted') => client['plans.items.setStatus']({ itemIds: [...selected], status }),
    onSuccess: () => {
      setSelected(new Set());
      void done(null);
    },
    onError: fail,
  });
  const complete = useMutation({
    mutationFn: () => client['plans.items.complete']({ itemIds: [...selected] }),
    onSuccess: (result) => {
      setSelected(new Set());
      void done(t('plans.completed', { count: result.completed }));
    },
    onError: fail,
  });
  const print = useMutation({
    mutationFn: async () => {
      const pdf = await client['plans.print']({ planId: plan.id, language });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
  });
  const fromChart = useMutation({
    mutationFn: async () => {
      const chart = await client['chart.get']({ patientId });
      const held = new Set(plans.flatMap((p) => p.items.filter((i) => i.status !== 'declined').map((i) => i.chartEntryId)));
      const planned = chart.entries.filter((e) => e.item.type === 'finding' && e.item.status === 'planned' && !held.has(e.id)).map((e) => e.id);
      if (planned.length === 0) return null;
      return client['plans.addFromChart']({ planId: plan.id, chartEntryIds: planned });
    },
    onSuccess: (result) => done(result ? null : t('plans.nothingOnChart')),
    onError: fail,
  });

  const chosen = plan.items.filter((i) => selected.has(i.id));
  const needSelection = (run: () => void) => () => (chosen.length ? run() : setProblem(t('plans.selectFirst')));
  const onRowKey = (item: PlanItem) => (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || !item.editable || !canBuild) return;
    event.preventDefault();
    move(item, event.key === 'ArrowUp' ? -1 : 1);
  };
  const statusText = (item: PlanItem) =>
    item.status === 'scheduled' && item.appointmentStart ? `${t('plans.status.scheduled')} · ${whenLabel(item.appointmentStart, language)}` : t(`plans.status.${item.status}`);

  return (
    <div className="plan-view">
      <div className="plan-head">
        <h4 className="plan-title">{plan.title}</h4>
        <span className="plan-state">{t('plans.stateLabel', { state: t(`plans.state.${plan.state}`) })}</span>
        <span className="muted">{t('plans.planFeeSchedule', { name: plan.feeScheduleName })}</span>
        {plan.createdByName ? <span className="muted">{t('plans.createdBy', { at: time.dateTime(plan.createdAt), name: plan.createdByName })}</span> : null}
      </div>
      {canBuild ? <p className="muted plans-help">{t('plans.reorderHelp')}</p> : null}
      <div className="table-wrap">
        <table className="table table-dense plan-table">
          <caption className="sr-only">{t('plans.itemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t('plans.columns.select')}</span>
              </th>
              <th scope="col">{t('plans.columns.procedure')}</th>
              <th scope="col">{t('plans.columns.where')}</th>
              <th scope="col" className="num">
                {t('plans.columns.fee')}
              </th>
              <th scope="col" className="num">
                {t('plans.columns.coverage')}
              </th>
              <th scope="col" className="num">
                {t('plans.columns.patient')}
              </th>
              <th scope="col">{t('plans.columns.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('plans.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          {plan.phases.map(({ phase, totals }) => {
            const items = plan.items.filter((i) => i.phase === phase);
            return (
              <tbody key={phase}>
                <tr className="plan-phase-row">
                  <th scope="rowgroup" colSpan={8}>
                    {t('plans.phase', { n: phase })}
                  </th>
                </tr>
                {items.map((item, index) => {
                  const l = label(item);
                  const flat = plan.items.indexOf(item);
                  return (
                    <tr key={item.id} onKeyDown={onRowKey(item)} className={`plan-item plan-item-${item.status}`}>
                      <td>
                        <input
                          type="checkbox"
                          ref={(el) => {
                            if (el) rowFocus.current.set(item.id, el);
                            else rowFocus.current.delete(item.id);
                          }}
                          aria-label={t('plans.selectItem', l)}
                          checked={selected.has(item.id)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(item.id);
                            else next.delete(item.id);
                            setSelected(next);
                          }}
                        />
                      </td>
                      <td>
                        <strong>{item.code}</strong> {item.name[language]}
                      </td>
                      <td>{l.where}</td>
                      <td className="num">{money(item.feeMinor)}</td>
                      <td className="num">{money(item.coverageMinor)}</td>
                      <td className="num">{money(item.patientMinor)}</td>
                      <td>
                        {statusText(item)}
                        {!item.editable && item.acceptedAt ? <div className="sl-meta">{t('plans.frozen')}</div> : null}
                      </td>
                      <td className="plan-row-actions">
                        {canBuild && item.editable ? (
                          <>
                            <Button size="sm" variant="ghost" aria-label={t('plans.moveUp', l)} aria-disabled={(index === 0 && phase === 1) || undefined} onClick={() => move(item, -1)}>
                              ↑
                            </Button>
                            <Button size="sm" variant="ghost" aria-label={t('plans.moveDown', l)} aria-disabled={(flat === plan.items.length - 1 && phase === 9) || undefined} onClick={() => move(item, 1)}>
                              ↓
                            </Button>
                            <Button size="sm" variant="ghost" aria-label={t('plans.remove', l)} onClick={() => remove.mutate(item.id)}>
                              ✕
                            </Button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
                <tr className="plan-subtotal">
                  <th scope="row" colSpan={3}>
                    {t('plans.phaseTotal', { n: phase })}
                  </th>
                  <td className="num">{money(totals.feeMinor)}</td>
                  <td className="num">{money(totals.coverageMinor)}</td>
                  <td className="num">{money(totals.patientMinor)}</td>
                  <td colSpan={2} />
                </tr>
              </tbody>
            );
          })}
          <tfoot>
            <tr className="plan-total">
              <th scope="row" colSpan={3}>
                {t('plans.total')}
              </th>
              <td className="num">{money(plan.totals.feeMinor)}</td>
              <td className="num">{money(plan.totals.coverageMinor)}</td>
              <td className="num">{money(plan.totals.patientMinor)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      </div>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <div className="plans-actions">
        <Button size="sm" busy={print.isPending} onClick={() => print.mutate()}>
          {t('plans.printQuote')}
        </Button>
        {canAnswer && plan.items.some((i) => i.status === 'planned') ? (
          <Button size="sm" variant="primary" onClick={() => setAccepting(true)}>
            {t('plans.recordAcceptance')}
          </Button>
        ) : null}
        {canBook ? (
          <Button
            size="sm"
            onClick={needSelection(() =>
              setBooking({ patient: { id: patientId, name: patientName }, itemIds: chosen.map((i) => i.id), summary: chosen.map((i) => `${i.code} ${where(i)}`).join(', ') }),
            )}
          >
            {t('plans.book')}
          </Button>
        ) : null}
        {canBuild ? (
          <Button size="sm" busy={complete.isPending} onClick={needSelection(() => complete.mutate())}>
            {t('plans.complete')}
          </Button>
        ) : null}
        {canAnswer ? (
          <Button size="sm" variant="ghost" busy={setStatus.isPending} onClick={needSelection(() => setStatus.mutate(chosen.every((i) => i.status === 'declined') ? 'planned' : 'declined'))}>
            {chosen.length && chosen.every((i) => i.status === 'declined') ? t('plans.reopen') : t('plans.decline')}
          </Button>
        ) : null}
        {canBuild ? (
          <Button size="sm" variant="ghost" busy={fromChart.isPending} onClick={() => fromChart.mutate()}>
            {t('plans.addFromChart')}
          </Button>
        ) : null}
      </div>
      {print.isError ? <ErrorNotice error={print.error} /> : null}
      <SavedFileNotice file={print.data} />
      {canBuild ? <AddProcedure plan={plan} numbering={numbering} onAdded={(name) => done(t('plans.added', { name }))} /> : null}
      {plan.acceptances.length ? (
        <section className="plan-acceptances" aria-labelledby={`acceptances-${plan.id}`}>
          <h4 id={`acceptances-${plan.id}`} className="card-title">
            {t('plans.acceptances')}
          </h4>
          <ul>
            {plan.acceptances.map((a) => (
              <li key={a.id}>
                {t('plans.acceptanceLine', { decision: t(`plans.decision.${a.decision}`), name: a.signerName || '—', at: time.dateTime(a.recordedAt), how: t(`plans.signatureKinds.${a.signatureKind}`) })}
                {a.signaturePng ? <img className="plan-signature" src={a.signaturePng} alt={t('plans.signatureImage', { name: a.signerName })} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {accepting ? (
        <AcceptanceDialog
          plan={plan}
          numbering={numbering}
          patientName={patientName}
          onClose={() => setAccepting(false)}
          onSaved={(message) => {
            setAccepting(false);
            onNotice(message);
          }}
        />
      ) : null}
      {booking ? (
        <BookItemsDialog
          target={booking}
          onClose={() => setBooking(null)}
          onBooked={(message) => {
            setBooking(null);
            setSelected(new Set());
            onNotice(message);
          }}
        />
      ) : null}
    </div>
  );
}

function AddProcedure({ plan, numbering, onAdded }: { plan: Plan; numbering: Notation; onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const catalog = useQuery({ queryKey: ['chart.procedures.list', false], queryFn: () => client['chart.procedures.list']({ includeInactive: false }), staleTime: 60_000 });
  const [code, setCode] = useState('');
  const [tooth, setTooth] = useState('');
  const [surfaces, setSurfaces] = useState('');
  const [phase, setPhase] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const procedures = (catalog.data ?? []).filter((p) => p.kind === 'procedure');
  const procedure = procedures.find((p) => p.code === code);
  const add = useMutation({
    mutationFn: () => {
      const area = procedure?.area ?? 'tooth';
      const id = parseTooth(tooth, numbering);
      if ((area === 'surface' || area === 'tooth') && !id) throw new Error(t('plans.badTooth', { tooth }));
      const input =
        area === 'surface'
          ? { kind: 'surface' as const, tooth: id!, surfaces }
          : area === 'tooth'
            ? { kind: 'tooth' as const, tooth: id! }
            : area === 'arch'
              ? { kind: 'arch' as const, arch: id && Number(id) <= 16 ? ('upper' as const) : ('lower' as const) }
              : { kind: 'mouth' as const };
      return client['plans.addProcedure']({ planId: plan.id, code, area: input, phase, itemId: uuidv7() });
    },
    onSuccess: () => {
      setProblem(null);
      setTooth('');
      setSurfaces('');
      onAdded(procedure ? `${procedure.code} ${procedure.name[language]}` : code);
    },
    onError: (error) => setProblem(error instanceof Error && !('value' in error) ? error.message : errorMessage(error)),
  });
  return (
    <form
      className="plan-add"
      aria-labelledby={`add-${plan.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (code) add.mutate();
      }}
    >
      <h4 id={`add-${plan.id}`} className="card-title">
        {t('plans.addTitle')}
      </h4>
      <div className="plan-add-fields">
        <div className="field">
          <label className="field-label" htmlFor={`procedure-${plan.id}`}>
            {t('plans.procedure')}
          </label>
          <select id={`procedure-${plan.id}`} value={code} onChange={(e) => setCode(e.target.value)} required>
            <option value="" />
            {procedures.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} — {p.name[language]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`tooth-${plan.id}`}>
            {t('plans.tooth')}
          </label>
          <input id={`tooth-${plan.id}`} value={tooth} onChange={(e) => setTooth(e.target.value)} size={5} aria-describedby={`tooth-hint-${plan.id}`} />
          <span id={`tooth-hint-${plan.id}`} className="field-hint">
            {t('plans.toothHint')}
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`surfaces-${plan.id}`}>
            {t('plans.surfaces')}
          </label>
          <input id={`surfaces-${plan.id}`} value={surfaces} onChange={(e) => setSurfaces(e.target.value)} size={6} aria-describedby={`surfaces-hint-${plan.id}`} />
          <span id={`surfaces-hint-${plan.id}`} className="field-hint">
            {t('plans.surfacesHint')}
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`phase-${plan.id}`}>
            {t('plans.phaseField')}
          </label>
          <select id={`phase-${plan.id}`} value={phase} onChange={(e) => setPhase(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
              <option key={n} value={n}>
                {t('plans.phase', { n })}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" size="sm" busy={add.isPending}>
          {t('plans.add')}
        </Button>
      </div>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
    </form>
  );
}
