import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartActionInput, ChartStateOut } from '../../shared/contract/chairside';
import { describeChart } from '../../shared/chart/describe';
import type { ChartState } from '../../shared/chart/events';
import type { AreaKind } from '../../shared/chart/findings';
import { type Surface, formatSurfaces, toggleSurface } from '../../shared/chart/surfaces';
import {
  type DentitionKind,
  type Notation,
  type ToothId,
  NOTATIONS,
  dentition,
  dentitionKind,
  displayOrder,
  formatTooth,
  isContiguousRange,
  isSupernumerary,
  isUpper,
  moveOnOdontogram,
  quadrant,
  sextant,
  supernumeraryOf,
  parseTooth,
} from '../../shared/chart/teeth';
import { useClient } from '../app/client';
import { labelOr } from '../app/i18n';
import { currentLanguage } from '../app/language';
import { Button } from '../ui/Button';
import { ErrorNotice, QueryState } from '../ui/QueryState';
import { usePracticeTime } from '../ui/format';
import { errorMessage } from '../ui/errors';
import type { PatientTabProps } from '../patients/tabs/types';
import { Odontogram } from './Odontogram';
import { ChartHistory } from './ChartHistory';
import { ChartTextView } from './ChartTextView';
import { type PickerChoice, RecordPicker } from './RecordPicker';
import { savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import { describedText } from './labels';
import { paintTeeth } from './paint';
import { LEGEND_STATUSES } from '../../shared/chart/status-marks';
import { StatusSwatch } from './StatusPatterns';
import { requestToothDocuments } from '../documents/keys';

export const chartKey = (patientId: string, asOf: string | null) => ['chart.get', patientId, asOf ?? 'now'] as const;

const SURFACE_KEYS = new Set(['M', 'O', 'I', 'D', 'B', 'F', 'V', 'L', 'P']);
const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The teeth between two teeth of one row, in screen order. */
function rowSpan(teeth: readonly ToothId[], a: ToothId, b: ToothId): ToothId[] {
  if (isUpper(a) !== isUpper(b)) return [b];
  const rows = displayOrder(teeth);
  const row = isUpper(a) ? rows.upper : rows.lower;
  const i = row.indexOf(a);
  const j = row.indexOf(b);
  if (i < 0 || j < 0) return [b];
  return row.slice(Math.min(i, j), Math.max(i, j) + 1);
}

/** The odontogram tab: draw, select by keyboard or mouse, record through named actions, undo, history and a text view. */
export function ChartTab({ patient, permissions, onOpenTab }: PatientTabProps) {
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const canWrite = permissions.includes('clinical.write');
  const [asOf, setAsOf] = useState<string | null>(null);
  const query = useQuery({ queryKey: chartKey(patient.id, asOf), queryFn: () => client['chart.get']({ patientId: patient.id, ...(asOf ? { asOf } : {}) }), placeholderData: (prev) => prev });
  return (
    <div className="chart-tab">
      <QueryState query={query}>
        {(chart) => (
          <ChartWorkspace
            chart={chart}
            canWrite={canWrite && asOf === null}
            asOf={asOf}
            onAsOf={setAsOf}
            onApplied={(next) => queryClient.setQueryData(chartKey(patient.id, null), next)}
            language={language}
            onToothDocuments={
              onOpenTab
                ? (tooth) => {
                    requestToothDocuments(patient.id, tooth);
                    onOpenTab('documents');
                  }
                : undefined
            }
          />
        )}
      </QueryState>
    </div>
  );
}

function ChartWorkspace({
  chart,
  canWrite,
  asOf,
  onAsOf,
  onApplied,
  language,
  onToothDocuments,
}: {
  chart: ChartStateOut;
  canWrite: boolean;
  asOf: string | null;
  onAsOf: (asOf: string | null) => void;
  onApplied: (chart: ChartStateOut) => void;
  language: 'es' | 'en';
  /** Opens the documents tab filtered by this tooth. */
  onToothDocuments?: (tooth: ToothId) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const time = usePracticeTime();
  const [numbering, setNumbering] = useState<Notation | null>(null);
  const notation = numbering ?? chart.display.numbering;
  const teeth = chart.teeth;
  const [focus, setFocus] = useState<ToothId | null>(null);
  const [anchor, setAnchor] = useState<ToothId | null>(null);
  const [surfaces, setSurfaces] = useState<Surface[]>([]);
  const [picker, setPicker] = useState(false);
  const [pickerError, setPickerError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [showText, setShowText] = useState(false);
  const [supernumerary, setSupernumerary] = useState('');
  const board = useRef<HTMLDivElement>(null);

  const current = focus && teeth.includes(focus) ? focus : null;
  const range = useMemo(() => (current && anchor && anchor !== current ? rowSpan(teeth, anchor, current) : current ? [current] : []), [anchor, current, teeth]);
  const paint = useMemo(() => paintTeeth(chart, teeth, chart.display.palette), [chart, teeth]);
  const described = useMemo(() => describeChart(chart as unknown as ChartState, notation, language, { includeEmptyTeeth: true }), [chart, notation, language]);
  const byTooth = useMemo(() => new Map(described.teeth.map((d) => [d.tooth, d])), [described]);

  const toothName = useCallback(
    (tooth: ToothId) => {
      const d = byTooth.get(tooth);
      const items = d?.items.map((i) => describedText(i, chart.catalog, language)) ?? [];
      return `${t('chart.tooth', { tooth: formatTooth(tooth, notation) })}: ${items.length ? items.join('; ') : t('chart.nothingRecorded')}`;
    },
    [byTooth, chart.catalog, language, notation, t],
  );

  const apply = useMutation({
    mutationFn: (action: ChartActionInput) => client['chart.apply']({ patientId: chart.patientId, action, clientBatchId: crypto.randomUUID() }),
    onSuccess: (result) => onApplied(result.chart),
  });

  const run = async (action: ChartActionInput, done: string) => {
    try {
      await apply.mutateAsync(action);
      setMessage(done);
      return true;
    } catch (error) {
      setMessage(errorMessage(error));
      return false;
    }
  };

  const selectionText = current
    ? range.length > 1
      ? range.map((x) => formatTooth(x, notation)).join('–')
      : `${formatTooth(current, notation)}${surfaces.length ? ' ' + formatSurfaces(surfaces, current, language) : ''}`
    : t('chart.noSelection');

  const undo = () => void run({ type: 'undo' }, t('chart.undone'));
  const redo = () => void run({ type: 'redo' }, t('chart.redone'));

  const onPick = useCallback(
    (tooth: ToothId, surface: Surface | null, shift: boolean) => {
      board.current?.focus();
      if (shift && focus) {
        setAnchor((a) => a ?? focus);
        setFocus(tooth);
        setSurfaces([]);
        return;
      }
      setAnchor(null);
      if (tooth !== focus) {
        setFocus(tooth);
        setSurfaces(surface ? [surface] : []);
      } else if (surface) {
        setSurfaces((s) => (s.includes(surface) ? s.filter((x) => x !== surface) : [...s, surface]));
      }
    },
    [focus],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (!canWrite) return;
      if (event.shiftKey) redo();
      else undo();
      return;
    }
    if (mod && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      if (canWrite) redo();
      return;
    }
    if (mod || event.altKey) return;
    const direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      const from = current ?? displayOrder(teeth).upper[0] ?? teeth[0];
      if (!from) return;
      const next = current ? moveOnOdontogram(from, teeth, direction) : from;
      if (event.shiftKey && current && (direction === 'left' || direction === 'right')) setAnchor((a) => a ?? current);
      else setAnchor(null);
      setFocus(next);
      if (next !== current) setSurfaces([]);
      return;
    }
    const upper = event.key.toUpperCase();
    if (event.key.length === 1 && SURFACE_KEYS.has(upper) && current) {
      event.preventDefault();
      setAnchor(null);
      setSurfaces((s) => toggleSurface(s, upper, current));
      return;
    }
    if (event.key === 'Enter' && current && canWrite) {
      event.preventDefault();
      setPickerError(null);
      setPicker(true);
      return;
    }
    if (event.key === 'Escape') {
      setAnchor(null);
      setSurfaces([]);
    }
  };

  const areaFor = (kind: AreaKind): ChartActionInput extends { area: infer A } ? A : never => {
    const tooth = current!;
    switch (kind) {
      case 'surface':
        return { kind: 'surface', tooth, surfaces: surfaces as string[] } as never;
      case 'tooth':
        return { kind: 'tooth', tooth } as never;
      case 'range':
        return { kind: 'range', teeth: range } as never;
      case 'quadrant':
        return { kind: 'quadrant', quadrant: quadrant(tooth) } as never;
      case 'sextant':
        return { kind: 'sextant', sextant: sextant(tooth) } as never;
      case 'arch':
        return { kind: 'arch', arch: isUpper(tooth) ? 'upper' : 'lower' } as never;
      case 'mouth':
        return { kind: 'mouth' } as never;
    }
  };

  const choose = async (choice: PickerChoice) => {
    if (!current) return;
    setPickerError(null);
    if (choice.kind === 'state') {
      const ok = await run({ type: 'setToothState', tooth: current, state: choice.state }, t('chart.recorded', { what: `${formatTooth(current, notation)}: ${labelOr(`chart.states.${choice.state}`, choice.state)}` }));
      if (ok) close();
      return;
    }
    const p = choice.procedure;
    let kind: AreaKind = choice.area === 'auto' ? p.area : choice.area;
    // A range selected for a tooth procedure means the bridge; surfaces typed for a tooth procedure are kept as surfaces.
    if (choice.area === 'auto' && range.length > 1 && (kind === 'tooth' || kind === 'surface')) kind = 'range';
    if (choice.area === 'auto' && kind === 'tooth' && surfaces.length > 0 && !p.resultsIn) kind = 'surface';
    if (kind === 'surface' && surfaces.length === 0) return setPickerError(t('chart.picker.needSurfaces'));
    if (kind === 'range' && !isContiguousRange(range)) return setPickerError(t('chart.picker.needRange'));
    const ok = await run(
      { type: 'recordFinding', area: areaFor(kind), code: p.code, status: choice.status },
      t('chart.recorded', { what: `${selectionText}: ${p.name[language]} — ${labelOr(`chart.statuses.${choice.status}`, choice.status)}` }),
    );
    if (ok) close();
    else setPickerError(apply.error ? errorMessage(apply.error) : null);
  };

  const close = () => {
    setPicker(false);
    setSurfaces([]);
    setAnchor(null);
    board.current?.focus();
  };

  const kind = dentitionKind(teeth.filter((x) => !isSupernumerary(x)));
  const setDentition = (next: DentitionKind) => void run({ type: 'setDentition', teeth: [...dentition(next)] }, t('chart.dentitionSet', { kind: t(`chart.dentitions.${next}`) }));
  const addSupernumerary = () => {
    const parent = parseTooth(supernumerary, notation);
    if (!parent) return setMessage(t('chart.badTooth', { tooth: supernumerary }));
    void run({ type: 'setDentition', teeth: [...new Set([...teeth, supernumeraryOf(parent)])] }, t('chart.supernumeraryAdded', { tooth: formatTooth(supernumeraryOf(parent), notation) }));
    setSupernumerary('');
  };

  const print = useMutation({
    mutationFn: async () => {
      const pdf = await client['chairside.print']({ kind: 'chart', patientId: chart.patientId, language, ...(asOf ? { asOf } : {}) });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
  });

  const palette = chart.display.palette;
  const helpId = 'chart-keys-help';
  return (
    <div className="chart-workspace">
      <div className="chart-toolbar">
        <label className="field-inline">
          <span>{t('chart.numbering')}</span>
          <select value={notation} onChange={(e) => setNumbering(e.target.value as Notation)}>
            {NOTATIONS.map((n) => (
              <option key={n} value={n}>
                {t(`chart.notations.${n}`)}
              </option>
            ))}
          </select>
        </label>
        {canWrite ? (
          <label className="field-inline">
            <span>{t('chart.dentition')}</span>
            <select value={kind} onChange={(e) => setDentition(e.target.value as DentitionKind)}>
              {(['permanent', 'mixed', 'primary'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`chart.dentitions.${k}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {canWrite ? (
          <form
            className="field-inline"
            onSubmit={(e) => {
              e.preventDefault();
              addSupernumerary();
            }}
          >
            <label className="field-inline">
              <span>{t('chart.addSupernumerary')}</span>
              <input size={4} value={supernumerary} onChange={(e) => setSupernumerary(e.target.value)} />
            </label>
          </form>
        ) : null}
        <Button size="sm" onClick={undo} aria-disabled={!canWrite || !chart.canUndo || undefined} disabled={!canWrite || !chart.canUndo} aria-keyshortcuts="Control+Z">
          {t('chart.undo')}
        </Button>
        <Button size="sm" onClick={redo} disabled={!canWrite || !chart.canRedo} aria-keyshortcuts="Control+Shift+Z">
          {t('chart.redo')}
        </Button>
        <Button size="sm" onClick={() => setShowText((s) => !s)} aria-pressed={showText}>
          {t('chart.textView')}
        </Button>
        <Button size="sm" busy={print.isPending} onClick={() => print.mutate()}>
          {t('chart.print')}
        </Button>
      </div>
      {print.isError ? <ErrorNotice error={print.error} /> : null}
      <SavedFileNotice file={print.data} />
      {asOf ? (
        <p className="chart-asof" role="status">
          {t('chart.viewingAsOf', { date: time.day(asOf) })}{' '}
          <Button size="sm" onClick={() => onAsOf(null)}>
            {t('chart.backToNow')}
          </Button>
        </p>
      ) : null}
      <Odontogram
        ref={board}
        teeth={teeth}
        paint={paint}
        palette={palette}
        notation={notation}
        focus={current}
        range={range}
        surfaces={surfaces}
        label={t('chart.odontogram')}
        describedBy={helpId}
        toothName={toothName}
        onKeyDown={onKeyDown}
        onPick={onPick}
      />
      <p id={helpId} className="muted chart-help">
        {canWrite ? t('chart.keysHelp') : t('chart.readOnlyHelp')}
      </p>
      <p className="chart-selection" aria-live="polite">
        <strong>{t('chart.selection')}:</strong> <span data-testid="chart-selection">{selectionText}</span>
        {message ? <span className="chart-message"> · {message}</span> : null}
        {current && onToothDocuments ? (
          <>
            {' '}
            <Button size="sm" onClick={() => onToothDocuments(current)}>
              {t('patientDocuments.fromChart')}
            </Button>
          </>
        ) : null}
      </p>
      <ul className="chart-legend" aria-label={t('chart.legend')}>
        {LEGEND_STATUSES.map((s) => (
          <li key={s} data-status={s}>
            <StatusSwatch status={s} palette={palette} /> {labelOr(`chart.statuses.${s}`, s)}
          </li>
        ))}
      </ul>
      {picker && current ? (
        <RecordPicker catalog={chart.catalog} language={language} target={selectionText} error={pickerError} busy={apply.isPending} onChoose={(c) => void choose(c)} onClose={close} />
      ) : null}
      {showText ? <ChartTextView description={described} catalog={chart.catalog} language={language} /> : null}
      <ChartHistory chart={chart} asOf={asOf} onAsOf={onAsOf} notation={notation} language={language} />
    </div>
  );
}
