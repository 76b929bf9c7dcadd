import type { AlertCode } from '../patients/alerts';
import { fold } from '../text/fold';

/*
 * The allergy and medical-alert check before a prescription is printed.
 *
 * Each medicine carries class tags; each structured alert names the classes
 * it conflicts with. The free-text allergies of the medical history are read
 * too: a class or drug name written there ("alérgico a la penicilina",
 * "sulfa") warns as well. This is decision support: every warning names the
 * alert (or the text) that raised it, and the prescriber may confirm and
 * proceed; main records that confirmation.
 */

export const DRUG_CLASSES = [
  'penicillin',
  'beta_lactam',
  'cephalosporin',
  'lincosamide',
  'macrolide',
  'nitroimidazole',
  'tetracycline',
  'nsaid',
  'analgesic',
  'opioid',
  'corticosteroid',
  'antiseptic',
  'antifungal',
  'antiviral',
  'local_anesthetic',
  'sulfonamide',
] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

/** What each medical alert conflicts with. Absolute allergies first; then alerts where the class needs care. */
export const ALERT_CONFLICTS: Readonly<Partial<Record<AlertCode, readonly DrugClass[]>>> = {
  allergy_penicillin: ['penicillin', 'beta_lactam', 'cephalosporin'],
  allergy_nsaid: ['nsaid'],
  allergy_local_anesthetic: ['local_anesthetic'],
  // Bleeding: NSAIDs add to anticoagulation and bleeding disorders; metronidazole potentiates warfarin.
  anticoagulants: ['nsaid', 'nitroimidazole'],
  bleeding_disorder: ['nsaid'],
  // NSAIDs in pregnancy (third trimester) and tetracyclines (teeth and bone of the child).
  pregnancy: ['nsaid', 'tetracycline'],
  // NSAID-exacerbated respiratory disease.
  asthma: ['nsaid'],
};

/** Words that mean a class when written in the free-text allergies, in Spanish and English (folded). */
const CLASS_WORDS: Readonly<Record<DrugClass, readonly string[]>> = {
  penicillin: ['penicilin', 'amoxicilin', 'ampicilin', 'betalactam', 'beta-lactam', 'beta lactam'],
  beta_lactam: ['betalactam', 'beta-lactam', 'beta lactam'],
  cephalosporin: ['cefalospor', 'cephalospor', 'cefalexin', 'cephalexin', 'cefadroxil'],
  lincosamide: ['clindamic', 'lincosamid'],
  macrolide: ['macrolid', 'azitromic', 'azithromyc', 'eritromic', 'erythromyc', 'claritromic', 'clarithromyc'],
  nitroimidazole: ['metronidazol', 'nitroimidazol'],
  tetracycline: ['tetracicl', 'tetracycl', 'doxicicl', 'doxycycl'],
  nsaid: ['aine', 'nsaid', 'antiinflamatorio', 'anti-inflamatorio', 'ibuprofen', 'ketorolac', 'diclofenac', 'naproxen', 'aspirin', 'acido acetilsalicilico', 'ketoprofen', 'nimesulid'],
  analgesic: ['paracetamol', 'acetaminophen', 'acetaminofen'],
  opioid: ['opioid', 'opiaceo', 'codein', 'tramadol'],
  corticosteroid: ['corticoid', 'corticosteroid', 'dexametason', 'dexamethason', 'prednison'],
  antiseptic: ['clorhexidin', 'chlorhexidin'],
  antifungal: ['antifungic', 'antifungal', 'nistatin', 'nystatin', 'fluconazol'],
  antiviral: ['aciclovir', 'acyclovir'],
  local_anesthetic: ['lidocain', 'mepivacain', 'articain', 'anestesi', 'anesthetic', 'anaesthetic'],
  sulfonamide: ['sulfa', 'sulfonamid', 'cotrimoxazol'],
};

export interface CheckedDrug {
  /** The drug as it will print ("Amoxicilina"). */
  drug: string;
  classes: readonly string[];
}

export interface AllergyWarning {
  /** Which line of the prescription (0-based). */
  item: number;
  drug: string;
  /** The structured alert, or 'allergy_text' when the free-text allergies matched. */
  alert: AlertCode | 'allergy_text';
  /** The classes of the drug that conflict. */
  classes: DrugClass[];
  /** For 'allergy_text': the words of the allergies field that matched. */
  matched?: string;
}

export interface PatientAlerts {
  alerts: readonly AlertCode[];
  /** The medical history's free-text allergies. */
  allergies: string;
}

/** A stem written at the start of a word of the text ("aine" in "alergia a AINE", not inside another word). */
function mentions(text: string, stem: string): boolean {
  let at = text.indexOf(stem);
  while (at >= 0) {
    if (at === 0 || !/[a-z0-9]/.test(text[at - 1]!)) return true;
    at = text.indexOf(stem, at + 1);
  }
  return false;
}

function isClass(value: string): value is DrugClass {
  return (DRUG_CLASSES as readonly string[]).includes(value);
}

/** Every conflict between the drugs and the patient's alerts, one per drug and alert. */
export function allergyWarnings(drugs: readonly CheckedDrug[], patient: PatientAlerts): AllergyWarning[] {
  const out: AllergyWarning[] = [];
  const allergies = fold(patient.allergies);
  drugs.forEach((drug, item) => {
    const classes = drug.classes.filter(isClass);
    for (const alert of patient.alerts) {
      const conflicts = ALERT_CONFLICTS[alert];
      if (!conflicts) continue;
      const hit = classes.filter((c) => conflicts.includes(c));
      if (hit.length) out.push({ item, drug: drug.drug, alert, classes: hit });
    }
    if (allergies.trim()) {
      const name = fold(drug.drug).trim();
      const hit = classes.filter((c) => CLASS_WORDS[c].some((w) => mentions(allergies, w)));
      const byName = name.length >= 4 && mentions(allergies, name);
      if (hit.length || byName) out.push({ item, drug: drug.drug, alert: 'allergy_text', classes: hit, matched: patient.allergies.trim().slice(0, 200) });
    }
  });
  return out;
}

/** The same warnings in a stable form, to compare what main found with what the prescriber confirmed. */
export function warningKey(w: Pick<AllergyWarning, 'item' | 'alert'>): string {
  return `${w.item}:${w.alert}`;
}
