import type { MedicinesTable } from '../db/schema';

/*
 * The starter list of common dental medicines, written by us: usual adult
 * doses as a starting point the practice edits (the prescriber adjusts each
 * line before printing). Class tags drive the allergy check
 * (shared/prescriptions/allergy-check.ts).
 */

type Text = readonly [es: string, en: string];
interface Starter {
  key: string;
  name: Text;
  strength: string;
  dose: Text;
  frequency: Text;
  duration: Text;
  classes: readonly string[];
}

const STARTERS: readonly Starter[] = [
  { key: 'amoxicillin-500', name: ['Amoxicilina', 'Amoxicillin'], strength: '500 mg', dose: ['1 cápsula', '1 capsule'], frequency: ['cada 8 horas', 'every 8 hours'], duration: ['7 días', '7 days'], classes: ['penicillin', 'beta_lactam'] },
  { key: 'amoxicillin-clavulanate-875', name: ['Amoxicilina/ácido clavulánico', 'Amoxicillin/clavulanate'], strength: '875/125 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['cada 12 horas', 'every 12 hours'], duration: ['7 días', '7 days'], classes: ['penicillin', 'beta_lactam'] },
  { key: 'clindamycin-300', name: ['Clindamicina', 'Clindamycin'], strength: '300 mg', dose: ['1 cápsula', '1 capsule'], frequency: ['cada 8 horas', 'every 8 hours'], duration: ['7 días', '7 days'], classes: ['lincosamide'] },
  { key: 'azithromycin-500', name: ['Azitromicina', 'Azithromycin'], strength: '500 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['una vez al día', 'once a day'], duration: ['3 días', '3 days'], classes: ['macrolide'] },
  { key: 'metronidazole-500', name: ['Metronidazol', 'Metronidazole'], strength: '500 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['cada 8 horas', 'every 8 hours'], duration: ['7 días', '7 days'], classes: ['nitroimidazole'] },
  { key: 'cefadroxil-500', name: ['Cefadroxilo', 'Cefadroxil'], strength: '500 mg', dose: ['1 cápsula', '1 capsule'], frequency: ['cada 12 horas', 'every 12 hours'], duration: ['7 días', '7 days'], classes: ['cephalosporin', 'beta_lactam'] },
  { key: 'ibuprofen-400', name: ['Ibuprofeno', 'Ibuprofen'], strength: '400 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['cada 8 horas, con comida', 'every 8 hours, with food'], duration: ['3 días', '3 days'], classes: ['nsaid'] },
  { key: 'ibuprofen-600', name: ['Ibuprofeno', 'Ibuprofen'], strength: '600 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['cada 8 horas, con comida', 'every 8 hours, with food'], duration: ['3 días', '3 days'], classes: ['nsaid'] },
  { key: 'paracetamol-500', name: ['Paracetamol', 'Paracetamol'], strength: '500 mg', dose: ['2 comprimidos', '2 tablets'], frequency: ['cada 6 horas (máximo 4 g al día)', 'every 6 hours (no more than 4 g a day)'], duration: ['3 días', '3 days'], classes: ['analgesic'] },
  { key: 'ketorolac-10', name: ['Ketorolaco', 'Ketorolac'], strength: '10 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['cada 8 horas', 'every 8 hours'], duration: ['máximo 5 días', 'no more than 5 days'], classes: ['nsaid'] },
  { key: 'naproxen-550', name: ['Naproxeno sódico', 'Naproxen sodium'], strength: '550 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['cada 12 horas, con comida', 'every 12 hours, with food'], duration: ['3 días', '3 days'], classes: ['nsaid'] },
  { key: 'chlorhexidine-012', name: ['Clorhexidina colutorio', 'Chlorhexidine mouthwash'], strength: '0,12 %', dose: ['15 ml, enjuagar 30 segundos sin tragar', '15 ml, rinse for 30 seconds, do not swallow'], frequency: ['cada 12 horas', 'every 12 hours'], duration: ['7 días', '7 days'], classes: ['antiseptic'] },
  { key: 'nystatin-100k', name: ['Nistatina suspensión oral', 'Nystatin oral suspension'], strength: '100.000 UI/ml', dose: ['5 ml, mantener en la boca y tragar', '5 ml, hold in the mouth, then swallow'], frequency: ['cada 6 horas', 'every 6 hours'], duration: ['14 días', '14 days'], classes: ['antifungal'] },
  { key: 'acyclovir-cream', name: ['Aciclovir crema', 'Acyclovir cream'], strength: '5 %', dose: ['aplicar en la lesión', 'apply to the lesion'], frequency: ['5 veces al día', '5 times a day'], duration: ['5 días', '5 days'], classes: ['antiviral'] },
  { key: 'dexamethasone-4', name: ['Dexametasona', 'Dexamethasone'], strength: '4 mg', dose: ['1 comprimido', '1 tablet'], frequency: ['una vez al día', 'once a day'], duration: ['2 días', '2 days'], classes: ['corticosteroid'] },
];

export function medicineId(key: string): string {
  return `medicine:${key}`;
}

export function defaultMedicineRows(now: string): MedicinesTable[] {
  return STARTERS.map((s, i) => ({
    id: medicineId(s.key),
    name_es: s.name[0],
    name_en: s.name[1],
    strength: s.strength,
    dose_es: s.dose[0],
    dose_en: s.dose[1],
    frequency_es: s.frequency[0],
    frequency_en: s.frequency[1],
    duration_es: s.duration[0],
    duration_en: s.duration[1],
    classes: JSON.stringify(s.classes),
    active: 1,
    sort_order: (i + 1) * 10,
    created_at: now,
    updated_at: now,
  }));
}
