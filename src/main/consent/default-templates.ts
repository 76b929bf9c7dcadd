import type { ConsentTemplatesTable } from '../db/schema';

/*
 * Our starting consent forms, in Spanish and English: plain-language texts a
 * practice reviews with its own counsel and edits. Placeholders in braces are
 * filled for each patient (shared/consent/placeholders.ts).
 */

interface Starter {
  type: string;
  es: { title: string; body: string };
  en: { title: string; body: string };
}

const STARTERS: readonly Starter[] = [
  {
    type: 'general',
    es: {
      title: 'Consentimiento informado para tratamiento dental',
      body: `Yo, {paciente}, RUT {rut}, declaro que el/la profesional {profesional} me ha explicado en términos comprensibles el tratamiento propuesto: {procedimiento}.

Se me informó de sus beneficios, de los riesgos habituales (molestias, sensibilidad, inflamación, sangrado, reacciones a materiales o medicamentos), de las alternativas disponibles, incluida la de no tratarme, y de sus consecuencias.

He podido hacer preguntas y se me han respondido. Sé que puedo retirar este consentimiento en cualquier momento antes del procedimiento.

Autorizo a {consulta} a realizar el tratamiento descrito.

Fecha: {fecha}`,
    },
    en: {
      title: 'Informed consent for dental treatment',
      body: `I, {patient}, ID {id}, confirm that {provider} has explained to me, in terms I understand, the proposed treatment: {procedure}.

I have been told its benefits, its usual risks (discomfort, sensitivity, swelling, bleeding, reactions to materials or medicines), the alternatives, including no treatment, and their consequences.

I have been able to ask questions and they have been answered. I know I may withdraw this consent at any time before the procedure.

I authorise {practice} to carry out the treatment described.

Date: {date}`,
    },
  },
  {
    type: 'extraction',
    es: {
      title: 'Consentimiento informado para exodoncia',
      body: `Yo, {paciente}, RUT {rut}, autorizo a {profesional} a realizar la extracción dental: {procedimiento}.

Se me explicó que después de una extracción puede haber dolor, inflamación, sangrado, hematoma y limitación para abrir la boca durante algunos días; que existen riesgos menos frecuentes como infección, alveolitis seca, fractura de raíces o del hueso, daño a dientes vecinos, comunicación con el seno maxilar y, en muelas inferiores, adormecimiento transitorio o, rara vez, permanente del labio, mentón o lengua.

Se me informaron las alternativas y los cuidados posteriores, y me comprometo a seguirlos.

Fecha: {fecha}`,
    },
    en: {
      title: 'Informed consent for tooth extraction',
      body: `I, {patient}, ID {id}, authorise {provider} to carry out the extraction: {procedure}.

It has been explained to me that after an extraction there may be pain, swelling, bleeding, bruising and limited mouth opening for a few days; and that less frequent risks include infection, dry socket, fracture of roots or bone, damage to neighbouring teeth, an opening into the maxillary sinus and, for lower back teeth, temporary or, rarely, permanent numbness of the lip, chin or tongue.

The alternatives and the aftercare have been explained, and I agree to follow it.

Date: {date}`,
    },
  },
  {
    type: 'endodontics',
    es: {
      title: 'Consentimiento informado para tratamiento de conducto',
      body: `Yo, {paciente}, RUT {rut}, autorizo a {profesional} a realizar el tratamiento de conducto (endodoncia): {procedimiento}.

Se me explicó que el tratamiento busca conservar el diente eliminando la pulpa enferma; que puede requerir varias sesiones y radiografías; que después puede haber molestias; y que, aun bien realizado, puede fracasar y requerir retratamiento, cirugía o la extracción. Existen riesgos como fractura de instrumentos, perforaciones o fractura del diente, y el diente tratado suele necesitar una restauración o corona posterior.

Fecha: {fecha}`,
    },
    en: {
      title: 'Informed consent for root canal treatment',
      body: `I, {patient}, ID {id}, authorise {provider} to carry out root canal treatment (endodontics): {procedure}.

It has been explained to me that the treatment aims to keep the tooth by removing the diseased pulp; that it may need several visits and radiographs; that there may be discomfort afterwards; and that, even done well, it may fail and need retreatment, surgery or extraction. Risks include separated instruments, perforations or a fractured tooth, and the treated tooth usually needs a restoration or crown afterwards.

Date: {date}`,
    },
  },
  {
    type: 'implant',
    es: {
      title: 'Consentimiento informado para implante dental',
      body: `Yo, {paciente}, RUT {rut}, autorizo a {profesional} a realizar la cirugía de implante dental: {procedimiento}.

Se me explicó que se trata de una cirugía que coloca un implante en el hueso y que su éxito depende de la integración con el hueso, de mi higiene y de mis controles; que fumar, la diabetes no controlada y algunos medicamentos (por ejemplo, bifosfonatos) aumentan el riesgo de fracaso; y que puede haber dolor, inflamación, sangrado, infección, daño de nervios con adormecimiento, comunicación con el seno maxilar o pérdida del implante. Se me informaron las alternativas (puente, prótesis removible o no reemplazar el diente).

Fecha: {fecha}`,
    },
    en: {
      title: 'Informed consent for dental implant surgery',
      body: `I, {patient}, ID {id}, authorise {provider} to carry out dental implant surgery: {procedure}.

It has been explained to me that this surgery places an implant in the bone and that its success depends on its integration with the bone, on my oral hygiene and on my check-ups; that smoking, uncontrolled diabetes and some medicines (for example bisphosphonates) raise the risk of failure; and that there may be pain, swelling, bleeding, infection, nerve damage with numbness, an opening into the maxillary sinus or loss of the implant. The alternatives (a bridge, a removable denture or not replacing the tooth) have been explained.

Date: {date}`,
    },
  },
];

export function consentTemplateId(type: string, language: string): string {
  return `consent-template:${type}:${language}`;
}

export function defaultConsentRows(now: string): ConsentTemplatesTable[] {
  return STARTERS.flatMap((s, i) =>
    (['es', 'en'] as const).map((language) => ({
      id: consentTemplateId(s.type, language),
      procedure_type: s.type,
      language,
      title: s[language].title,
      body: s[language].body,
      active: 1,
      sort_order: (i + 1) * 10,
      created_at: now,
      updated_at: now,
    })),
  );
}
