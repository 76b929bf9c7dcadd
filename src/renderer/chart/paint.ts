import type { ChartPalette, ChartStateOut } from '../../shared/contract/chairside';
import type { FindingStatus } from '../../shared/chart/findings';
import type { Surface } from '../../shared/chart/surfaces';
import type { ToothId } from '../../shared/chart/teeth';
import type { ToothPaint } from './ToothGlyph';

/** State colours: a planned extraction is work to do, a fracture or remnant a condition, the rest is what is in the mouth. */
function stateColour(state: string, palette: ChartPalette): string {
  if (state === 'extraction_planned') return palette.planned;
  if (state === 'fracture' || state === 'root_remnant') return palette.condition;
  return palette.existing;
}

const ABSENT = new Set(['missing', 'extracted', 'unerupted']);

/** What each tooth shows, from the chart's current entries (later entries paint over earlier ones). */
export function paintTeeth(chart: Pick<ChartStateOut, 'entries' | 'absentTeeth'>, teeth: readonly ToothId[], palette: ChartPalette): Map<ToothId, ToothPaint> {
  const out = new Map<ToothId, ToothPaint>();
  const absent = new Set(chart.absentTeeth);
  for (const tooth of teeth) out.set(tooth, { surfaces: {}, ring: null, states: [], absent: absent.has(tooth) });
  const get = (tooth: ToothId) => {
    let p = out.get(tooth);
    if (!p) {
      p = { surfaces: {}, ring: null, states: [], absent: absent.has(tooth) };
      out.set(tooth, p);
    }
    return p;
  };
  for (const entry of chart.entries) {
    const item = entry.item;
    if (item.type === 'tooth_state') {
      const p = get(item.tooth);
      p.states = [...p.states.filter((s) => s.state !== item.state), { state: item.state, colour: stateColour(item.state, palette) }];
      if (ABSENT.has(item.state)) p.absent = true;
    } else if (item.type === 'finding') {
      const status = item.status;
      const area = item.area;
      if (area.kind === 'surface') {
        const p = get(area.tooth);
        const surfaces: Partial<Record<Surface, FindingStatus>> = { ...p.surfaces };
        for (const s of area.surfaces) {
          const face: Surface = s === 'B5' ? 'B' : s === 'F5' ? 'F' : s;
          surfaces[face] = status;
        }
        p.surfaces = surfaces;
      } else if (area.kind === 'tooth') {
        get(area.tooth).ring = status;
      } else if (area.kind === 'range') {
        for (const t of area.teeth) get(t).ring = status;
      }
    }
  }
  return out;
}
