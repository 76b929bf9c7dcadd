import { memo } from 'react';
import type { PerioExam, PerioTooth } from '../../shared/perio/exam';
import { EMPTY_TOOTH, calOf } from '../../shared/perio/exam';
import type { EntryRow, Stop } from '../../shared/perio/entry';
import { type FurcationEntrance, type Side, type Site, furcationEntrances, mgjApplies, siteLabel, sitesLeftToRight } from '../../shared/perio/sites';
import { type Notation, type ToothId, displayOrder, formatTooth } from '../../shared/chart/teeth';
import type { Language } from '../../shared/i18n/languages';
import { labelOr } from '../app/i18n';

type RowKind = EntryRow | 'cal' | 'marks';
const SIDE_ROWS: readonly RowKind[] = ['pd', 'gm', 'cal', 'marks', 'mgj'];
/** The side away from the tooth numbers reads outward: MGJ outermost, PD next to the numbers. */
const OUTER_ROWS: readonly RowKind[] = [...SIDE_ROWS].reverse();

interface SegmentProps {
  tooth: ToothId;
  side: Side;
  row: RowKind;
  reading: PerioTooth;
  missing: boolean;
  /** 'site|row' of the cursor when it is on this tooth and side (with '|+' while a coronal margin is pending), else ''. */
  cursor: string;
  label: string;
  language: Language;
  alertMm: number;
  onCell?: (stop: Stop) => void;
}

const ROMAN = ['0', 'I', 'II', 'III'];

function marksText(r: { bleeding: boolean; suppuration: boolean; plaque: boolean; calculus: boolean }): string {
  return `${r.bleeding ? 'B' : ''}${r.suppuration ? 'S' : ''}${r.plaque ? 'P' : ''}${r.calculus ? 'C' : ''}`;
}

/**
 * One tooth's three sites on one side, in one row of the table; memoized on
 * the tooth's reading so a keystroke repaints one tooth's segments. Its cells
 * are table cells named by tooth, site and row ("17 DV PS: 5").
 */
const RowSegment = memo(function RowSegment({ tooth, side, row, reading, missing, cursor, label, language, alertMm, onCell }: SegmentProps) {
  const sites = sitesLeftToRight(tooth, side);
  return (
    <div className={`perio-seg perio-cells perio-row-${row}${missing ? ' perio-missing' : ''}`} data-tooth={tooth} data-side={side}>
      {sites.map((site) => {
        const r = reading.sites[site];
        const name = `${label} ${siteLabel(site, tooth, language)} ${labelOr(`perio.rows.${row}`, row)}`;
        if (missing) return <span key={site} role="cell" className="perio-cell" aria-label={`${name}: ${labelOr('perio.markMissing', 'Missing')}`} />;
        let text = '';
        let alert = false;
        if (row === 'pd') {
          text = r.pd === null ? '' : String(r.pd);
          alert = r.pd !== null && r.pd >= alertMm;
        } else if (row === 'gm') text = r.gm === null ? '' : r.gm < 0 ? `+${-r.gm}` : String(r.gm);
        else if (row === 'cal') {
          const cal = calOf(r);
          text = cal === null ? '' : String(cal);
        } else if (row === 'marks') text = marksText(r);
        else if (row === 'mgj') text = mgjApplies(tooth, side) && r.mgj !== null ? String(r.mgj) : '';
        const current = cursor === `${site}|${row}` || cursor === `${site}|${row}|+`;
        // '+' pressed on the GM row: the next digit is a margin coronal to the CEJ.
        if (current && row === 'gm' && cursor.endsWith('|+')) text = '+';
        const entry = row === 'pd' || row === 'gm' || row === 'mgj';
        return (
          <span
            key={site}
            role="cell"
            className={['perio-cell', alert ? 'perio-alert' : '', current ? 'perio-current' : '', row === 'marks' && r.bleeding ? 'perio-bleeding' : ''].filter(Boolean).join(' ')}
            data-site={site}
            data-row={row}
            aria-label={`${name}: ${text || '—'}`}
            aria-current={current ? 'location' : undefined}
            onMouseDown={entry && onCell ? () => onCell({ tooth, site: site as Site, row: row as EntryRow }) : undefined}
          >
            {text}
          </span>
        );
      })}
    </div>
  );
});

