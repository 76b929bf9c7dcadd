import { useId } from 'react';
import type { FindingStatus } from '../../shared/chart/findings';
import { LEGEND_STATUSES, STATUS_MARKS, type StatusPattern } from '../../shared/chart/status-marks';
import type { ChartPalette } from '../../shared/contract/chairside';

// The status marks of shared/chart/status-marks.ts, drawn as SVG patterns for the odontogram and its legend.

const TILE = 6;
const MARK = 'rgb(255 255 255 / 85%)';

function PatternMarks({ pattern }: { pattern: StatusPattern }) {
  switch (pattern) {
    case 'solid':
      return null;
    case 'hatch':
      return <path d={`M0,${TILE} L${TILE},0 M-1,1 L1,-1 M${TILE - 1},${TILE + 1} L${TILE + 1},${TILE - 1}`} stroke={MARK} strokeWidth={1.4} />;
    case 'dots':
      return <circle cx={TILE / 2} cy={TILE / 2} r={1.3} fill={MARK} />;
    case 'crosshatch':
      return <path d={`M0,0 L${TILE},${TILE} M0,${TILE} L${TILE},0`} stroke={MARK} strokeWidth={1.1} />;
    case 'stripes':
      return <rect x={0} y={TILE / 2 - 0.75} width={TILE} height={1.5} fill={MARK} />;
    case 'checks':
      return (
        <>
          <rect x={0} y={0} width={TILE / 2} height={TILE / 2} fill={MARK} />
          <rect x={TILE / 2} y={TILE / 2} width={TILE / 2} height={TILE / 2} fill={MARK} />
        </>
      );
  }
}

/** The id of a status's pattern inside the <defs> that StatusPatterns drew with this prefix. */
export const patternId = (prefix: string, status: FindingStatus) => `${prefix}-${status}`;

/** One <pattern> per status, in the practice's colours, for an SVG's <defs>. */
export function StatusPatterns({ prefix, palette }: { prefix: string; palette: ChartPalette }) {
  return (
    <>
      {LEGEND_STATUSES.map((status) => (
        <pattern key={status} id={patternId(prefix, status)} width={TILE} height={TILE} patternUnits="userSpaceOnUse">
          <rect width={TILE} height={TILE} fill={palette[status]} />
          <PatternMarks pattern={STATUS_MARKS[status].pattern} />
        </pattern>
      ))}
    </>
  );
}

/** A legend entry's marker: a surface filled with the status's pattern, ringed with its line. */
export function StatusSwatch({ status, palette }: { status: FindingStatus; palette: ChartPalette }) {
  const prefix = useId().replaceAll(':', '');
  const mark = STATUS_MARKS[status];
  return (
    <svg className="swatch" width={30} height={16} viewBox="0 0 30 16" aria-hidden="true" data-pattern={mark.pattern} data-colour={palette[status]}>
      <defs>
        <pattern id={patternId(prefix, status)} width={TILE} height={TILE} patternUnits="userSpaceOnUse">
          <rect width={TILE} height={TILE} fill={palette[status]} />
          <PatternMarks pattern={mark.pattern} />
        </pattern>
      </defs>
      <rect x={1} y={2} width={12} height={12} rx={2} fill={`url(#${patternId(prefix, status)})`} stroke="#6b7785" strokeWidth={0.75} />
      <line x1={16} y1={8} x2={29} y2={8} stroke={palette[status]} strokeWidth={2.5} strokeDasharray={mark.dash} />
    </svg>
  );
}
