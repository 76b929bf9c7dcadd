import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { Appointment } from '../../shared/contract/schedule';
import type { ScheduleAction } from '../app/shortcuts';
import { applyCursorRequest, ScheduleGrid } from './ScheduleGrid';
import type { Cursor, CursorRequest, GridColumn, GridItem } from './ScheduleGrid';

export interface GridCommands {
  onSelect: (appointment: Appointment | null) => void;
  /** Enter on an empty slot. */
  onBook: (column: string, minute: number) => void;
  /** Enter on a card: its actions. */
  onOpenActions: (appointment: Appointment) => void;
  onStatusKey: (action: ScheduleAction, appointment: Appointment) => void;
  onMove: (appointment: Appointment, column: string, minute: number) => void;
  onResize: (appointment: Appointment, durationMin: number) => void;
  /** PageUp/PageDown; `from` is the cursor, for the next day's grid to start on (see `resume`). */
  onDays?: (delta: number, from: Cursor) => void;
}

interface Props extends GridCommands {
  label: string;
  columns: readonly GridColumn[];
  items: readonly GridItem[];
  startMin: number;
  endMin: number;
  step: number;
  compact?: boolean;
  selectedId: string | null;
  /** Put the cursor on this appointment (and the focus, when `focus`), once it is on the grid. */
  reveal: { id: string; n: number; focus: boolean } | null;
  /** The row the cursor starts on (now, on today). */
  initialMinute: number;
  /** The slot under the cursor (for the pinboard). */
  onCursorSlot?: (column: string, minute: number) => void;
  /**
   * Set by PageUp/PageDown on the grid this one replaces (a new day is a new
   * grid): start on that cell, with the keyboard, so the next key still works.
   */
  resume?: RefObject<Cursor | null>;
}

/** The grid with its cursor and selection: the keyboard and mouse paths of the day and week views. */
export function InteractiveGrid(props: Props) {
  const { columns, items, startMin, endMin, step, selectedId, reveal } = props;
  const rows = Math.max(1, Math.ceil((endMin - startMin) / step));
  const clampRow = (minute: number) => Math.max(0, Math.min(rows - 1, Math.floor((minute - startMin) / step)));
  const [resumed] = useState(() => props.resume?.current ?? null);
  const [cursor, setCursor] = useState<Cursor>(() => resumed ?? { col: 0, row: clampRow(props.initialMinute) });
  const cur = { col: Math.min(cursor.col, Math.max(0, columns.length - 1)), row: Math.min(cursor.row, rows - 1) };
  const rootRef = useRef<HTMLDivElement>(null);
  // Focus/scroll for the cursor cell once it is drawn at its new place (it is one element, keyed by its place).
  const request = useRef<CursorRequest | null>(resumed ? { focus: true, scroll: 'center' } : null);
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
  });

  const itemAt = (c: Cursor): GridItem | undefined => {
    const key = columns[c.col]?.key;
    const minute = startMin + c.row * step;
    return items.find((i) => i.column === key && i.start < minute + step && i.end > minute);
  };
  const selected = useMemo(() => items.find((i) => i.appointment.id === selectedId), [items, selectedId]);

  /** Puts the cursor at `next`, then focuses/scrolls its cell: now if it is already drawn there, else when it is. */
  const goTo = (next: Cursor, want: CursorRequest) => {
    const cell = rootRef.current?.querySelector<HTMLElement>(`[data-cell="${next.col}:${next.row}"]`);
    if (cell) applyCursorRequest(cell, want);
    else request.current = want;
    setCursor(next);
  };

  const moveCursor = (next: Cursor) => {
    setCursor(next);
    const column = columns[next.col];
    if (column) propsRef.current.onCursorSlot?.(column.key, startMin + next.row * step);
    const item = itemAt(next);
    propsRef.current.onSelect(item?.appointment ?? null);
  };

  // Scroll the cursor row into view at first paint.
  useEffect(() => {
    if (props.resume) props.resume.current = null;
    rootRef.current?.querySelector<HTMLElement>(`[data-cell="${cur.col}:${cur.row}"]`)?.scrollIntoView({ block: 'center' });
  }, []);

  // Reveal an appointment (after booking, from the patient panel, from the waiting room).
  const revealed = useRef(0);
  useEffect(() => {
    if (!reveal || revealed.current === reveal.n) return;
    const index = items.findIndex((i) => i.appointment.id === reveal.id);
    if (index < 0) return;
    revealed.current = reveal.n;
    const item = items[index]!;
    const col = columns.findIndex((c) => c.key === item.column);
    goTo({ col: Math.max(0, col), row: clampRow(item.start) }, { focus: reveal.focus, scroll: 'center' });
  }, [reveal, items, columns]);

  const onAction = (action: ScheduleAction, event: KeyboardEvent) => {
    const p = propsRef.current;
    if (action === 'scheduleDays') return p.onDays?.(event.key === 'PageUp' ? -1 : 1, cur);
    const item = selected;
    if (!item) return;
    if (action === 'scheduleMoveAppointment') {
      const dc = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
      const dm = event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0;
      const col = columns.findIndex((c) => c.key === item.column);
      const nextCol = Math.max(0, Math.min(columns.length - 1, col + dc));
      const minute = Math.max(startMin, Math.min(endMin - step, item.start + dm));
      if (nextCol === col && minute === item.start) return;
      setCursor({ col: nextCol, row: clampRow(minute) });
      p.onMove(item.appointment, columns[nextCol]!.key, minute);
      return;
    }
    if (action === 'scheduleResize') {
      const duration = item.end - item.start + (event.key === 'ArrowDown' ? step : -step);
      if (duration >= 5) p.onResize(item.appointment, duration);
      return;
    }
    p.onStatusKey(action, item.appointment);
  };

  return (
    <div ref={rootRef} className="sched-grid-wrap">
      <ScheduleGrid
        label={props.label}
        startMin={startMin}
        endMin={endMin}
        step={step}
        columns={columns}
        items={items}
        cursor={cur}
        selectedId={selectedId}
        compact={props.compact}
        onCursor={moveCursor}
        onOpen={(c) => {
          const item = itemAt(c);
          if (item) propsRef.current.onOpenActions(item.appointment);
          else propsRef.current.onBook(columns[c.col]!.key, startMin + c.row * step);
        }}
        onAction={onAction}
        onSelectItem={(id) => {
          const item = items.find((i) => i.appointment.id === id);
          if (!item) return;
          const col = columns.findIndex((c) => c.key === item.column);
          goTo({ col: Math.max(0, col), row: clampRow(item.start) }, { focus: true, scroll: 'none' });
          propsRef.current.onSelect(item.appointment);
        }}
        onDrop={(id, column, minute) => {
          const item = items.find((i) => i.appointment.id === id);
          if (!item) return;
          const col = columns.findIndex((c) => c.key === column);
          setCursor({ col, row: clampRow(minute) });
          propsRef.current.onSelect(item.appointment);
          propsRef.current.onMove(item.appointment, column, minute);
        }}
        request={request}
        onResize={(id, duration) => {
          const item = items.find((i) => i.appointment.id === id);
          if (item) propsRef.current.onResize(item.appointment, duration);
        }}
      />
    </div>
  );
}
