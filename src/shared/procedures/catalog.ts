/**
 * The procedure catalog.
 *
 * The ADA owns the CDT codes and their descriptors, and shipping them needs a
 * commercial licence, so the starter catalog below is our own: our codes
 * (a family prefix and a short suffix, 'RES-C2'), our names in Spanish and
 * English, no CDT descriptors. A practice replaces or extends it by importing
 * its own list as CSV (csv.ts): CDT codes it has licensed, Chile's FONASA
 * arancel (13-02-023), an Argentine nomenclator or a private price list.
 *
 * The names are data the practice edits, which is why both languages live
 * here and not in the UI catalogs.
 */

import { type ProcedureInfo } from '../chart/actions';
import { type AreaKind, type ToothState } from '../chart/findings';
import { type Language } from '../i18n/languages';

export type ProcedureKind = 'procedure' | 'condition';

export const PROCEDURE_CATEGORIES = [
  'diagnostic',
  'preventive',
  'restorative',
  'endodontic',
  'periodontic',
  'prosthodontic',
  'implant',
  'surgery',
  'orthodontic',
  'other',
] as const;
export type ProcedureCategory = (typeof PROCEDURE_CATEGORIES)[number];

/** Which teeth a procedure is meant for; the UI warns on a mismatch but does not refuse. */
export type ToothScope = 'any' | 'anterior' | 'premolar' | 'molar' | 'posterior';

export interface Procedure {
  code: string;
  name: Readonly<Record<Language, string>>;
  kind: ProcedureKind;
  category: ProcedureCategory;
  /** The area it is charted on by default. */
  area: AreaKind;
  surfacesRequired: boolean;
  /** For restorations priced by surface count: how many surfaces the code covers (4 means four or more). */
  surfaceCount?: number;
  teeth?: ToothScope;
  /** The whole-tooth state it leaves once completed (or recorded as existing). */
  resultsIn: ToothState | null;
  /** The practice's fee in its currency; null until the practice sets one. */
  fee: number | null;
}

type Row = [code: string, es: string, en: string, category: ProcedureCategory, area: AreaKind, extra?: Partial<Omit<Procedure, 'code' | 'name' | 'category' | 'area'>>];

