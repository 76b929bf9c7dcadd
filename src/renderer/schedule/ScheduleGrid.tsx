import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type { CSSProperties, KeyboardEvent, MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../shared/contract/schedule';
import type { ScheduleAction } from '../app/shortcuts';
import { AppointmentCard } from './AppointmentCard';
import { type AccountBadge, useProvidedAccountBadges } from '../billing/useAccountBadges';
import { hhmm } from './format';
import { gridWords } from './labels';
import type { GridWords } from './labels';

/** Pixels per grid row, and the width of the time column: the drag maths uses both. */
export const ROW_H = 24;
export const TIME_W = 56;
/** Pixels at the bottom of a card that resize it. */
export const RESIZE_EDGE = 6;

export interface GridBlock {
  start: number;
  end: number;
  label: string;
  colour: string;
  forbids: boolean;
}

export interface GridColumn {
  key: string;
  label: string;
  sub?: string;
  /** Minutes of the day someone works here; the rest is shaded. */
  open: readonly (readonly [number, number])[];
  blocks: readonly GridBlock[];
}

export interface GridItem {
  appointment: Appointment;
  column: string;
  start: number;
  end: number;
  conflict: boolean;
}

export interface Cursor {
  col: number;
  row: number;
}

export interface GridProps {
  label: string;
  startMin: number;
  endMin: number;
  step: number;
  columns: readonly GridColumn[];
  items: readonly GridItem[];
  cursor: Cursor;
  selectedId: string | null;
  compact?: boolean;
  onCursor: (cursor: Cursor) => void;
  /** Enter on a cell. */
  onOpen: (cursor: Cursor) => void;
  /** A key of the schedule group (status letters, Alt/Shift arrows, PageUp/PageDown). */
  onAction?: (action: ScheduleAction, event: KeyboardEvent) => void;
  onSelectItem: (id: string) => void;
  /** Dropped (mouse) onto another column or time, snapped to the grid. */
  onDrop?: (id: string, column: string, startMin: number) => void;
  onResize?: (id: string, durationMin: number) => void;
  /** What to do with the cursor cell once it is drawn at its next place (focus it, scroll to it); shared with InteractiveGrid. */
  request?: RefObject<CursorRequest | null>;
}

/** Focus and scroll wanted for the cursor cell when it next appears. `auto`: the browser's focus scrolling; `center`: centred; `none`: no scrolling. */
export interface CursorRequest {
  focus: boolean;
  scroll: 'auto' | 'center' | 'none';
}

export function applyCursorRequest(cell: HTMLElement, request: CursorRequest): void {
  if (request.scroll === 'center') cell.scrollIntoView({ block: 'center' });
  if (request.focus) cell.focus({ preventScroll: request.scroll !== 'auto' });
}

export interface Placed extends GridItem {
  lane: number;
  lanes: number;
  row: number;
}

/** Side-by-side lanes for overlapping cards in one column. */
function place(items: readonly GridItem[], startMin: number, step: number): Placed[] {
  const byColumn = new Map<string, GridItem[]>();
  for (const item of items) {
    const list = byColumn.get(item.column) ?? [];
    list.push(item);
    byColumn.set(item.column, list);
  }
  const out: Placed[] = [];
  for (const list of byColumn.values()) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let cluster: Placed[] = [];
    let clusterEnd = -1;
    const flush = () => {
      const lanes = cluster.reduce((n, p) => Math.max(n, p.lane + 1), 1);
      for (const p of cluster) p.lanes = lanes;
      out.push(...cluster);
      cluster = [];
    };
    for (const item of list) {
      if (item.start >= clusterEnd && cluster.length) flush();
      const laneEnds: number[] = [];
      for (const p of cluster) laneEnds[p.lane] = Math.max(laneEnds[p.lane] ?? -1, p.end);
      let lane = laneEnds.findIndex((end) => end <= item.start);
      if (lane < 0) lane = laneEnds.length;
      cluster.push({ ...item, lane, lanes: 1, row: Math.floor((item.start - startMin) / step) });
      clusterEnd = Math.max(clusterEnd, item.end);
    }
    if (cluster.length) flush();
  }
  return out;
}

