import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChairsideSettings, PerioExamOut } from '../../shared/contract/chairside';
import type { Notation } from '../../shared/chart/teeth';
import { formatTooth } from '../../shared/chart/teeth';
import {
  type EntryConfig,
  type EntryState,
  type PerioKey,
  type Stop,
  INTERLEAVED_PASSES,
  SEPARATE_PASSES,
  applyKey,
  currentStop,
  goTo,
  isEntryDone,
  lastStop,
  setEntryMissing,
  startEntry,
} from '../../shared/perio/entry';
import { type FurcationGrade, type Mobility, type PerioExam, EMPTY_TOOTH, presentTeeth, setFurcation, setMobility } from '../../shared/perio/exam';
import { perioSummary } from '../../shared/perio/indices';
import { type FurcationEntrance, type Site, furcationEntrances, siteLabel, siteSide } from '../../shared/perio/sites';
import { useClient } from '../app/client';
import { labelOr } from '../app/i18n';
import { currentLanguage } from '../app/language';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { usePracticeTime } from '../ui/format';
import { ErrorNotice, QueryState } from '../ui/QueryState';
import { savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import type { PatientTabProps } from '../patients/tabs/types';
import { StagingHelper } from '../staging/StagingHelper';
import { PerioCompare } from './PerioCompare';
import { PerioGrid, nextGrade } from './PerioGrid';

export function toModel(exam: PerioExamOut): PerioExam {
  return {
    id: exam.id,
    date: exam.date,
    status: exam.status,
    examiner: exam.examinerId,
    teeth: exam.teeth,
    missing: exam.missing,
    readings: exam.readings as PerioExam['readings'],
    signedBy: exam.signedBy,
    signedAt: exam.signedAt,
  };
}

function entryConfig(settings: ChairsideSettings | undefined): EntryConfig {
  const e = settings?.perioEntry;
  const passes = e?.passes === 'interleaved' ? INTERLEAVED_PASSES : SEPARATE_PASSES;
  const withMgj = e?.includeMgj ? [...passes, ['mgj'] as const] : passes;
  return { order: e?.order === 'custom' && e.customOrder.length > 0 ? e.customOrder : 'open_dental', passes: withMgj };
}

type EntryAction =
  | { type: 'key'; key: PerioKey }
  | { type: 'goto'; stop: Stop }
  | { type: 'missing'; tooth: string; missing: boolean }
  | { type: 'mobility'; tooth: string; mobility: Mobility | null | 'next' }
  | { type: 'furcation'; tooth: string; entrance: FurcationEntrance; grade: FurcationGrade | null | 'next' };

/**
 * The furcation entrance a site faces: buccal sites → B; on a lower molar the
 * lingual sites → L; on an upper molar DL → DP and the other palatal sites → MP;
 * on an upper first premolar distal sites → D, the rest → M. Null when the tooth has none.
 */
export function entranceAt(tooth: string, site: Site): FurcationEntrance | null {
  const list = furcationEntrances(tooth);
  if (list.length === 0) return null;
  const facial = siteSide(site) === 'facial';
  if (list.includes('B') && facial) return 'B';
  if (list.includes('L')) return 'L';
  if (list.includes('MP')) return site === 'DL' ? 'DP' : 'MP';
  return site.startsWith('D') ? 'D' : 'M';
}

function entryReducer(state: EntryState, action: EntryAction): EntryState {
  switch (action.type) {
    case 'key':
      return applyKey(state, action.key);
    case 'goto':
      return goTo(state, action.stop);
    case 'missing':
      return setEntryMissing(state, action.tooth, action.missing);
    case 'mobility': {
      const now = (state.exam.readings[action.tooth] ?? EMPTY_TOOTH).mobility;
      return { ...state, exam: setMobility(state.exam, action.tooth, action.mobility === 'next' ? nextGrade(now) : action.mobility) };
    }
    case 'furcation': {
      const now = (state.exam.readings[action.tooth] ?? EMPTY_TOOTH).furcation[action.entrance];
      return { ...state, exam: setFurcation(state.exam, action.tooth, action.entrance, action.grade === 'next' ? nextGrade(now) : action.grade) };
    }
  }
}

export const perioKeys = (patientId: string) => ['perio', patientId] as const;

/** The perio tab: the latest exam (entry while a draft, read-only once signed), its indices, comparison and staging. */
export function PerioTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const canWrite = permissions.includes('clinical.write');
  const latest = useQuery({ queryKey: [...perioKeys(patient.id), 'latest'], queryFn: () => client['perio.exam.latest']({ patientId: patient.id }) });
  const settings = useQuery({ queryKey: ['chairside.settings'], queryFn: () => client['chairside.settings.get']({}) });
  const prefs = useQuery({ queryKey: ['clinical.preferences'], queryFn: () => client['clinical.preferences.get']({}) });
  // The exam just started by this user: its grid takes the keyboard on the first site once drawn (the start button is gone by then).
  const [started, setStarted] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => client['perio.exam.start']({ patientId: patient.id }),
    onSuccess: (r) => {
      setStarted(r.exam.id);
      queryClient.setQueryData([...perioKeys(patient.id), 'latest'], r.exam);
    },
  });
  const [view, setView] = useState<'exam' | 'compare'>('exam');
  return (
    <div className="perio-tab">
      <div className="chart-toolbar">
        <Button size="sm" aria-pressed={view === 'exam'} onClick={() => setView('exam')}>
          {t('perio.examView')}
        </Button>
        <Button size="sm" aria-pressed={view === 'compare'} onClick={() => setView('compare')}>
          {t('perio.compareView')}
        </Button>
      </div>
      {view === 'compare' ? (
        <PerioCompare patientId={patient.id} notation={prefs.data?.toothNumbering ?? 'fdi'} />
      ) : (
        <QueryState query={latest}>
          {(exam) =>
            exam === null ? (
              <div className="perio-empty">
                <p>{t('perio.none')}</p>
                {canWrite ? (
                  <Button variant="primary" busy={start.isPending} onClick={() => start.mutate()}>
                    {t('perio.start')}
                  </Button>
                ) : null}
                {start.isError ? <ErrorNotice error={start.error} /> : null}
              </div>
            ) : (
              <>
                {exam.status === 'signed' && canWrite ? (
                  <Button size="sm" busy={start.isPending} onClick={() => start.mutate()}>
                    {t('perio.startNew')}
                  </Button>
                ) : null}
                <PerioExamView
                  key={exam.id}
                  exam={exam}
                  canWrite={canWrite && exam.status === 'draft'}
                  focusOnMount={started === exam.id}
                  config={entryConfig(settings.data)}
                  notation={prefs.data?.toothNumbering ?? 'fdi'}
                  alertMm={prefs.data?.probingAlertMm ?? 5}
                  bleedingAlert={prefs.data?.bleedingAlertPercent ?? 25}
                  plaqueAlert={settings.data?.plaqueAlertPercent ?? 25}
                  onSigned={(signed) => queryClient.setQueryData([...perioKeys(patient.id), 'latest'], signed)}
                />
                {exam.status === 'signed' || exam.summary.examinedSites > 0 ? <StagingHelper patient={patient} exam={exam} canWrite={canWrite} notation={prefs.data?.toothNumbering ?? 'fdi'} /> : null}
              </>
            )
          }
        </QueryState>
      )}
    </div>
  );
}

