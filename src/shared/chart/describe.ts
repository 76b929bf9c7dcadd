/**
 * A text alternative to the odontogram, for screen readers and printing.
 *
 * It returns structured data, not sentences: the words ("crown", "planned",
 * "upper right quadrant") belong to the UI's catalogs, so src/shared holds no
 * human text. Tooth labels follow the chosen numbering and surface letters
 * the chosen language (V and P in Spanish), because those are notation, not
 * prose.
 */

import { type ChartEntry, type ChartState, chartTeeth } from './events';
import { type AreaKind, type FindingStatus, type TreatmentArea, areaTeeth } from './findings';
import { formatSurfaces } from './surfaces';
import { type Notation, type ToothId, displaySequence, formatTooth } from './teeth';
import { type Language } from '../i18n/languages';

export interface DescribedItem {
  kind: 'state' | 'finding';
  entryId: string;
  /** The tooth state ('crown') or the procedure/condition code ('RES-C2'). */
  code: string;
  /** Null for a whole-tooth state. */
  status: FindingStatus | null;
  area: AreaKind;
  /** Surface letters as the chart shows them in that language (['M', 'O', 'D'], or ['V'] in Spanish). */
  surfaces: string[];
  /** For a range: every tooth of the span, labelled. */
  span?: string[];
  note?: string;
}

export interface ToothDescription {
  tooth: ToothId;
  toothLabel: string;
  items: DescribedItem[];
}

export interface AreaDescription {
  /** A quadrant, sextant, arch or the whole mouth; the UI names it. */
  area: TreatmentArea;
  items: DescribedItem[];
}

export interface ChartDescription {
  /** In odontogram reading order: upper row left to right, then lower row. */
  teeth: ToothDescription[];
  /** Findings on areas wider than a tooth range. */
  areas: AreaDescription[];
}

function describeEntry(entry: ChartEntry, tooth: ToothId | null, notation: Notation, language: Language): DescribedItem | null {
  const item = entry.item;
  if (item.type === 'tooth_state') return { kind: 'state', entryId: entry.id, code: item.state, status: null, area: 'tooth', surfaces: [], ...(item.note ? { note: item.note } : {}) };
  if (item.type !== 'finding') return null;
  const area = item.area;
  const surfaces = area.kind === 'surface' && tooth ? [...formatSurfaces(area.surfaces, tooth, language).matchAll(/[A-Z]5?/g)].map((m) => m[0]) : [];
  return {
    kind: 'finding',
    entryId: entry.id,
    code: item.code,
    status: item.status,
    area: area.kind,
    surfaces,
    ...(area.kind === 'range' ? { span: area.teeth.map((t) => formatTooth(t, notation)) } : {}),
    ...(item.note ? { note: item.note } : {}),
  };
}

/**
 * Every finding and state per tooth. With includeEmptyTeeth, every tooth of
 * the chart is listed, so a reader hears "18: nothing recorded" too.
 */
export function describeChart(state: ChartState, numbering: Notation, language: Language, options: { includeEmptyTeeth?: boolean } = {}): ChartDescription {
  const perTooth = new Map<ToothId, DescribedItem[]>();
  const areas: AreaDescription[] = [];
  for (const entry of state.entries) {
    const item = entry.item;
    if (item.type === 'dentition') continue;
    const teeth = item.type === 'tooth_state' ? [item.tooth] : areaTeeth(item.area);
    if (teeth.length === 0 && item.type === 'finding') {
      const described = describeEntry(entry, null, numbering, language);
      if (described) areas.push({ area: item.area, items: [described] });
      continue;
    }
    for (const tooth of teeth) {
      const described = describeEntry(entry, tooth, numbering, language);
      if (!described) continue;
      const list = perTooth.get(tooth) ?? [];
      list.push(described);
      perTooth.set(tooth, list);
    }
  }
  const teeth = options.includeEmptyTeeth ? displaySequence([...chartTeeth(state), ...perTooth.keys()]) : displaySequence(perTooth.keys());
  return {
    teeth: teeth.map((tooth) => ({ tooth, toothLabel: formatTooth(tooth, numbering), items: perTooth.get(tooth) ?? [] })),
    areas,
  };
}
