import type { RecallTypesTable } from '../db/schema';

/*
 * Our starting recall types (CLINICAL.md: prophylaxis every 6 months, perio
 * maintenance every 3 to 4; we start at 3), each naming the starter catalog's
 * codes whose completion sets the next due date. The practice edits them.
 */
const STARTERS = [
  { key: 'prophylaxis', es: 'Profilaxis y control', en: 'Prophylaxis and check-up', months: 6, codes: ['PRO-01', 'PRO-02', 'EXA-02'] },
  { key: 'perio', es: 'Mantención periodontal', en: 'Periodontal maintenance', months: 3, codes: ['PER-MA', 'PER-RA', 'PER-CI'] },
  { key: 'fluoride', es: 'Flúor', en: 'Fluoride', months: 6, codes: ['FLU-01'] },
  { key: 'bitewings', es: 'Radiografías de control', en: 'Check-up radiographs', months: 12, codes: ['RX-BW'] },
] as const;

export function recallTypeId(key: string): string {
  return `recall-type:${key}`;
}

export function defaultRecallTypeRows(now: string): RecallTypesTable[] {
  return STARTERS.map((s, i) => ({
    id: recallTypeId(s.key),
    name_es: s.es,
    name_en: s.en,
    interval_months: s.months,
    trigger_codes: JSON.stringify(s.codes),
    active: 1,
    sort_order: (i + 1) * 10,
    created_at: now,
    updated_at: now,
  }));
}

/** A patient's recall of a type has one id wherever it is made, so two workstations converge on one row. */
export function patientRecallId(patientId: string, typeId: string): string {
  return `recall:${patientId}:${typeId}`;
}