function PerioExamView({
  exam,
  canWrite,
  config,
  notation,
  alertMm,
  bleedingAlert,
  plaqueAlert,
  onSigned,
  focusOnMount,
}: {
  exam: PerioExamOut;
  canWrite: boolean;
  focusOnMount: boolean;
  config: EntryConfig;
  notation: Notation;
  alertMm: number;
  bleedingAlert: number;
  plaqueAlert: number;
  onSigned: (exam: PerioExamOut) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const time = usePracticeTime();
  const [state, dispatch] = useReducer(entryReducer, undefined, () => startEntry(toModel(exam), config));
  const revision = useRef(exam.revision);
  const [saveState, setSaveState] = useState<'saved' | 'pending' | 'saving' | 'error'>('saved');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [mobTooth, setMobTooth] = useState('');
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) grid.current?.focus();
  }, []);
  const latestExam = useRef(state.exam);
  latestExam.current = state.exam;
  /** The exam as main last stored it (what revision.current names). */
  const savedExam = useRef(state.exam);
  /** The one save on the wire, if any: saves never overlap, so each names the revision the previous one returned. */
  const inflight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Set while signing and after: entry is locked and nothing more is saved. */
  const closed = useRef(false);
  const [locked, setLocked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  const clearTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  const saveOnce = async (): Promise<void> => {
    const e = latestExam.current;
    setSaveState('saving');
    const saved = await client['perio.exam.save']({
      examId: exam.id,
      revision: revision.current,
      exam: { date: e.date, examinerId: e.examiner, teeth: [...e.teeth], missing: [...e.missing], readings: e.readings as never },
    });
    revision.current = saved.revision;
    savedExam.current = e;
  };

  /**
   * Saves until main has the exam as it is now: cancels the autosave timer,
   * waits for a save already on the wire, then saves again if anything
   * changed meanwhile. Signing awaits this, so it signs exactly what is on screen.
   */
  const flush = async (): Promise<void> => {
    clearTimer();
    for (;;) {
      if (inflight.current) {
        await inflight.current;
        continue;
      }
      if (latestExam.current === savedExam.current) break;
      const p = saveOnce();
      inflight.current = p;
      try {
        await p;
      } finally {
        inflight.current = null;
      }
    }
    setSaveError(null);
    setSaveState('saved');
  };

  const failed = (error: unknown) => {
    setSaveError(error);
    setSaveState('error');
  };

  // Autosave: a draft is saved 800 ms after the last change (never while signing or once signed).
  useEffect(() => {
    if (!canWrite || closed.current || state.exam === savedExam.current) return;
    setSaveState('pending');
    clearTimer();
    timer.current = setTimeout(() => {
      timer.current = null;
      flush().catch(failed);
    }, 800);
    return clearTimer;
  }, [state.exam]);

  // Leaving the tab within the autosave delay still saves what was typed.
  useEffect(
    () => () => {
      if (!closed.current && latestExam.current !== savedExam.current) flush().catch(() => undefined);
    },
    [],
  );

  const sign = useMutation({
    mutationFn: async () => {
      closed.current = true;
      setLocked(true);
      try {
        await flush();
        return await client['perio.exam.sign']({ examId: exam.id, revision: revision.current });
      } catch (error) {
        closed.current = false;
        setLocked(false);
        throw error;
      }
    },
    onSuccess: (signed) => {
      onSigned(signed);
      // The sign button is gone once the exam is signed: the keyboard goes back to the chart it signed.
      window.requestAnimationFrame(() => grid.current?.focus());
    },
  });

  // Stable, so the grid's memoized columns repaint only where a value or the cursor changed.
  const onCell = useCallback((s: Stop) => {
    dispatch({ type: 'goto', stop: s });
    grid.current?.focus();
  }, []);
  const onMobility = useCallback((tooth: string) => dispatch({ type: 'mobility', tooth, mobility: 'next' }), []);
  const onFurcation = useCallback((tooth: string, entrance: FurcationEntrance) => dispatch({ type: 'furcation', tooth, entrance, grade: 'next' }), []);

  const print = useMutation({
    // A draft prints as it is on screen: what is still waiting for the autosave is saved first.
    mutationFn: async () => {
      if (canWrite && !closed.current) await flush();
      const pdf = await client['chairside.print']({ kind: 'perio', patientId: exam.patientId, examId: exam.id, language });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!canWrite || closed.current) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key;
    // M and F: the next mobility grade of the tooth just entered, the next furcation grade at the entrance its site faces.
    if (!ctrl && !event.altKey && (key === 'm' || key === 'M' || key === 'f' || key === 'F')) {
      event.preventDefault();
      const at = lastStop(state) ?? currentStop(state);
      if (!at) return;
      if (key.toLowerCase() === 'm') dispatch({ type: 'mobility', tooth: at.tooth, mobility: 'next' });
      else {
        const entrance = entranceAt(at.tooth, at.site);
        if (entrance) dispatch({ type: 'furcation', tooth: at.tooth, entrance, grade: 'next' });
      }
      return;
    }
    if (/^[0-9]$/.test(key) || (!ctrl && /^[bspcBSPC+]$/.test(key)) || key === 'Backspace' || key === 'ArrowRight' || key === 'ArrowLeft') {
      event.preventDefault();
      dispatch({ type: 'key', key: { key, ctrl } });
    }
  };

  const editable = canWrite && !locked;
  const stop = canWrite ? currentStop(state) : null;
  const toolTooth = mobTooth || (stop ?? lastStop(state))?.tooth || '';
  const summary = useMemo(() => perioSummary(state.exam), [state.exam]);
  const bop = summary.bleeding.percent;
  const plaque = summary.plaque.percent;
  const totalSites = presentTeeth(state.exam).length * 6;
  const emptySites = totalSites - summary.examinedSites;
  const stopText = stop
    ? t('perio.cursor', { tooth: formatTooth(stop.tooth, notation), site: siteLabel(stop.site, stop.tooth, language), row: labelOr(`perio.rows.${stop.row}`, stop.row) })
    : isEntryDone(state) && canWrite
      ? t('perio.done')
      : '';

  return (
    <section className="perio-exam" aria-labelledby="perio-exam-title">
      <div className="perio-exam-head">
        <h3 id="perio-exam-title" ref={title} tabIndex={-1} className="card-title">
          {t('perio.examTitle', { date: time.day(exam.date) })} ·{' '}
          <span className={exam.status === 'signed' ? 'badge badge-success' : 'badge'}>{t(exam.status === 'signed' ? 'perio.signed' : 'perio.draft')}</span>
        </h3>
        {exam.status === 'signed' ? <span className="muted">{t('perio.signedBy', { name: exam.signedByName ?? '—', at: exam.signedAt ? time.dateTime(exam.signedAt) : '—' })}</span> : null}
        {canWrite ? (
          <span className="muted" role="status">
            {t(`perio.save.${saveState}`)}
          </span>
        ) : null}
        {canWrite ? (
          <Button variant="primary" size="sm" busy={sign.isPending} onClick={() => setConfirming(true)}>
            {t('perio.sign')}
          </Button>
        ) : null}
        {confirming ? (
          <ConfirmDialog
            title={t('perio.confirmSign.title')}
            warning={emptySites > 0 ? t('perio.confirmSign.emptySites', { count: emptySites, total: totalSites }) : undefined}
            confirmLabel={t('perio.confirmSign.confirm')}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              sign.mutate();
            }}
          >
            <p>{t('perio.confirmSign.locks')}</p>
            <p>{t('perio.confirmSign.addenda')}</p>
          </ConfirmDialog>
        ) : null}
        <Button size="sm" busy={print.isPending} onClick={() => print.mutate()}>
          {t('perio.print')}
        </Button>
      </div>
      {saveState === 'error' ? <ErrorNotice error={saveError} /> : null}
      {sign.isError ? <ErrorNotice error={sign.error} /> : null}
      {print.isError ? <ErrorNotice error={print.error} /> : null}
      <SavedFileNotice file={print.data} />
      <dl className="perio-indices" aria-label={t('perio.indices')}>
        <div className={bop !== null && bop >= bleedingAlert ? 'perio-alert' : ''}>
          <dt>{t('perio.bop')}</dt>
          <dd data-testid="perio-bop">{bop === null ? '—' : `${bop}%`}</dd>
        </div>
        <div className={plaque !== null && plaque > plaqueAlert ? 'perio-alert' : ''}>
          <dt>{t('perio.plaque')}</dt>
          <dd data-testid="perio-plaque">{plaque === null ? '—' : `${plaque}%`}</dd>
        </div>
        <div>
          <dt>{t('perio.sites')}</dt>
          <dd>{summary.examinedSites}</dd>
        </div>
        <div>
          <dt>{t('perio.meanPd')}</dt>
          <dd>{summary.meanPd ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('perio.deep')}</dt>
          <dd>
            {summary.pd4to5} / {summary.pd6plus}
          </dd>
        </div>
      </dl>
      {canWrite ? (
        <p className="muted" id="perio-keys-help">
          {t('perio.keysHelp')}
        </p>
      ) : null}
      <p className="perio-cursor" aria-live="polite" data-testid="perio-cursor">
        {stopText}
      </p>
      <div
        ref={grid}
        className="perio-entry"
        tabIndex={0}
        role="application"
        aria-label={t('perio.chart')}
        aria-describedby={canWrite ? 'perio-keys-help' : undefined}
        onKeyDown={onKeyDown}
      >
        <PerioGrid
          exam={state.exam}
          notation={notation}
          language={language}
          alertMm={alertMm}
          stop={stop}
          plus={state.plus}
          onCell={editable ? onCell : undefined}
          onMobility={editable ? onMobility : undefined}
          onFurcation={editable ? onFurcation : undefined}
        />
      </div>
      {editable ? (
        <form
          className="chart-toolbar"
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <label className="field-inline">
            <span>{t('perio.toothFor')}</span>
            <select value={toolTooth} onChange={(e) => setMobTooth(e.target.value)}>
              <option value="">—</option>
              {state.exam.teeth.map((x) => (
                <option key={x} value={x}>
                  {formatTooth(x, notation)}
                </option>
              ))}
            </select>
          </label>
          {toolTooth ? (
            <>
              <label className="field-inline">
                <span>{t('perio.mobility')}</span>
                <select
                  value={state.exam.readings[toolTooth]?.mobility ?? ''}
                  onChange={(e) => dispatch({ type: 'mobility', tooth: toolTooth, mobility: e.target.value === '' ? null : (Number(e.target.value) as Mobility) })}
                >
                  <option value="">—</option>
                  {[0, 1, 2, 3].map((m) => (
                    <option key={m} value={m}>
                      {['0', 'I', 'II', 'III'][m]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field-inline">
                <input
                  type="checkbox"
                  checked={state.exam.missing.includes(toolTooth)}
                  onChange={(e) => dispatch({ type: 'missing', tooth: toolTooth, missing: e.target.checked })}
                />
                <span>{t('perio.markMissing')}</span>
              </label>
              {furcationEntrances(toolTooth).map((entrance) => (
                <label key={entrance} className="field-inline">
                  <span>{t('perio.furcationAt', { entrance })}</span>
                  <select
                    value={state.exam.readings[toolTooth]?.furcation[entrance] ?? ''}
                    onChange={(e) => dispatch({ type: 'furcation', tooth: toolTooth, entrance, grade: e.target.value === '' ? null : (Number(e.target.value) as FurcationGrade) })}
                  >
                    <option value="">—</option>
                    {[0, 1, 2, 3].map((g) => (
                      <option key={g} value={g}>
                        {g}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
