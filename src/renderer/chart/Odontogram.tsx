import { forwardRef, useEffect, useId, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { Surface } from '../../shared/chart/surfaces';
import type { ChartPalette } from '../../shared/contract/chairside';
import { type Notation, type ToothId, displayColumn, displayOrder, formatTooth } from '../../shared/chart/teeth';
import { StatusPatterns } from './StatusPatterns';
import { ROW_H, TOOTH_W, ToothGlyph, type ToothPaint } from './ToothGlyph';

interface OdontogramProps {
  teeth: readonly ToothId[];
  paint: ReadonlyMap<ToothId, ToothPaint>;
  /** The practice's status colours; each status also has its own pattern. */
  palette: ChartPalette;
  notation: Notation;
  focus: ToothId | null;
  range: readonly ToothId[];
  surfaces: readonly Surface[];
  label: string;
  describedBy?: string;
  /** Accessible name per tooth (number and what is recorded). */
  toothName: (tooth: ToothId) => string;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  onPick: (tooth: ToothId, surface: Surface | null, shift: boolean) => void;
}

const GAP = 18;
const PAD = 8;

/** Index of the first tooth on the viewer's right half, so both rows meet at the midline. */
function midIndex(row: readonly ToothId[]): number {
  const i = row.findIndex((t) => displayColumn(t) >= 8);
  return i < 0 ? row.length : i;
}

/**
 * The odontogram as the dentist faces the patient: the upper row with the
 * patient's right (FDI 18…11) on the viewer's left, the lower row below it.
 * One tab stop; the arrows, surface letters and Enter are handled by the chart.
 */
export const Odontogram = forwardRef<HTMLDivElement, OdontogramProps>(function Odontogram(
  { teeth, paint, palette, notation, focus, range, surfaces, label, describedBy, toothName, onKeyDown, onPick },
  ref,
) {
  const rows = useMemo(() => displayOrder(teeth), [teeth]);
  const svgRef = useRef<SVGSVGElement>(null);
  // In a narrow panel the chart scrolls sideways (its teeth keep a readable size): the tooth with the keyboard stays in sight.
  useEffect(() => {
    if (focus) svgRef.current?.querySelector(`[data-tooth="${focus}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focus]);
  const patterns = `odo${useId().replaceAll(':', '')}`;
  const half = Math.max(midIndex(rows.upper), midIndex(rows.lower), rows.upper.length - midIndex(rows.upper), rows.lower.length - midIndex(rows.lower), 1);
  const width = PAD * 2 + half * 2 * TOOTH_W;
  const height = PAD * 2 + ROW_H * 2 + GAP;
  const midX = PAD + half * TOOTH_W;
  const rangeSet = new Set(range);
  const surfaceKey = surfaces.join(',');
  const place = (row: readonly ToothId[], y: number) => {
    const m = midIndex(row);
    return row.map((tooth, i) => {
      const x = midX + (i - m) * TOOTH_W;
      return (
        <ToothGlyph
          key={tooth}
          tooth={tooth}
          x={x}
          y={y}
          label={formatTooth(tooth, notation)}
          paint={paint.get(tooth) ?? EMPTY}
          palette={palette}
          patterns={patterns}
          focused={tooth === focus}
          inRange={rangeSet.has(tooth) && range.length > 1}
          selectedSurfaces={tooth === focus ? surfaceKey : ''}
          accessibleName={toothName(tooth)}
          onPick={onPick}
        />
      );
    });
  };
  return (
    <div
      ref={ref}
      className="odontogram"
      tabIndex={0}
      role="application"
      aria-roledescription={label}
      aria-label={label}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
    >
      <svg ref={svgRef} viewBox={`0 0 ${width} ${height}`} className="odontogram-svg" style={{ maxWidth: width * 1.4 }}>
        <defs>
          <StatusPatterns prefix={patterns} palette={palette} />
        </defs>
        <line x1={midX} x2={midX} y1={PAD} y2={height - PAD} className="odontogram-midline" />
        <line x1={PAD} x2={width - PAD} y1={PAD + ROW_H + GAP / 2} y2={PAD + ROW_H + GAP / 2} className="odontogram-midline" />
        {place(rows.upper, PAD)}
        {place(rows.lower, PAD + ROW_H + GAP)}
      </svg>
    </div>
  );
});

const EMPTY: ToothPaint = { surfaces: {}, ring: null, states: [], absent: false };
