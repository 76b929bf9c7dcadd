import type { Language } from '../../../shared/i18n/languages';
import type { NoteTemplatesTable } from '../../db/schema';

/*
 * The note templates a practice starts with. They are clinical content, not
 * interface text: the practice edits them like any record, so they are data
 * seeded into its database (in Spanish and English), not catalog strings.
 * Section keys are the same in both languages, so a note started in one can
 * be read against the other.
 */

export interface TemplateSection {
  key: string;
  heading: string;
  placeholder: string;
}

interface DefaultTemplate {
  slug: string;
  isDefault: boolean;
  name: Record<Language, string>;
  sections: Array<{ key: string; heading: Record<Language, string>; placeholder: Record<Language, string> }>;
}

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    slug: 'soap',
    isDefault: true,
    name: { es: 'Evolución SOAP', en: 'SOAP progress note' },
    sections: [
      {
        key: 'subjective',
        heading: { es: 'Subjetivo', en: 'Subjective' },
        placeholder: {
          es: 'Motivo de consulta, síntomas y lo que relata el paciente.',
          en: 'Chief complaint, symptoms and what the patient reports.',
        },
      },
      {
        key: 'objective',
        heading: { es: 'Objetivo', en: 'Objective' },
        placeholder: {
          es: 'Examen clínico, hallazgos, radiografías y signos vitales.',
          en: 'Clinical examination, findings, radiographs and vital signs.',
        },
      },
      {
        key: 'assessment',
        heading: { es: 'Análisis', en: 'Assessment' },
        placeholder: { es: 'Diagnóstico o impresión clínica.', en: 'Diagnosis or clinical impression.' },
      },
      {
        key: 'plan',
        heading: { es: 'Plan', en: 'Plan' },
        placeholder: {
          es: 'Tratamiento realizado hoy, indicaciones y próximo control.',
          en: 'Treatment done today, instructions and next visit.',
        },
      },
    ],
  },
  {
    slug: 'procedure',
    isDefault: false,
    name: { es: 'Nota de procedimiento', en: 'Procedure note' },
    sections: [
      {
        key: 'procedure',
        heading: { es: 'Procedimiento realizado', en: 'Procedure performed' },
        placeholder: { es: 'Dientes, superficies y técnica.', en: 'Teeth, surfaces and technique.' },
      },
      {
        key: 'anesthesia',
        heading: { es: 'Anestesia', en: 'Anaesthesia' },
        placeholder: { es: 'Anestésico, dosis y técnica (o «sin anestesia»).', en: 'Agent, dose and technique (or "none").' },
      },
      {
        key: 'materials',
        heading: { es: 'Materiales', en: 'Materials' },
        placeholder: { es: 'Materiales, lotes y tonos.', en: 'Materials, lot numbers and shades.' },
      },
      {
        key: 'instructions',
        heading: { es: 'Indicaciones', en: 'Instructions' },
        placeholder: { es: 'Indicaciones y medicamentos entregados al paciente.', en: 'Instructions and prescriptions given to the patient.' },
      },
      {
        key: 'next',
        heading: { es: 'Próxima cita', en: 'Next visit' },
        placeholder: { es: 'Qué se hará en la próxima sesión.', en: 'What is planned for the next visit.' },
      },
    ],
  },
];

export function defaultTemplateId(slug: string, language: Language): string {
  return `note-template:${slug}:${language}`;
}

export function defaultTemplateRows(now: string): NoteTemplatesTable[] {
  const rows: NoteTemplatesTable[] = [];
  for (const language of ['es', 'en'] as const) {
    for (const [i, t] of DEFAULT_TEMPLATES.entries()) {
      const sections: TemplateSection[] = t.sections.map((s) => ({ key: s.key, heading: s.heading[language], placeholder: s.placeholder[language] }));
      rows.push({
        id: defaultTemplateId(t.slug, language),
        name: t.name[language],
        language,
        sections: JSON.stringify(sections),
        is_default: t.isDefault ? 1 : 0,
        active: 1,
        sort_order: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      });
    }
  }
  return rows;
}
