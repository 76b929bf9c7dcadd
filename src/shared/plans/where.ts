import type { TreatmentArea } from '../chart/findings';
import { formatSurfaces } from '../chart/surfaces';
import { type Notation, formatTooth } from '../chart/teeth';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';

/** Where an item is done, as the chart and its prints write it: "26", "36 MO", "UR", "arcada superior". */
export function describeArea(area: TreatmentArea, numbering: Notation, language: Language): string {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(language, `print.${key}`, params) ?? key;
  switch (area.kind) {
    case 'surface':
      return `${formatTooth(area.tooth, numbering)} ${formatSurfaces(area.surfaces, area.tooth, language)}`;
    case 'tooth':
      return formatTooth(area.tooth, numbering);
    case 'range':
      return area.teeth.map((tooth) => formatTooth(tooth, numbering)).join('–');
    case 'quadrant':
      return t(`areas.quadrants.${area.quadrant}`);
    case 'sextant':
      return t('areas.sextant', { n: area.sextant });
    case 'arch':
      return t(`areas.arches.${area.arch}`);
    default:
      return t('areas.mouth');
  }
}