/** The header is 45 × 34 px: number, mobility and furcation on three compact lines, the controls without button chrome. */
const HEAD_BUTTON = { padding: 0, margin: 0, border: 0, background: 'none', font: 'inherit', fontSize: 9, lineHeight: '10px', cursor: 'pointer', color: 'inherit' } as const;
const HEAD_LINE = { display: 'flex', gap: 2, fontSize: 9, lineHeight: '10px', minHeight: 10 } as const;

/** The next value when a mobility or furcation cell is clicked: none → 0 → I/1 → II/2 → III/3 → none. */
export function nextGrade<T extends 0 | 1 | 2 | 3>(value: T | null | undefined): T | null {
  return value === null || value === undefined ? (0 as T) : value >= 3 ? null : ((value + 1) as T);
}

interface ToothHeaderProps {
  tooth: ToothId;
  reading: PerioTooth;
  label: string;
  missing: boolean;
  onMobility?: (tooth: ToothId) => void;
  onFurcation?: (tooth: ToothId, entrance: FurcationEntrance) => void;
}

/** Tooth number, mobility (Miller) and furcation per entrance (Hamp); clickable while the exam is a draft. The column header of the tooth's three sites. */
const ToothHeader = memo(function ToothHeader({ tooth, reading, label, missing, onMobility, onFurcation }: ToothHeaderProps) {
  const entrances = furcationEntrances(tooth);
  const mobility = reading.mobility !== null ? ROMAN[reading.mobility]! : '';
  const mobilityName = `${label} ${labelOr('perio.mobility', 'Mobility')}: ${mobility || '—'}`;
  // The header's name: the tooth and what is recorded on it, read as the column of its sites is entered.
  const recorded = missing
    ? [labelOr('perio.markMissing', 'Missing')]
    : [
        ...(mobility ? [`${labelOr('perio.mobility', 'Mobility')}: ${mobility}`] : []),
        ...entrances.filter((e) => reading.furcation[e] !== undefined).map((e) => `${labelOr('perio.furcation', 'Furcation')} ${e}: ${reading.furcation[e]}`),
      ];
  const headerName = [`${labelOr('perio.tooth', 'Tooth')} ${label}`, ...recorded].join(', ');
  return (
    <div role="columnheader" aria-colspan={3} aria-label={headerName} className={`perio-tooth-head${missing ? ' perio-missing' : ''}`} data-tooth={tooth} style={{ flexShrink: 0 }}>
      <strong style={{ lineHeight: '13px' }}>{label}</strong>
      {missing ? (
        <span className="perio-mob" style={HEAD_LINE}>
          {labelOr('perio.missingShort', 'X')}
        </span>
      ) : onMobility ? (
        <button type="button" tabIndex={-1} className="perio-mob perio-head-button" style={HEAD_BUTTON} aria-label={mobilityName} data-testid={`perio-mob-${tooth}`} onClick={() => onMobility(tooth)}>
          {mobility || '·'}
        </button>
      ) : (
        <span className="perio-mob" style={HEAD_LINE}>
          {mobility}
        </span>
      )}
      <span className="perio-furc" style={HEAD_LINE}>
        {missing
          ? null
          : entrances.map((e) => {
              const grade = reading.furcation[e];
              // A thin space parts entrance and grade: two words, as the name says them ("B: 1").
              const text = grade !== undefined ? `${e}\u2009${grade}` : onFurcation ? e.toLowerCase() : '';
              const name = `${label} ${labelOr('perio.furcation', 'Furcation')} ${e}: ${grade ?? '—'}`;
              return onFurcation ? (
                <button key={e} type="button" tabIndex={-1} className="perio-head-button" style={grade === undefined ? { ...HEAD_BUTTON, color: 'var(--muted)' } : { ...HEAD_BUTTON, fontWeight: 700 }} aria-label={name} data-testid={`perio-furc-${tooth}-${e}`} onClick={() => onFurcation(tooth, e)}>
                  {text}
                </button>
              ) : text ? (
                <span key={e}>{text}</span>
              ) : null;
            })}
      </span>
    </div>
  );
});