const isOpen = (col: GridColumn, minute: number) => col.open.some(([s, e]) => minute >= s && minute < e);
const blockAt = (col: GridColumn, minute: number) => col.blocks.find((b) => minute >= b.start && minute < b.end);

/** The stretches of [from, to) outside a column's open hours: shaded. */
function closedRanges(open: GridColumn['open'], from: number, to: number): [number, number][] {
  const sorted = open.filter(([s, e]) => e > from && s < to).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let at = from;
  for (const [s, e] of sorted) {
    if (s > at) out.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < to) out.push([at, to]);
  return out;
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
const LETTERS: Record<string, ScheduleAction> = {
  c: 'statusConfirm',
  a: 'statusArrive',
  s: 'statusSeat',
  f: 'statusComplete',
  x: 'statusCancel',
  n: 'statusNoShow',
  p: 'schedulePinboard',
  delete: 'schedulePinboard',
};

type PointerDownCard = (event: ReactPointerEvent<HTMLElement>, item: Placed) => void;

/**
 * The schedule as an ARIA grid with few elements: the rows, hour lines and
 * closed hours of each column are drawn by its background and a few shaded
 * stretches, not one element per cell; the cards sit absolutely in their
 * column, each in a row and gridcell of its own (display: contents) at its
 * aria-rowindex/aria-colindex. The grid's only empty cell element is the cursor cell (roving tabindex,
 * the one tab stop), with aria-rowindex/aria-colindex and the accessible name
 * of the slot ("Sillón 1, 10:30: libre"). It is keyed by its place, so moving
 * the cursor puts the focus on a new cell and the screen reader reads it; the
 * columns are memoized, so moving the cursor re-renders no card.
 */
export function ScheduleGrid(props: GridProps) {
  const { t, i18n } = useTranslation();
  const { startMin, endMin, step, columns, items, cursor, selectedId, compact = false } = props;
  const words = useMemo(() => gridWords(t), [t, i18n.language]);
  const rows = Math.max(1, Math.ceil((endMin - startMin) / step));
  const bodyRef = useRef<HTMLDivElement>(null);
  const ownRequest = useRef<CursorRequest | null>(null);
  const request = props.request ?? ownRequest;
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
  });

  const placed = useMemo(() => place(items, startMin, step), [items, startMin, step]);
  // The patients' payment status, fetched once for the day by the panel (billing/useAccountBadges).
  const badges = useProvidedAccountBadges();
  const byColumn = useMemo(() => {
    const map = new Map<string, Placed[]>();
    for (const p of placed) {
      const list = map.get(p.column);
      if (list) list.push(p);
      else map.set(p.column, [p]);
    }
    return map;
  }, [placed]);

  /** Moves the cursor; the new cursor cell takes the focus (or the current one, when the cursor stays). */
  const goTo = (next: Cursor, scroll: CursorRequest['scroll']) => {
    const want: CursorRequest = { focus: true, scroll };
    if (next.col === cursor.col && next.row === cursor.row) {
      const cell = bodyRef.current?.querySelector<HTMLElement>(`[data-cell="${next.col}:${next.row}"]`);
      if (cell) applyCursorRequest(cell, want);
      return;
    }
    request.current = want;
    propsRef.current.onCursor(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const p = propsRef.current;
    const mod = event.ctrlKey || event.metaKey;
    const arrow = ARROWS[event.key];
    if (arrow && !mod) {
      event.preventDefault();
      if (event.altKey) return p.onAction?.('scheduleMoveAppointment', event);
      if (event.shiftKey) {
        if (arrow[1] !== 0) p.onAction?.('scheduleResize', event);
        return;
      }
      const col = Math.max(0, Math.min(columns.length - 1, cursor.col + arrow[0]));
      const row = Math.max(0, Math.min(rows - 1, cursor.row + arrow[1]));
      if (col !== cursor.col || row !== cursor.row) goTo({ col, row }, 'auto');
      return;
    }
    if (mod || event.altKey) return;
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      goTo({ col: cursor.col, row: event.key === 'Home' ? 0 : rows - 1 }, 'auto');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      p.onOpen(cursor);
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      p.onAction?.('scheduleDays', event);
    } else {
      const action = LETTERS[event.key.toLowerCase()];
      if (action && !event.shiftKey) {
        event.preventDefault();
        p.onAction?.(action, event);
      }
    }
  };

  // A click on the canvas puts the cursor on the slot under the pointer (cards stop their clicks).
  const onCanvasClick = (event: ReactMouseEvent<HTMLDivElement>) => {
    const n = columns.length;
    if (n === 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left - TIME_W;
    if (x < 0) return;
    const col = Math.max(0, Math.min(n - 1, Math.floor(x / ((rect.width - TIME_W) / n))));
    const row = Math.max(0, Math.min(rows - 1, Math.floor((event.clientY - rect.top) / ROW_H)));
    goTo({ col, row }, 'none');
  };

  // The cursor cell: takes a pending focus/scroll when it appears; when it goes while the grid has the focus, the next one takes it.
  const cursorRef = useCallback(
    (node: HTMLDivElement | null) => {
      if (!node) return;
      const want = request.current;
      if (want) {
        request.current = null;
        applyCursorRequest(node, want);
      }
      return () => {
        if (bodyRef.current?.contains(document.activeElement)) request.current = { focus: true, scroll: request.current?.scroll ?? 'auto' };
      };
    },
    [request],
  );

  const onPointerDownCard = useDrag(bodyRef, columns, step, startMin, rows, propsRef);
  const template = `${TIME_W}px repeat(${columns.length}, minmax(0, 1fr))`;
  const firstHour = ((60 - (startMin % 60)) % 60) / step;
  const canvasStyle = useMemo(
    () =>
      ({
        gridTemplateColumns: template,
        height: rows * ROW_H,
        '--sched-hour': `${(60 / step) * ROW_H}px`,
        '--sched-hour-at': `${firstHour * ROW_H}px`,
      }) as CSSProperties,
    [template, rows, step, firstHour],
  );

  const column = columns[cursor.col];
  let cursorCell = null;
  if (column) {
    const minute = startMin + cursor.row * step;
    const open = isOpen(column, minute);
    const block = blockAt(column, minute);
    const cover = byColumn.get(column.key)?.find((p) => p.start < minute + step && p.end > minute);
    const state = cover
      ? words.card(cover.appointment, cover.conflict)
      : block
        ? `${words.blockout(block.label)}${block.forbids ? `, ${words.noBooking}` : ''}`
        : open
          ? words.free
          : words.closed;
    cursorCell = (
      <div role="row" aria-rowindex={cursor.row + 2} className="sched-cursor-row" style={{ top: cursor.row * ROW_H, gridTemplateColumns: template }}>
        <div
          key={`${cursor.col}:${cursor.row}`}
          ref={cursorRef}
          role="gridcell"
          data-cell={`${cursor.col}:${cursor.row}`}
          tabIndex={0}
          aria-colindex={cursor.col + 2}
          aria-label={`${words.cell(column.label, hhmm(minute))}: ${state}`}
          aria-selected={true}
          className="sched-cell sched-cell-cursor"
          style={{ gridColumn: cursor.col + 2 }}
        />
      </div>
    );
  }

  return (
    <div
      className={compact ? 'sched-grid sched-grid-compact' : 'sched-grid'}
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows + 1}
      aria-colcount={columns.length + 1}
      onKeyDown={onKeyDown}
    >
      <GridHead columns={columns} template={template} time={t('schedule.time')} />
      <div ref={bodyRef} className="sched-body" data-sched-body>
        <div className="sched-canvas" style={canvasStyle} onClick={onCanvasClick}>
          <TimeColumn startMin={startMin} rows={rows} step={step} />
          {columns.map((col, index) => (
            <ColumnView
              key={col.key}
              column={col}
              index={index}
              items={byColumn.get(col.key)}
              startMin={startMin}
              endMin={startMin + rows * step}
              step={step}
              words={words}
              selectedId={selectedId}
              compact={compact}
              onPointerDownCard={onPointerDownCard}
              badges={badges}
            />
          ))}
          {cursorCell}
        </div>
      </div>
    </div>
  );
}

