import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon';
import { useInstantParts, usePracticeTime } from '../../ui/format';
import { PatientRecalls } from '../../recall/PatientRecalls';
import { PhotoControls } from '../PhotoControls';
import { coverageText, documentText } from '../format';
import type { PatientTabProps } from './types';

/** A card of labelled facts; `text` holds one statement instead (a <dl> needs its terms). */
function Facts({ title, children, text }: { title: string; children?: ReactNode; text?: ReactNode }) {
  const id = `facts-${title.replace(/\W+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id} className="card-title">
        {title}
      </h3>
      {text !== undefined ? <div className="facts-text">{text}</div> : <dl className="facts">{children}</dl>}
    </section>
  );
}

/** Demographics, read-only, grouped as the form groups them; Edit opens the form. */
export function DetailsTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const instant = useInstantParts();
  const time = usePracticeTime();
  const canWrite = permissions.includes('patients.write');
  const none = <span className="muted">{t('patients.notRecorded')}</span>;
  const or = (value: ReactNode) => (value === '' || value === null || value === undefined ? none : value);
  const address = patient.address;
  const addressLines = address ? [address.street, [address.district, address.city].filter(Boolean).join(', '), [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean) : [];
  const guarantor = patient.guarantor;
  const created = instant(patient.createdAt);
  const updated = instant(patient.updatedAt);

  return (
    <div className="details-tab">
      <div className="cards">
        <Facts title={t('patients.sections.identity')}>
          <dt>{t('patients.fields.fullName')}</dt>
          <dd>{[patient.givenNames, patient.firstSurname, patient.secondSurname].filter(Boolean).join(' ')}</dd>
          {patient.preferredName ? (
            <>
              <dt>{t('patients.fields.preferredName')}</dt>
              <dd>{patient.preferredName}</dd>
            </>
          ) : null}
          <dt>{t('patients.fields.document')}</dt>
          <dd>{or(documentText(patient.document, t))}</dd>
          <dt>{t('patients.fields.birthDate')}</dt>
          <dd>
            {patient.birthDate ? (
              <>
                {time.day(patient.birthDate)}
                {patient.age !== null ? <span className="muted"> · {t('patients.age', { count: patient.age })}</span> : null}
              </>
            ) : (
              none
            )}
          </dd>
          <dt>{t('patients.fields.sex')}</dt>
          <dd>{patient.sex ? t(`sexes.${patient.sex}`) : none}</dd>
          <dt>{t('patients.fields.gender')}</dt>
          <dd>{patient.gender ? t(`genders.${patient.gender}`) : none}</dd>
        </Facts>

        <Facts title={t('patients.sections.contact')}>
          <dt>{t('patients.fields.phones')}</dt>
          <dd>
            {patient.phones.length > 0 ? (
              <ul className="phone-list">
                {patient.phones.map((phone) => (
                  <li key={phone.e164}>
                    <span className="nowrap">{phone.formatted}</span> <span className="muted">{t(`phoneKinds.${phone.kind}`)}</span>
                    {phone.whatsapp ? (
                      <span className="whatsapp-marker">
                        <Icon name="chat" size={13} />
                        {t('patients.whatsapp')}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
          <dt>{t('patients.fields.email')}</dt>
          <dd>{or(patient.email)}</dd>
          <dt>{t('patients.sections.address')}</dt>
          <dd>{addressLines.length > 0 ? addressLines.map((line) => <span key={line} className="block">{line}</span>) : none}</dd>
        </Facts>

        {patient.emergencyContact ? (
          <Facts title={t('patients.sections.emergency')}>
            <dt>{t('patients.fields.fullName')}</dt>
            <dd>
              {patient.emergencyContact.name} <span className="muted">({t(`relationships.${patient.emergencyContact.relationship}`)})</span>
            </dd>
            <dt>{t('patients.fields.phones')}</dt>
            <dd>{patient.emergencyContact.phone}</dd>
          </Facts>
        ) : (
          <Facts title={t('patients.sections.emergency')} text={none} />
        )}

        <Facts
          title={t('patients.sections.guarantor')}
          text={
            guarantor.kind === 'self' ? (
              patient.age !== null && patient.age < 18 ? (
                <span className="text-warning">{t('patients.guarantorMinor')}</span>
              ) : (
                t('patients.guarantorSelf')
              )
            ) : guarantor.kind === 'patient' ? (
              <>
                {patient.guarantorPatient?.displayName ?? '—'} <span className="muted">({t(`relationships.${guarantor.relationship}`)})</span>
              </>
            ) : (
              <>
                {guarantor.name} <span className="muted">({t(`relationships.${guarantor.relationship}`)})</span>
                {guarantor.document ? <span className="block">{`${t(`documents.${guarantor.document.type}`)} ${guarantor.document.number}`}</span> : null}
                {guarantor.phone ? <span className="block">{guarantor.phone}</span> : null}
              </>
            )
          }
        />

        <Facts
          title={t('patients.sections.coverage')}
          text={
            <>
              {coverageText(patient.coverage, t)}
              {patient.coverage.kind === 'insurer' && patient.coverage.subscriberName ? (
                <span className="block muted">{t('coverage.insurerHolder', { name: patient.coverage.subscriberName })}</span>
              ) : null}
            </>
          }
        />

        <Facts title={t('patients.sections.other')}>
          <dt>{t('patients.fields.referralSource')}</dt>
          <dd>{or(patient.referralSource)}</dd>
          <dt>{t('patients.fields.notes')}</dt>
          <dd className="pre-line">{or(patient.notes)}</dd>
          <dt>{t('patients.fields.createdAt')}</dt>
          <dd>
            {created.date} {created.time}
          </dd>
          <dt>{t('patients.fields.updatedAt')}</dt>
          <dd>
            {updated.date} {updated.time}
          </dd>
        </Facts>

        <section className="card" aria-labelledby="facts-photo">
          <h3 id="facts-photo" className="card-title">
            {t('patients.sections.photo')}
          </h3>
          <PhotoControls patient={patient} canWrite={canWrite} />
        </section>

        {permissions.includes('schedule.read') ? <PatientRecalls patientId={patient.id} patientName={[patient.givenNames, patient.firstSurname, patient.secondSurname].filter(Boolean).join(' ')} permissions={permissions} /> : null}
      </div>
    </div>
  );
}
