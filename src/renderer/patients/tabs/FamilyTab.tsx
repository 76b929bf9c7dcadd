import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Section } from '../../ui/PanelFrame';
import type { PatientTabProps } from './types';

/** The responsible party and every patient linked through one, each a click away. */
export function FamilyTab({ patient, onOpenPatient }: PatientTabProps) {
  const { t } = useTranslation();
  const guarantor = patient.guarantor;
  // The guarantor is shown above, with the relationship the record gives; not twice.
  const family = patient.family.filter((member) => member.id !== patient.guarantorPatient?.id);
  return (
    <div className="family-tab">
      <Section title={t('patients.family.guarantorTitle')}>
        {guarantor.kind === 'self' ? (
          <p>{patient.age !== null && patient.age < 18 ? <span className="text-warning">{t('patients.guarantorMinor')}</span> : t('patients.guarantorSelf')}</p>
        ) : guarantor.kind === 'patient' && patient.guarantorPatient ? (
          <div className="family-member">
            <Icon name="person" size={18} />
            <span className="family-name">{patient.guarantorPatient.displayName}</span>
            <span className="muted">{t(`relationships.${guarantor.relationship}`)}</span>
            <Button size="sm" variant="secondary" onClick={() => onOpenPatient(patient.guarantorPatient!.id)}>
              {t('patients.family.open', { name: patient.guarantorPatient.displayName })}
            </Button>
          </div>
        ) : guarantor.kind === 'person' ? (
          <div className="family-member">
            <Icon name="person" size={18} />
            <span className="family-name">{guarantor.name}</span>
            <span className="muted">{t(`relationships.${guarantor.relationship}`)}</span>
            {guarantor.phone ? <span>{guarantor.phone}</span> : null}
          </div>
        ) : null}
      </Section>
      <Section title={t('patients.family.title')} description={t('patients.family.description')}>
        {family.length === 0 ? (
          <p className="muted">{t('patients.family.empty')}</p>
        ) : (
          <ul className="family-list">
            {family.map((member) => (
              <li key={member.id} className="family-member">
                <Icon name="person" size={18} />
                <span className="family-name">{member.displayName}</span>
                <span className="muted">{member.relationship ? t(`relationships.${member.relationship}`) : t('patients.family.relationshipUnknown')}</span>
                <Button size="sm" variant="secondary" onClick={() => onOpenPatient(member.id)}>
                  {t('patients.family.open', { name: member.displayName })}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