const GridHead = memo(function GridHead({ columns, template, time }: { columns: readonly GridColumn[]; template: string; time: string }) {
  return (
    <div className="sched-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
      <span role="columnheader" className="sched-head-time">
        {time}
      </span>
      {columns.map((col) => (
        <span key={col.key} role="columnheader" className="sched-head-col">
          <span className="sched-head-label">{col.label}</span>
          {col.sub ? <span className="sched-head-sub">{col.sub}</span> : null}
        </span>
      ))}
    </div>
  );
});

/** The hours down the left: one label per hour (per row, with long rows). */
const TimeColumn = memo(function TimeColumn({ startMin, rows, step }: { startMin: number; rows: number; step: number }) {
  const labels = [];
  for (let r = 0; r < rows; r++) {
    const minute = startMin + r * step;
    if (minute % 60 === 0 || step >= 30)
      labels.push(
        <span key={r} className="sched-time" style={{ top: r * ROW_H }}>
          {hhmm(minute)}
        </span>,
      );
  }
  return (
    <div className="sched-time-col" aria-hidden="true">
      {labels}
    </div>
  );
});

interface ColumnProps {
  column: GridColumn;
  /** Its place among the columns: the cards' cells carry it as their aria-colindex. */
  index: number;
  items: readonly Placed[] | undefined;
  startMin: number;
  endMin: number;
  step: number;
  words: GridWords;
  selectedId: string | null;
  compact: boolean;
  onPointerDownCard: PointerDownCard;
  /** The patients' payment status (billing), when the user may see it. */
  badges: ReadonlyMap<string, AccountBadge> | null;
}

