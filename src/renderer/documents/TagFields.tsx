import { useTranslation } from 'react-i18next';
import type { Notation } from '../../shared/chart/teeth';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents/kinds';
import { DateField } from '../ui/DateField';
import { Field } from '../ui/Field';

export interface TagValues {
  kind: DocumentKind;
  takenOn: string;
  teethText: string;
}

/** Type, date and teeth of a document: the same three fields when attaching and when editing. */
export function TagFields({ value, onChange, notation, teethError, dateError }: { value: TagValues; onChange: (next: TagValues) => void; notation: Notation; teethError?: string; dateError?: string }) {
  const { t } = useTranslation();
  return (
    <div className="document-tags">
      <Field label={t('patientDocuments.kind')}>
        {(control) => (
          <select {...control} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as DocumentKind })}>
            {DOCUMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`patientDocuments.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('patientDocuments.takenOn')} error={dateError}>
        {(control) => <DateField {...control} value={value.takenOn} onChange={(takenOn) => onChange({ ...value, takenOn })} />}
      </Field>
      <Field label={t('patientDocuments.teeth')} optional hint={t('patientDocuments.teethHint', { numbering: t(`chart.notations.${notation}`) })} error={teethError}>
        {(control) => <input {...control} value={value.teethText} onChange={(e) => onChange({ ...value, teethText: e.target.value })} />}
      </Field>
    </div>
  );
}