export interface PerioGridProps {
  exam: PerioExam;
  notation: Notation;
  language: Language;
  alertMm: number;
  stop: Stop | null;
  /** '+' was pressed on the GM row: the current cell shows it until the digit comes. */
  plus?: boolean;
  onCell?: (stop: Stop) => void;
  /** Click on a tooth's mobility: the next Miller grade. */
  onMobility?: (tooth: ToothId) => void;
  /** Click on a furcation entrance: the next Hamp grade. */
  onFurcation?: (tooth: ToothId, entrance: FurcationEntrance) => void;
}

/**
 * The chart as the dentist faces the patient: the upper arch with its facial
 * rows above the tooth numbers and palatal rows below; the lower arch with
 * lingual rows above and facial rows below, each side's sites in screen order.
 */
export function PerioGrid({ exam, notation, language, alertMm, stop, plus = false, onCell, onMobility, onFurcation }: PerioGridProps) {
  const rows = displayOrder(exam.teeth);
  const missing = new Set(exam.missing);
  // Each arch is a table, row by row as it is read: its rows are the measurements of one side, its columns the sites, under a header row of teeth.
  const arch = (teeth: ToothId[], sides: readonly [Side, Side], key: string, caption: string) => (
    <div className={`perio-arch perio-table perio-arch-${key}`} role="table" aria-label={caption} style={{ gridTemplateColumns: `64px repeat(${teeth.length}, max-content)` }}>
      {[sides[0], 'head' as const, sides[1]].map((part, i) =>
        part === 'head' ? (
          <div key={i} role="row" className="perio-row perio-row-head">
            <span role="rowheader" className="perio-label-head">
              {labelOr('perio.tooth', 'Tooth')}
            </span>
            {teeth.map((tooth) => (
              <ToothHeader key={tooth} tooth={tooth} reading={exam.readings[tooth] ?? EMPTY_TOOTH} label={formatTooth(tooth, notation)} missing={missing.has(tooth)} onMobility={onMobility} onFurcation={onFurcation} />
            ))}
          </div>
        ) : (
          (part === sides[0] ? OUTER_ROWS : SIDE_ROWS).map((r) => (
            <div key={`${i}-${r}`} role="row" className="perio-row">
              <span role="rowheader" className="perio-label" title={r === 'gm' ? labelOr('perio.gmHint', '+n = margin coronal to the CEJ') : undefined}>
                {labelOr(`perio.rows.${r}`, r)}
                {r === 'gm' ? <small className="perio-gm-hint"> ±</small> : null}
              </span>
              {teeth.map((tooth) => {
                const cursor = stop && stop.tooth === tooth && (stop.site.endsWith('B') ? 'facial' : 'lingual') === part ? `${stop.site}|${stop.row}${plus ? '|+' : ''}` : '';
                return (
                  <RowSegment
                    key={tooth}
                    tooth={tooth}
                    side={part}
                    row={r}
                    reading={exam.readings[tooth] ?? EMPTY_TOOTH}
                    missing={missing.has(tooth)}
                    cursor={cursor}
                    label={formatTooth(tooth, notation)}
                    language={language}
                    alertMm={alertMm}
                    onCell={onCell}
                  />
                );
              })}
            </div>
          ))
        ),
      )}
    </div>
  );
  return (
    <div className="perio-grid">
      <div className="perio-side-caption" aria-hidden="true">
        {labelOr('perio.upper', 'Upper')}
      </div>
      {arch(rows.upper, ['facial', 'lingual'], 'upper', labelOr('perio.upper', 'Upper'))}
      <div className="perio-side-caption" aria-hidden="true">
        {labelOr('perio.lower', 'Lower')}
      </div>
      {arch(rows.lower, ['lingual', 'facial'], 'lower', labelOr('perio.lower', 'Lower'))}
    </div>
  );
}
