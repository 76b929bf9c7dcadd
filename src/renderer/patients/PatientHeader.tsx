import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../shared/contract/patients';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { AlertBadges } from './AlertBadges';
import { PatientAvatar } from './PatientAvatar';
import { coverageText, documentText } from './format';
import { patientName } from './names';

interface Props {
  patient: PatientRecord;
  headingRef: Ref<HTMLHeadingElement>;
  canWrite: boolean;
  onEdit: () => void;
  onEditAlerts: () => void;
  onMerge: () => void;
  onClose: () => void;
}

/** Who this is at a glance: photo, name, age, document, phones, coverage, and the alerts nobody may miss. */
export function PatientHeader({ patient, headingRef, canWrite, onEdit, onEditAlerts, onMerge, onClose }: Props) {
  const { t } = useTranslation();
  const document = documentText(patient.document, t);
  return (
    <header className="patient-header">
      <PatientAvatar patient={patient} />
      <div className="patient-heading">
        <h2 ref={headingRef} tabIndex={-1} className="panel-title patient-name">
          {patientName(patient)}
        </h2>
        <ul className="patient-meta">
          {patient.age !== null ? (
            <li>
              <Icon name="calendar" size={14} />
              {t('patients.age', { count: patient.age })}
            </li>
          ) : null}
          <li className={document ? undefined : 'muted'}>
            <Icon name="idCard" size={14} />
            {document ?? t('patients.noDocument')}
          </li>
          {patient.phones.length > 0 ? (
            patient.phones.map((phone) => (
              <li key={phone.e164}>
                <Icon name="phone" size={14} />
                {phone.formatted}
                {phone.whatsapp ? (
                  <span className="whatsapp-marker" title={t('patients.whatsappMarker')}>
                    <Icon name="chat" size={12} />
                    {t('patients.whatsapp')}
                  </span>
                ) : null}
              </li>
            ))
          ) : (
            <li className="muted">
              <Icon name="phone" size={14} />
              {t('patients.noPhone')}
            </li>
          )}
          <li>
            <Icon name="shield" size={14} />
            {coverageText(patient.coverage, t)}
          </li>
        </ul>
        <AlertBadges alerts={patient.alerts} showEmpty />
        {canWrite ? (
          <div className="patient-actions" role="group" aria-label={t('patients.actions')}>
            <Button size="sm" variant="secondary" icon="edit" onClick={onEdit}>
              {t('patients.edit')}
            </Button>
            <Button size="sm" variant="secondary" icon="alert" onClick={onEditAlerts}>
              {t('patients.editAlerts')}
            </Button>
            <Button size="sm" variant="ghost" icon="merge" onClick={onMerge}>
              {t('patients.merge')}
            </Button>
          </div>
        ) : null}
      </div>
      <Button size="sm" variant="ghost" className="btn-icon patient-close" aria-label={t('patients.close')} title={t('patients.close')} onClick={onClose}>
        <Icon name="close" size={16} />
      </Button>
    </header>
  );
}
