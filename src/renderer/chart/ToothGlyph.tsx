import { memo } from 'react';
import type { FindingStatus } from '../../shared/chart/findings';
import type { ChartPalette } from '../../shared/contract/chairside';
import type { Surface } from '../../shared/chart/surfaces';
import { bitingOf, facialOf } from '../../shared/chart/surfaces';
import { type ToothId, displayColumn, isUpper } from '../../shared/chart/teeth';
import { STATUS_MARKS } from '../../shared/chart/status-marks';
import { patternId } from './StatusPatterns';

export const TOOTH_W = 46;
export const CROWN = 34;
export const ROOT_H = 24;
export const LABEL_H = 16;
export const ROW_H = LABEL_H + ROOT_H + CROWN + 6;

export type Zone = 'top' | 'bottom' | 'left' | 'right' | 'center';

/**
 * Which surface each zone of the crown diagram shows, as the dentist faces the
 * patient: the facial side is toward the lips (top on the upper row, bottom on
 * the lower row), and mesial is toward the midline (right on the viewer's left
 * half, left on the right half).
 */
export function zoneSurfaces(tooth: ToothId): Record<Zone, Surface> {
  const upper = isUpper(tooth);
  const leftHalf = displayColumn(tooth) <= 7;
  return {
    top: upper ? facialOf(tooth) : 'L',
    bottom: upper ? 'L' : facialOf(tooth),
    left: leftHalf ? 'D' : 'M',
    right: leftHalf ? 'M' : 'D',
    center: bitingOf(tooth),
  };
}

export interface ToothPaint {
  /** The status each surface is filled for (its colour and pattern), cervical variants folded into the facial surface. */
  surfaces: Partial<Record<Surface, FindingStatus>>;
  /** A whole-tooth finding's status (a ring round the crown, in its colour and line). */
  ring: FindingStatus | null;
  /** Whole-tooth states, comma-joined with their colours: 'missing:#2563eb'. */
  states: readonly { state: string; colour: string }[];
  absent: boolean;
}

interface ToothGlyphProps {
  tooth: ToothId;
  x: number;
  y: number;
  label: string;
  paint: ToothPaint;
  palette: ChartPalette;
  /** The prefix of the status patterns the odontogram's <defs> hold. */
  patterns: string;
  focused: boolean;
  inRange: boolean;
  selectedSurfaces: string;
  accessibleName: string;
  onPick: (tooth: ToothId, surface: Surface | null, shift: boolean) => void;
}

const INSET = CROWN * 0.3;

function zonePoints(zone: Zone, x0: number, y0: number): string {
  const x1 = x0 + CROWN;
  const y1 = y0 + CROWN;
  const a = INSET;
  switch (zone) {
    case 'top':
      return `${x0},${y0} ${x1},${y0} ${x1 - a},${y0 + a} ${x0 + a},${y0 + a}`;
    case 'bottom':
      return `${x0},${y1} ${x1},${y1} ${x1 - a},${y1 - a} ${x0 + a},${y1 - a}`;
    case 'left':
      return `${x0},${y0} ${x0 + a},${y0 + a} ${x0 + a},${y1 - a} ${x0},${y1}`;
    case 'right':
      return `${x1},${y0} ${x1 - a},${y0 + a} ${x1 - a},${y1 - a} ${x1},${y1}`;
    case 'center':
      return `${x0 + a},${y0 + a} ${x1 - a},${y0 + a} ${x1 - a},${y1 - a} ${x0 + a},${y1 - a}`;
  }
}

const ZONES: readonly Zone[] = ['top', 'bottom', 'left', 'right', 'center'];

function StateMark({ state, colour, cx, crownY, rootY0, rootY1 }: { state: string; colour: string; cx: number; crownY: number; rootY0: number; rootY1: number }) {
  const x0 = cx - CROWN / 2;
  const x1 = cx + CROWN / 2;
  const y0 = crownY;
  const y1 = crownY + CROWN;
  const rootTop = Math.min(rootY0, rootY1);
  const rootBottom = Math.max(rootY0, rootY1);
  switch (state) {
    case 'missing':
    case 'extracted':
    case 'extraction_planned':
      return (
        <g stroke={colour} strokeWidth={3} strokeLinecap="round">
          <line x1={x0 - 2} y1={Math.min(y0, rootTop) - 2} x2={x1 + 2} y2={Math.max(y1, rootBottom) + 2} />
          <line x1={x1 + 2} y1={Math.min(y0, rootTop) - 2} x2={x0 - 2} y2={Math.max(y1, rootBottom) + 2} />
        </g>
      );
    case 'crown':
      return <circle cx={cx} cy={y0 + CROWN / 2} r={CROWN / 2 + 3} fill="none" stroke={colour} strokeWidth={2.5} />;
    case 'veneer':
      return <rect x={x0 - 2} y={y0 - 2} width={CROWN + 4} height={CROWN + 4} fill="none" stroke={colour} strokeWidth={2} strokeDasharray="4 2" />;
    case 'root_canal':
    case 'post_core':
      return <line x1={cx} y1={rootTop + 2} x2={cx} y2={rootBottom - 1} stroke={colour} strokeWidth={state === 'post_core' ? 5 : 3} />;
    case 'implant':
      return (
        <g stroke={colour} strokeWidth={2}>
          {[0, 1, 2, 3].map((i) => (
            <line key={i} x1={cx - 7} y1={rootTop + 4 + i * 5} x2={cx + 7} y2={rootTop + 4 + i * 5} />
          ))}
        </g>
      );
    case 'bridge_abutment':
    case 'pontic':
      return <line x1={x0 - 6} x2={x1 + 6} y1={y0 + CROWN / 2} y2={y0 + CROWN / 2} stroke={colour} strokeWidth={state === 'pontic' ? 5 : 3} opacity={0.8} />;
    case 'sealant':
      return (
        <text x={cx} y={y0 + CROWN / 2 + 4} textAnchor="middle" fontSize={12} fontWeight={700} fill={colour}>
          S
        </text>
      );
    case 'fracture':
      return <polyline points={`${x0 + 4},${y0 + 6} ${cx - 3},${y0 + 16} ${cx + 3},${y0 + 12} ${x1 - 4},${y1 - 6}`} fill="none" stroke={colour} strokeWidth={2.5} />;
    case 'root_remnant':
      return <line x1={x0} y1={y0 + CROWN / 2} x2={x1} y2={y0 + CROWN / 2} stroke={colour} strokeWidth={2} strokeDasharray="3 2" />;
    case 'unerupted':
      return <rect x={x0 - 3} y={Math.min(y0, rootTop) - 3} width={CROWN + 6} height={CROWN + ROOT_H + 6} fill="none" stroke={colour} strokeWidth={1.5} strokeDasharray="3 3" rx={6} />;
    default:
      return null;
  }
}

