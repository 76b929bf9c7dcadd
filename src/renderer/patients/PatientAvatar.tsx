import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../shared/contract/patients';
import { useClient } from '../app/client';
import { patientKeys } from './keys';
import { initialsOf, legalName } from './names';

/** The patient's photo, or their initials while there is none (or it is loading). */
export function PatientAvatar({ patient, size = 'lg' }: { patient: PatientRecord; size?: 'lg' | 'xl' }) {
  const { t } = useTranslation();
  const client = useClient();
  const photo = useQuery({
    queryKey: patientKeys.photo(patient.id),
    queryFn: () => client['patients.getPhoto']({ patientId: patient.id }),
    enabled: patient.hasPhoto,
    staleTime: 5 * 60_000,
  });
  const className = `patient-avatar patient-avatar-${size}`;
  if (patient.hasPhoto && photo.data) {
    return <img className={className} src={`data:${photo.data.mime};base64,${photo.data.dataBase64}`} alt={t('patients.photoOf', { name: legalName(patient) })} />;
  }
  return (
    <span className={`${className} patient-avatar-initials`} aria-hidden="true">
      {initialsOf(patient)}
    </span>
  );
}
