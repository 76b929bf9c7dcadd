import type { ProcedureOut, chartEntrySchema } from '../../shared/contract/chairside';
import type { DescribedItem } from '../../shared/chart/describe';
import type { TreatmentArea } from '../../shared/chart/findings';
import { formatSurfaces } from '../../shared/chart/surfaces';
import type { Surface } from '../../shared/chart/surfaces';
import { type Notation, formatTooth } from '../../shared/chart/teeth';
import type { Language } from '../../shared/i18n/languages';
import type { z } from 'zod';
import { labelOr } from '../app/i18n';

type Entry = z.infer<typeof chartEntrySchema>;

export const stateLabel = (state: string): string => labelOr(`chart.states.${state}`, state);
export const statusLabel = (status: string): string => labelOr(`chart.statuses.${status}`, status);

export function procedureName(code: string, catalog: readonly ProcedureOut[], language: Language): string {
  const p = catalog.find((c) => c.code.toUpperCase() === code.toUpperCase());
  return p ? p.name[language] : code;
}

/** A quadrant, sextant, arch or the mouth, in words. */
export function wideAreaLabel(area: TreatmentArea): string {
  switch (area.kind) {
    case 'quadrant':
      return labelOr(`chart.quadrants.${area.quadrant}`, area.quadrant);
    case 'sextant':
      return labelOr(`chart.sextants.s${area.sextant}`, String(area.sextant));
    case 'arch':
      return labelOr(`chart.arches.${area.arch}`, area.arch);
    case 'mouth':
      return labelOr('chart.areas.mouth', 'mouth');
    default:
      return '';
  }
}

/** One described item as a phrase: "Restauración de resina compuesta, 3 superficies — MOD — Planificado". */
export function describedText(item: DescribedItem, catalog: readonly ProcedureOut[], language: Language): string {
  if (item.kind === 'state') return stateLabel(item.code) + (item.note ? ` (${item.note})` : '');
  const parts = [procedureName(item.code, catalog, language)];
  if (item.surfaces.length > 0) parts.push(item.surfaces.join(''));
  if (item.span) parts.push(labelOr('chart.bridgeSpan', 'span') + ' ' + item.span.join('–'));
  if (item.status) parts.push(statusLabel(item.status));
  return parts.join(' — ') + (item.note ? ` (${item.note})` : '');
}

/** An entry (from a comparison) in words, with its teeth. */
export function entryText(entry: Entry, catalog: readonly ProcedureOut[], language: Language, notation: Notation): string {
  const item = entry.item;
  if (item.type === 'tooth_state') return `${formatTooth(item.tooth, notation)}: ${stateLabel(item.state)}`;
  if (item.type === 'dentition') return labelOr('chart.dentitionChanged', 'dentition');
  const area = item.area as TreatmentArea;
  let where: string;
  if (area.kind === 'surface') where = `${formatTooth(area.tooth, notation)} ${formatSurfaces(area.surfaces as Surface[], area.tooth, language)}`;
  else if (area.kind === 'tooth') where = formatTooth(area.tooth, notation);
  else if (area.kind === 'range') where = area.teeth.map((t) => formatTooth(t, notation)).join('–');
  else where = wideAreaLabel(area);
  return `${where}: ${procedureName(item.code, catalog, language)} — ${statusLabel(item.status)}`;
}

/** Folds accents and case so "resina" finds "Resina" and "exodoncia" finds "Exodoncia". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
