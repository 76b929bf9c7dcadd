import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../shared/contract/patients';
import { AlertBadges } from './AlertBadges';
import { documentText } from './format';
import { Highlight, digitChar, digitTerms, nameTerms } from './highlight';
import { patientName } from './names';

/**
 * One patient in a list of matches, with what tells namesakes apart: age,
 * document and phone, plus the alert badges. The typed text is marked.
 */
export function PatientResult({ patient, query }: { patient: PatientSummary; query: string }) {
  const { t } = useTranslation();
  const names = nameTerms(query);
  const digits = digitTerms(query);
  const document = documentText(patient.document, t);
  return (
    <span className="result">
      <span className="result-line">
        <span className="result-name">
          <Highlight text={patientName(patient)} terms={names} />
        </span>
        {patient.age !== null ? <span className="result-age">{t('patients.age', { count: patient.age })}</span> : null}
      </span>
      <span className="result-line result-sub">
        <span className={document ? 'result-doc' : 'result-doc muted'}>
          {document ? <Highlight text={document} terms={digits} normalize={digitChar} /> : t('patients.noDocument')}
        </span>
        <span className="result-phone">
          {patient.phone ? <Highlight text={patient.phone} terms={digits} normalize={digitChar} /> : <span className="muted">{t('patients.noPhone')}</span>}
        </span>
        {patient.email && names.some((term) => term.includes('@')) ? (
          <span className="result-email">
            <Highlight text={patient.email} terms={names} />
          </span>
        ) : null}
      </span>
      <AlertBadges alerts={patient.alerts} compact />
    </span>
  );
}
