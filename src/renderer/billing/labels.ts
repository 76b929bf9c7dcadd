import type { TFunction } from 'i18next';
import type { PostingOut } from '../../shared/contract/billing';

/** One line saying what a posting is: "Cargo · RES-C3 Resina compuesta · pieza 19 MOD", "Pago · Efectivo · Boleta N° 123". */
export function postingTitle(t: TFunction, p: Pick<PostingOut, 'kind' | 'procedureCode' | 'procedureName' | 'tooth' | 'surfaces' | 'method' | 'adjustmentType' | 'taxDocumentKind' | 'taxDocumentNumber'>, toothLabel: (tooth: string) => string): string {
  const parts: string[] = [t(`billing.kinds.${p.kind}`)];
  if (p.procedureCode) parts.push([p.procedureCode, p.procedureName].filter(Boolean).join(' '));
  if (p.tooth) parts.push(t('billing.postings.tooth', { tooth: `${p.tooth.split(',').map(toothLabel).join('–')}${p.surfaces ? ` ${p.surfaces}` : ''}` }));
  if (p.kind === 'adjustment' && p.adjustmentType) parts.push(t(`billing.adjustmentTypes.${p.adjustmentType as 'discount' | 'write_off'}`));
  if (p.kind === 'credit' && p.adjustmentType) parts.push(t(`billing.creditTypes.${p.adjustmentType as 'prepayment' | 'credit_pack'}`));
  if (p.method && p.kind !== 'charge') parts.push(t(`billing.methods.${p.method}`));
  if (p.taxDocumentKind || p.taxDocumentNumber) parts.push(t('billing.postings.taxDocument', { kind: p.taxDocumentKind ? t(`billing.taxDocuments.${p.taxDocumentKind}`) : '', number: p.taxDocumentNumber ?? '' }).trim());
  return parts.join(' · ');
}

/** A fresh id for a posting, so a retried call has no second effect. */
export const newClientId = (): string => crypto.randomUUID();