/** One tooth: its number, a root and a crown of five surface zones. Memoized so a repaint touches only the tooth that changed. */
export const ToothGlyph = memo(function ToothGlyph({ tooth, x, y, label, paint, palette, patterns, focused, inRange, selectedSurfaces, accessibleName, onPick }: ToothGlyphProps) {
  const upper = isUpper(tooth);
  const cx = x + TOOTH_W / 2;
  const x0 = cx - CROWN / 2;
  // Upper row: label, root, crown (roots point up); lower row: crown, root, label.
  const labelY = upper ? y + 12 : y + ROW_H - 4;
  const rootY0 = upper ? y + LABEL_H : y + CROWN + 2;
  const rootY1 = rootY0 + ROOT_H;
  const crownY = upper ? y + LABEL_H + ROOT_H : y;
  const zones = zoneSurfaces(tooth);
  const selected = new Set(selectedSurfaces.split(',').filter(Boolean));
  const rootPath = upper
    ? `M${cx - 9},${rootY1} L${cx - 4},${rootY0 + 2} L${cx + 4},${rootY0 + 2} L${cx + 9},${rootY1} Z`
    : `M${cx - 9},${rootY0} L${cx - 4},${rootY1 - 2} L${cx + 4},${rootY1 - 2} L${cx + 9},${rootY0} Z`;
  return (
    <g
      className={['tooth', focused ? 'tooth-focused' : '', inRange ? 'tooth-in-range' : '', paint.absent ? 'tooth-absent' : ''].filter(Boolean).join(' ')}
      data-tooth={tooth}
      role="img"
      aria-label={accessibleName}
      onMouseDown={(event) => {
        event.preventDefault();
        onPick(tooth, null, event.shiftKey);
      }}
    >
      <rect x={x + 1} y={y} width={TOOTH_W - 2} height={ROW_H} rx={6} className="tooth-cell" />
      <text x={cx} y={labelY} textAnchor="middle" className="tooth-label">
        {label}
      </text>
      <path d={rootPath} className="tooth-root" />
      {ZONES.map((zone) => {
        const surface = zones[zone];
        const status = paint.surfaces[surface];
        return (
          <polygon
            key={zone}
            points={zonePoints(zone, x0, crownY)}
            data-surface={surface}
            data-status={status}
            className={['tooth-zone', selected.has(surface) ? 'tooth-zone-selected' : ''].filter(Boolean).join(' ')}
            style={status ? { fill: `url(#${patternId(patterns, status)})` } : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              event.stopPropagation();
              onPick(tooth, surface, event.shiftKey);
            }}
          />
        );
      })}
      {paint.ring ? (
        <rect
          x={x0 - 3}
          y={crownY - 3}
          width={CROWN + 6}
          height={CROWN + 6}
          rx={5}
          fill="none"
          stroke={palette[paint.ring]}
          strokeWidth={2.5}
          strokeDasharray={STATUS_MARKS[paint.ring].dash}
          data-status={paint.ring}
        />
      ) : null}
      {paint.states.map(({ state, colour }) => (
        <StateMark key={state} state={state} colour={colour} cx={cx} crownY={crownY} rootY0={rootY0} rootY1={rootY1} />
      ))}
    </g>
  );
}, samePaint);

function samePaint(a: ToothGlyphProps, b: ToothGlyphProps): boolean {
  return (
    a.tooth === b.tooth &&
    a.x === b.x &&
    a.y === b.y &&
    a.label === b.label &&
    a.focused === b.focused &&
    a.inRange === b.inRange &&
    a.selectedSurfaces === b.selectedSurfaces &&
    a.accessibleName === b.accessibleName &&
    a.onPick === b.onPick &&
    a.palette === b.palette &&
    a.patterns === b.patterns &&
    paintKey(a.paint) === paintKey(b.paint)
  );
}

export function paintKey(p: ToothPaint): string {
  return `${JSON.stringify(p.surfaces)}|${p.ring ?? ''}|${p.states.map((s) => `${s.state}:${s.colour}`).join(',')}|${p.absent ? 1 : 0}`;
}