const px = (minutes: number, step: number) => (minutes / step) * ROW_H;

/** One chair (or day): its background draws the rows; shaded closed hours, blockouts and cards on top. */
const ColumnView = memo(
  function ColumnView({ column, index, items, startMin, endMin, step, words, selectedId, compact, onPointerDownCard, badges }: ColumnProps) {
    const closed = closedRanges(column.open, startMin, endMin);
    return (
      <div className="sched-col">
        {closed.map(([s, e]) => (
          <span key={s} className="sched-closed" style={{ top: px(s - startMin, step), height: px(e - s, step) }} />
        ))}
        {column.blocks.map((b, i) => {
          const from = Math.max(b.start, startMin);
          const to = Math.min(b.end, endMin);
          if (to <= from) return null;
          return (
            <span
              key={i}
              className={b.forbids ? 'sched-block sched-block-forbid' : 'sched-block'}
              aria-hidden="true"
              style={{ top: px(from - startMin, step), height: px(to - from, step), background: `${b.colour}26`, borderColor: b.colour }}
            >
              {b.label}
              {b.forbids ? ` · ${words.noBooking}` : ''}
            </span>
          );
        })}
        {items?.map((p) => (
          // The grid's structure for assistive technology (a row and cell per card, at its place); no boxes of their own.
          <div key={p.appointment.id} role="row" aria-rowindex={p.row + 2} className="sched-card-row">
            <div role="gridcell" aria-colindex={index + 2} className="sched-card-row">
              <AppointmentCard
                item={p}
                selected={p.appointment.id === selectedId}
                compact={compact}
                words={words}
                top={px(p.start - startMin, step)}
                height={Math.max(ROW_H - 2, px(p.end - p.start, step) - 2)}
                tall={p.end - p.start >= 2 * step}
                onPointerDown={onPointerDownCard}
                account={badges?.get(p.appointment.patientId)}
              />
            </div>
          </div>
        ))}
      </div>
    );
  },
  (a, b) =>
    a.column === b.column &&
    a.index === b.index &&
    a.items === b.items &&
    a.startMin === b.startMin &&
    a.endMin === b.endMin &&
    a.step === b.step &&
    a.words === b.words &&
    a.compact === b.compact &&
    a.onPointerDownCard === b.onPointerDownCard &&
    a.badges === b.badges &&
    (a.selectedId === b.selectedId || !touches(a.items, a.selectedId, b.selectedId)),
);