const ROWS: readonly Row[] = [
  // Diagnostic
  ['EXA-01', 'Examen y diagnóstico integral', 'Comprehensive examination', 'diagnostic', 'mouth'],
  ['EXA-02', 'Examen de control', 'Recall examination', 'diagnostic', 'mouth'],
  ['EXA-03', 'Examen de urgencia', 'Emergency examination', 'diagnostic', 'tooth'],
  ['RX-PA', 'Radiografía periapical', 'Periapical radiograph', 'diagnostic', 'tooth'],
  ['RX-BW', 'Radiografías interproximales (bite-wing)', 'Bitewing radiographs', 'diagnostic', 'mouth'],
  ['RX-OC', 'Radiografía oclusal', 'Occlusal radiograph', 'diagnostic', 'arch'],
  ['RX-PAN', 'Radiografía panorámica', 'Panoramic radiograph', 'diagnostic', 'mouth'],
  ['PER-EX', 'Periodontograma', 'Periodontal charting', 'diagnostic', 'mouth'],
  // Preventive
  ['PRO-01', 'Profilaxis (limpieza)', 'Prophylaxis (cleaning)', 'preventive', 'mouth'],
  ['PRO-02', 'Destartraje supragingival', 'Supragingival scaling', 'preventive', 'mouth'],
  ['FLU-01', 'Aplicación de flúor', 'Fluoride application', 'preventive', 'mouth'],
  ['SEL-01', 'Sellante de fosas y fisuras', 'Pit and fissure sealant', 'preventive', 'tooth', { teeth: 'posterior', resultsIn: 'sealant' }],
  ['IHO-01', 'Instrucción de higiene oral', 'Oral hygiene instruction', 'preventive', 'mouth'],
  // Restorative
  ['RES-C1', 'Restauración de resina compuesta, 1 superficie', 'Composite restoration, 1 surface', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 1 }],
  ['RES-C2', 'Restauración de resina compuesta, 2 superficies', 'Composite restoration, 2 surfaces', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 2 }],
  ['RES-C3', 'Restauración de resina compuesta, 3 superficies', 'Composite restoration, 3 surfaces', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 3 }],
  ['RES-C4', 'Restauración de resina compuesta, 4 o más superficies', 'Composite restoration, 4 or more surfaces', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 4 }],
  ['RES-A1', 'Restauración de amalgama, 1 superficie', 'Amalgam restoration, 1 surface', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 1, teeth: 'posterior' }],
  ['RES-A2', 'Restauración de amalgama, 2 superficies', 'Amalgam restoration, 2 surfaces', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 2, teeth: 'posterior' }],
  ['RES-A3', 'Restauración de amalgama, 3 o más superficies', 'Amalgam restoration, 3 or more surfaces', 'restorative', 'surface', { surfacesRequired: true, surfaceCount: 3, teeth: 'posterior' }],
  ['RES-VI', 'Restauración de vidrio ionómero', 'Glass ionomer restoration', 'restorative', 'surface', { surfacesRequired: true }],
  ['RES-PR', 'Obturación provisoria', 'Temporary filling', 'restorative', 'surface', { surfacesRequired: true }],
  ['INC-01', 'Incrustación (inlay/onlay)', 'Inlay or onlay', 'restorative', 'surface', { surfacesRequired: true, teeth: 'posterior' }],
  ['CAR-01', 'Carilla', 'Veneer', 'restorative', 'tooth', { teeth: 'anterior', resultsIn: 'veneer' }],
  // Endodontic
  ['END-PU', 'Pulpotomía', 'Pulpotomy', 'endodontic', 'tooth'],
  ['END-AN', 'Tratamiento de conducto, diente anterior', 'Root canal treatment, anterior tooth', 'endodontic', 'tooth', { teeth: 'anterior', resultsIn: 'root_canal' }],
  ['END-PM', 'Tratamiento de conducto, premolar', 'Root canal treatment, premolar', 'endodontic', 'tooth', { teeth: 'premolar', resultsIn: 'root_canal' }],
  ['END-MO', 'Tratamiento de conducto, molar', 'Root canal treatment, molar', 'endodontic', 'tooth', { teeth: 'molar', resultsIn: 'root_canal' }],
  ['END-RE', 'Retratamiento de conducto', 'Root canal retreatment', 'endodontic', 'tooth', { resultsIn: 'root_canal' }],
  // Periodontic
  ['PER-RA', 'Raspado y alisado radicular, por cuadrante', 'Scaling and root planing, per quadrant', 'periodontic', 'quadrant'],
  ['PER-MA', 'Mantención periodontal', 'Periodontal maintenance', 'periodontic', 'mouth'],
  ['PER-CI', 'Cirugía periodontal, por sextante', 'Periodontal surgery, per sextant', 'periodontic', 'sextant'],
  ['PER-FE', 'Ferulización', 'Splinting', 'periodontic', 'range'],
  // Prosthodontic
  ['COR-PFM', 'Corona metal-porcelana', 'Porcelain-fused-to-metal crown', 'prosthodontic', 'tooth', { resultsIn: 'crown' }],
  ['COR-CER', 'Corona cerámica libre de metal', 'All-ceramic crown', 'prosthodontic', 'tooth', { resultsIn: 'crown' }],
  ['COR-PRV', 'Corona provisoria', 'Provisional crown', 'prosthodontic', 'tooth'],
  ['PYM-01', 'Perno muñón', 'Post and core', 'prosthodontic', 'tooth', { resultsIn: 'post_core' }],
  ['PUE-01', 'Puente fijo', 'Fixed bridge', 'prosthodontic', 'range'],
  ['PRT-TO', 'Prótesis total', 'Complete denture', 'prosthodontic', 'arch'],
  ['PRT-PR', 'Prótesis parcial removible', 'Removable partial denture', 'prosthodontic', 'arch'],
  // Implant
  ['IMP-01', 'Implante dental', 'Dental implant placement', 'implant', 'tooth', { resultsIn: 'implant' }],
  ['IMP-CO', 'Corona sobre implante', 'Implant-supported crown', 'implant', 'tooth', { resultsIn: 'crown' }],
  // Surgery
  ['EXT-S', 'Exodoncia simple', 'Simple extraction', 'surgery', 'tooth', { resultsIn: 'extracted' }],
  ['EXT-Q', 'Exodoncia quirúrgica', 'Surgical extraction', 'surgery', 'tooth', { resultsIn: 'extracted' }],
  ['EXT-3M', 'Exodoncia de tercer molar incluido', 'Removal of an impacted third molar', 'surgery', 'tooth', { teeth: 'molar', resultsIn: 'extracted' }],
  // Other
  ['ORT-EV', 'Evaluación de ortodoncia', 'Orthodontic evaluation', 'orthodontic', 'mouth'],
  ['PLA-01', 'Plano de relajación', 'Occlusal guard', 'other', 'arch'],
  ['URG-01', 'Tratamiento de urgencia paliativo', 'Palliative emergency treatment', 'other', 'tooth'],
  // Conditions: diagnoses charted with status 'condition'
  ['DX-CAR', 'Caries', 'Caries', 'diagnostic', 'surface', { kind: 'condition', surfacesRequired: true }],
  ['DX-RDF', 'Restauración defectuosa', 'Defective restoration', 'diagnostic', 'surface', { kind: 'condition', surfacesRequired: true }],
  ['DX-LPA', 'Lesión periapical', 'Periapical lesion', 'diagnostic', 'tooth', { kind: 'condition' }],
  ['DX-ABR', 'Abrasión o erosión', 'Abrasion or erosion', 'diagnostic', 'surface', { kind: 'condition', surfacesRequired: true }],
];

