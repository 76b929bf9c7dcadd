import { SITES } from '../../../shared/perio/sites';
import type { PerioExam } from '../../../shared/perio/exam';
import { perioSummary } from '../../../shared/perio/indices';
import type { PatientRecordData } from '../patient-record';
import { type FhirResource, SYSTEMS, coding, derivedId, ref, toothSite } from './fhir-common';

/*
 * A perio exam, compact but whole: one panel Observation per exam (its
 * indices as components, hasMember the teeth) and one Observation per charted
 * tooth, bodySite the tooth, with a component per recorded value. Component
 * codes are "<measure>-<site>" in our perio code system (pd-MB, gm-DL,
 * bleeding-B, mobility, furcation-B…). PD, GM and MGJ are mm (UCUM); GM is
 * signed as stored (recession positive, a margin coronal to the CEJ
 * negative), so CAL = PD + GM, which is not exported (it is never stored).
 * Signed exams are final, drafts preliminary.
 */

const mm = (value: number) => ({ value, unit: 'mm', system: SYSTEMS.ucum, code: 'mm' });
const code = (c: string, display?: string) => ({ coding: [coding(SYSTEMS.perio, c, display)], text: c });
const EXAM_CATEGORY = [{ coding: [coding(SYSTEMS.observationCategory, 'exam', 'Exam')] }];

function toothComponents(tooth: PerioExam['readings'][string]) {
  const components: Record<string, unknown>[] = [];
  for (const site of SITES) {
    const r = tooth.sites[site];
    if (!r) continue;
    if (r.pd !== null) components.push({ code: code(`pd-${site}`), valueQuantity: mm(r.pd) });
    if (r.gm !== null) components.push({ code: code(`gm-${site}`), valueQuantity: mm(r.gm) });
    if (r.mgj !== null) components.push({ code: code(`mgj-${site}`), valueQuantity: mm(r.mgj) });
    for (const flag of ['bleeding', 'suppuration', 'plaque', 'calculus'] as const) if (r[flag]) components.push({ code: code(`${flag}-${site}`), valueBoolean: true });
  }
  if (tooth.mobility !== null) components.push({ code: code('mobility', 'Miller 0-3'), valueInteger: tooth.mobility });
  for (const [entrance, grade] of Object.entries(tooth.furcation)) if (grade !== undefined) components.push({ code: code(`furcation-${entrance}`, 'Hamp 0-3'), valueInteger: grade });
  return components;
}

export function perioResources(record: PatientRecordData): FhirResource[] {
  const out: FhirResource[] = [];
  const subject = ref(record.patient.id);
  for (const exam of record.perioExams) {
    const status = exam.status === 'signed' ? 'final' : 'preliminary';
    const performer = exam.examiner && record.users.get(exam.examiner) ? [{ display: record.users.get(exam.examiner) }] : undefined;
    const members: FhirResource[] = [];
    for (const [tooth, reading] of Object.entries(exam.readings)) {
      const component = toothComponents(reading);
      if (component.length === 0) continue;
      members.push({
        resourceType: 'Observation',
        id: derivedId(exam.id, tooth),
        status,
        category: EXAM_CATEGORY,
        code: code('perio-tooth', 'Periodontal measurements of one tooth'),
        subject,
        effectiveDateTime: exam.date,
        bodySite: toothSite(tooth),
        component,
      });
    }
    const summary = perioSummary(exam);
    const indices: Record<string, unknown>[] = [
      { code: code('examined-sites'), valueInteger: summary.examinedSites },
      ...(summary.meanPd !== null ? [{ code: code('mean-pd'), valueQuantity: mm(summary.meanPd) }] : []),
      { code: code('sites-pd-6-plus'), valueInteger: summary.pd6plus },
    ];
    out.push({
      resourceType: 'Observation',
      id: exam.id,
      status,
      category: EXAM_CATEGORY,
      code: code('perio-exam', 'Periodontal examination'),
      subject,
      effectiveDateTime: exam.date,
      ...(exam.signedAt ? { issued: new Date(Date.parse(exam.signedAt)).toISOString() } : {}),
      ...(performer ? { performer } : {}),
      ...(exam.missing.length ? { note: [{ text: `missing/skipped: ${exam.missing.join(' ')}` }] } : {}),
      component: indices,
      ...(members.length ? { hasMember: members.map((m) => ref(m.id)) } : {}),
    });
    out.push(...members);
  }
  return out;
}
