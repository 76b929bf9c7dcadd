/**
 * What the chairside render bench (bench/render/chairside*) mounts: the real
 * Odontogram and PerioGrid, each driven by the same state the tabs keep (the
 * odontogram's focus and surfaces, the perio entry state machine), without a
 * server. Not imported by the app.
 */
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { type Surface, toggleSurface } from '../../shared/chart/surfaces';
import { type ToothId, PERMANENT_DENTITION, displayOrder, moveOnOdontogram } from '../../shared/chart/teeth';
import { type EntryState, applyKey, currentStop, startEntry } from '../../shared/perio/entry';
import { CHART_PALETTE_PRESETS } from '../../shared/contract/chairside';
import { createExam } from '../../shared/perio/exam';
import { Odontogram } from '../chart/Odontogram';
import type { ToothPaint } from '../chart/ToothGlyph';
import { PerioGrid } from './PerioGrid';

export { i18nReady } from '../app/i18n';

const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const SURFACE_KEYS = new Set(['M', 'O', 'I', 'D', 'B', 'F', 'V', 'L', 'P']);

/** A chart with something on most teeth, so every glyph has fills to draw. */
function fixturePaint(teeth: readonly ToothId[]): Map<ToothId, ToothPaint> {
  const paint = new Map<ToothId, ToothPaint>();
  teeth.forEach((tooth, i) => {
    if (i % 9 === 4) paint.set(tooth, { surfaces: {}, ring: null, states: [{ state: 'missing', colour: '#2563eb' }], absent: true });
    else if (i % 3 === 0) paint.set(tooth, { surfaces: { O: 'planned', M: 'existing' }, ring: null, states: [], absent: false });
    else if (i % 5 === 1) paint.set(tooth, { surfaces: {}, ring: 'completed', states: [{ state: 'crown', colour: '#2563eb' }], absent: false });
  });
  return paint;
}

/** The odontogram as ChartTab drives it: arrows move the focus, letters toggle surfaces, a click picks. */
export function BenchOdontogram({ onCommit }: { onCommit?: (focus: string | null, surfaces: string) => void }) {
  const teeth = PERMANENT_DENTITION;
  const [paint] = useState(() => fixturePaint(teeth));
  const [focus, setFocus] = useState<ToothId | null>(null);
  const [surfaces, setSurfaces] = useState<Surface[]>([]);
  const board = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => onCommit?.(focus, surfaces.join('')), [focus, surfaces, onCommit]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      const from = focus ?? displayOrder(teeth).upper[0]!;
      const next = focus ? moveOnOdontogram(from, teeth, direction) : from;
      setFocus(next);
      if (next !== focus) setSurfaces([]);
      return;
    }
    const upper = event.key.toUpperCase();
    if (event.key.length === 1 && SURFACE_KEYS.has(upper) && focus) {
      event.preventDefault();
      setSurfaces((s) => toggleSurface(s, upper, focus));
    }
  };
  return (
    <Odontogram
      ref={board}
      teeth={teeth}
      paint={paint}
      palette={CHART_PALETTE_PRESETS.red_planned}
      notation="fdi"
      focus={focus}
      range={focus ? [focus] : []}
      surfaces={surfaces}
      label="Odontograma"
      toothName={(tooth) => `Diente ${tooth}`}
      onKeyDown={onKeyDown}
      onPick={(tooth, surface) => {
        board.current?.focus();
        if (tooth !== focus) {
          setFocus(tooth);
          setSurfaces(surface ? [surface] : []);
        } else if (surface) setSurfaces((s) => (s.includes(surface) ? s.filter((x) => x !== surface) : [...s, surface]));
      }}
    />
  );
}

const noop = () => undefined;

function reducer(state: EntryState, key: { key: string; ctrl: boolean }): EntryState {
  return applyKey(state, key);
}

/** The perio grid as PerioTab drives it: every key through the entry state machine, a full permanent mouth, nothing missing. */
export function BenchPerio({ onCommit }: { onCommit?: (cursor: number) => void }) {
  const [state, dispatch] = useReducer(reducer, undefined, () => startEntry(createExam({ id: 'bench', date: '2026-11-21' })));
  useLayoutEffect(() => onCommit?.(state.cursor), [state.cursor, onCommit]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key;
    if (/^[0-9]$/.test(key) || (!ctrl && /^[bspcBSPC+]$/.test(key)) || key === 'Backspace' || key === 'ArrowRight' || key === 'ArrowLeft') {
      event.preventDefault();
      dispatch({ key, ctrl });
    }
  };
  return (
    <div className="perio-entry" tabIndex={0} role="application" aria-label="Periodontograma" onKeyDown={onKeyDown}>
      <PerioGrid exam={state.exam} notation="fdi" language="es" alertMm={5} stop={currentStop(state)} plus={state.plus} onCell={noop} onMobility={noop} onFurcation={noop} />
    </div>
  );
}