export const STARTER_CATALOG: readonly Procedure[] = ROWS.map(([code, es, en, category, area, extra = {}]) => ({
  code,
  name: { es, en },
  kind: 'procedure',
  category,
  area,
  surfacesRequired: false,
  resultsIn: null,
  fee: null,
  ...extra,
}));

export function findProcedure(catalog: readonly Procedure[], code: string): Procedure | undefined {
  const wanted = code.trim().toUpperCase();
  return catalog.find((p) => p.code.toUpperCase() === wanted);
}

/** The lookup the chart's actions take (chart/actions.ts ActionContext.procedure). */
export function procedureLookup(catalog: readonly Procedure[]): (code: string) => ProcedureInfo | undefined {
  const byCode = new Map(catalog.map((p) => [p.code.toUpperCase(), p]));
  return (code) => {
    const p = byCode.get(code.trim().toUpperCase());
    return p ? { surfacesRequired: p.surfacesRequired, resultsIn: p.resultsIn, area: p.area } : undefined;
  };
}

/**
 * For restorations priced by surface count: the code of a family that covers
 * n surfaces ('RES-C', 3 → 'RES-C3'; 5 surfaces → the "4 or more" code).
 */
export function codeForSurfaceCount(catalog: readonly Procedure[], family: string, n: number): string | null {
  const members = catalog.filter((p) => p.code.startsWith(family) && p.surfaceCount !== undefined).sort((a, b) => a.surfaceCount! - b.surfaceCount!);
  let best: Procedure | null = null;
  for (const p of members) if (p.surfaceCount! <= n) best = p;
  return best?.code ?? null;
}

/**
 * Merges an imported list into a catalog: imported codes replace ours with
 * the same code, new ones are added. Starter fields the CSV cannot carry
 * (category, resulting state) are kept from the replaced entry.
 */
export function mergeCatalog(base: readonly Procedure[], imported: readonly Procedure[]): Procedure[] {
  const out = new Map(base.map((p) => [p.code.toUpperCase(), p]));
  for (const p of imported) {
    const old = out.get(p.code.toUpperCase());
    out.set(p.code.toUpperCase(), old ? { ...old, ...p, resultsIn: p.resultsIn ?? old.resultsIn, category: p.category === 'other' ? old.category : p.category } : p);
  }
  return [...out.values()];
}
