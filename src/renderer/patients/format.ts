import type { TFunction } from 'i18next';
import type { PatientRecord, PatientSummary } from '../../shared/contract/patients';

type Coverage = PatientRecord['coverage'];
type Document = NonNullable<PatientSummary['document']>;

/** "RUT 12.345.678-5", "Pasaporte AB123456". */
export function documentText(document: Document | null, t: TFunction): string | null {
  return document ? `${t(`documents.${document.type}`)} ${document.formatted}` : null;
}

/** One line that says how the patient pays: "FONASA, tramo B", "Isapre Colmena, plan 12-A". */
export function coverageText(coverage: Coverage, t: TFunction): string {
  switch (coverage.kind) {
    case 'none':
      return t('coverage.none');
    case 'private':
      return t('coverage.private');
    case 'fonasa':
      return t('coverage.fonasaTramo', { tramo: coverage.tramo });
    case 'isapre':
      return coverage.planNumber
        ? t('coverage.isaprePlan', { isapre: coverage.isapre, plan: coverage.planNumber })
        : t('coverage.isapreOnly', { isapre: coverage.isapre });
    case 'insurer':
      return t('coverage.insurerDetail', { carrier: coverage.carrier, subscriberId: coverage.subscriberId });
  }
}