/** Whether a change of selection concerns this column (one of its cards was or becomes selected). */
function touches(items: readonly Placed[] | undefined, before: string | null, after: string | null): boolean {
  return items?.some((p) => p.appointment.id === before || p.appointment.id === after) ?? false;
}

/** Pointer drag of a card (move) or of its bottom edge (resize), snapped to the grid on release. */
function useDrag(
  bodyRef: RefObject<HTMLDivElement | null>,
  columns: readonly GridColumn[],
  step: number,
  startMin: number,
  rows: number,
  propsRef: RefObject<GridProps>,
): PointerDownCard {
  const geometry = useRef({ columns, step, startMin, rows });
  useEffect(() => {
    geometry.current = { columns, step, startMin, rows };
  });
  return useCallback((event: ReactPointerEvent<HTMLElement>, item: Placed) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    const card = (event.currentTarget.closest('.appt-card') as HTMLElement | null) ?? event.currentTarget;
    // The bottom edge (drawn by the card's ::after) resizes; the rest moves.
    const mode: 'move' | 'resize' = event.clientY >= card.getBoundingClientRect().bottom - RESIZE_EDGE ? 'resize' : 'move';
    const x0 = event.clientX;
    const y0 = event.clientY;
    const height0 = card.offsetHeight;
    let moved = false;
    const onMove = (e: PointerEvent) => {
      const dx = e.clientX - x0;
      const dy = e.clientY - y0;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      moved = true;
      card.classList.add('appt-card-dragging');
      if (mode === 'move') card.style.transform = `translate(${dx}px, ${dy}px)`;
      else card.style.height = `${Math.max(ROW_H - 2, height0 + dy)}px`;
    };
    const onUp = (e: PointerEvent) => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      card.classList.remove('appt-card-dragging');
      card.style.transform = '';
      card.style.height = '';
      const p = propsRef.current;
      if (!moved) {
        p.onSelectItem(item.appointment.id);
        return;
      }
      const g = geometry.current;
      const dy = e.clientY - y0;
      const rowsMoved = Math.round(dy / ROW_H);
      if (mode === 'resize') {
        const duration = Math.max(g.step, Math.round((item.end - item.start) / g.step + rowsMoved) * g.step);
        if (duration !== item.end - item.start) p.onResize?.(item.appointment.id, duration);
        return;
      }
      const body = bodyRef.current;
      if (!body) return;
      const rect = body.getBoundingClientRect();
      const colW = (rect.width - TIME_W) / g.columns.length;
      const col = Math.max(0, Math.min(g.columns.length - 1, Math.floor((e.clientX - rect.left - TIME_W) / colW)));
      const start = Math.max(g.startMin, Math.round((item.start + rowsMoved * g.step - g.startMin) / g.step) * g.step + g.startMin);
      const column = g.columns[col]!.key;
      if (column !== item.column || start !== item.start) p.onDrop?.(item.appointment.id, column, start);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  }, []);
}
