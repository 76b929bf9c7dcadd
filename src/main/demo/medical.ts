import { ALERT_CODES, type AlertCode } from '../../shared/patients/alerts';
import type { PatientMedicalHistoryTable, PatientsTable } from '../db/schema';
import { Random, seededUuidV7 } from './random';

/*
 * The demo's medical histories: about one patient in seven answered the
 * intake questionnaire, recorded as version 1 when they registered. Alerts
 * follow age and sex the way a general practice sees them (hypertension and
 * anticoagulants among the old, pregnancy only for women of 18 to 45), with
 * the free text a dentist would write beside them. Illustrative, not
 * epidemiology.
 */

export const MEDICAL_HISTORY_SHARE = 0.15;

interface Finding {
  alert: AlertCode;
  /** Probability for a patient of this age and sex, among those with a history. */
  chance(age: number, sex: string | null): number;
  allergies?: readonly string[];
  medications?: readonly string[];
  conditions?: readonly string[];
}

const FINDINGS: readonly Finding[] = [
  { alert: 'allergy_penicillin', chance: () => 0.14, allergies: ['Penicilina (urticaria)', 'Amoxicilina (rash cutáneo)', 'Penicilina: edema de labios en 2015'] },
  { alert: 'allergy_latex', chance: () => 0.03, allergies: ['Látex (dermatitis de contacto)', 'Látex: usar guantes de nitrilo'] },
  { alert: 'allergy_local_anesthetic', chance: () => 0.015, allergies: ['Lidocaína con epinefrina (taquicardia, referida)'] },
  { alert: 'allergy_nsaid', chance: () => 0.06, allergies: ['Ibuprofeno (broncoespasmo)', 'AINEs (urticaria)', 'Ácido acetilsalicílico'] },
  { alert: 'allergy_other', chance: () => 0.04, allergies: ['Sulfas', 'Mariscos', 'Metamizol'] },
  { alert: 'hypertension', chance: (age) => (age >= 60 ? 0.45 : age >= 40 ? 0.22 : 0.02), medications: ['Losartán 50 mg cada 12 h', 'Enalapril 10 mg al día', 'Amlodipino 5 mg al día'], conditions: ['Hipertensión arterial en control'] },
  { alert: 'diabetes', chance: (age) => (age >= 60 ? 0.25 : age >= 40 ? 0.12 : age >= 18 ? 0.02 : 0.005), medications: ['Metformina 850 mg cada 12 h', 'Insulina NPH'], conditions: ['Diabetes mellitus tipo 2', 'Diabetes mellitus tipo 1'] },
  { alert: 'anticoagulants', chance: (age) => (age >= 65 ? 0.14 : age >= 50 ? 0.04 : 0.005), medications: ['Acenocumarol (Neo-Sintrom), INR en control', 'Rivaroxabán 20 mg al día', 'Ácido acetilsalicílico 100 mg al día'] },
  { alert: 'heart_condition', chance: (age) => (age >= 60 ? 0.12 : age >= 40 ? 0.04 : 0.01), conditions: ['Cardiopatía coronaria, stent en 2019', 'Arritmia (fibrilación auricular)', 'Insuficiencia cardíaca compensada'] },
  { alert: 'bisphosphonates', chance: (age, sex) => (sex === 'female' && age >= 55 ? 0.12 : 0.003), medications: ['Ácido alendrónico 70 mg semanal', 'Ácido zoledrónico anual'], conditions: ['Osteoporosis'] },
  { alert: 'pregnancy', chance: (age, sex) => (sex === 'female' && age >= 18 && age <= 45 ? 0.07 : 0), conditions: ['Embarazo de 12 semanas', 'Embarazo de 20 semanas', 'Embarazo de 28 semanas'] },
  { alert: 'prophylaxis_required', chance: () => 0.012, conditions: ['Prótesis valvular: profilaxis antibiótica indicada por cardiólogo'] },
  { alert: 'bleeding_disorder', chance: () => 0.008, conditions: ['Enfermedad de von Willebrand'] },
  { alert: 'immunosuppressed', chance: (age) => (age >= 30 ? 0.015 : 0.005), medications: ['Prednisona 20 mg al día'], conditions: ['Trasplante renal', 'Artritis reumatoide en tratamiento biológico'] },
  { alert: 'epilepsy', chance: () => 0.01, medications: ['Ácido valproico 500 mg cada 12 h'], conditions: ['Epilepsia controlada'] },
  { alert: 'asthma', chance: (age) => (age < 18 ? 0.1 : 0.05), medications: ['Salbutamol inhalador SOS'], conditions: ['Asma bronquial'] },
];

const OTHER_MEDICATIONS = ['Levotiroxina 50 mcg al día', 'Atorvastatina 20 mg al día', 'Omeprazol 20 mg al día', 'Sertralina 50 mg al día'];

function ageAt(birthDate: string | null, atIso: string): number {
  if (!birthDate) return 40;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const at = new Date(atIso);
  const [ty, tm, td] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Version 1 of the histories, recorded at registration by one of the
 * recorders (the practice's clinicians). Its own random stream, so the
 * patients themselves do not change with it.
 */
export function generateMedicalHistories(seed: string, patients: readonly PatientsTable[], recorders: readonly string[]): PatientMedicalHistoryTable[] {
  const random = Random.forStep(seed, 'medical-history');
  const idRandom = Random.forStep(seed, 'medical-history/ids');
  const rows: PatientMedicalHistoryTable[] = [];
  for (const patient of patients) {
    if (!random.chance(MEDICAL_HISTORY_SHARE)) continue;
    const age = ageAt(patient.birth_date, patient.created_at);
    const alerts: AlertCode[] = [];
    const allergies: string[] = [];
    const medications: string[] = [];
    const conditions: string[] = [];
    for (const finding of FINDINGS) {
      if (!random.chance(finding.chance(age, patient.sex))) continue;
      alerts.push(finding.alert);
      if (finding.allergies) allergies.push(random.pick(finding.allergies));
      if (finding.medications && random.chance(0.85)) medications.push(random.pick(finding.medications));
      if (finding.conditions) conditions.push(random.pick(finding.conditions));
    }
    if (age >= 30 && random.chance(0.2)) medications.push(random.pick(OTHER_MEDICATIONS));
    rows.push({
      id: seededUuidV7(idRandom, Date.parse(patient.created_at)),
      patient_id: patient.id,
      version: 1,
      recorded_at: patient.created_at,
      recorded_by: recorders.length > 0 ? random.pick(recorders) : null,
      alerts: JSON.stringify(ALERT_CODES.filter((code) => alerts.includes(code))),
      allergies: allergies.length > 0 ? allergies.join('. ') : 'No refiere alergias.',
      medications: medications.join('. '),
      conditions: conditions.length > 0 ? conditions.join('. ') : 'Sin antecedentes mórbidos relevantes.',
      notes: '',
    });
  }
  return rows;
}
