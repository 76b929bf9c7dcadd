import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../shared/contract/patients';
import { AppError } from '../../shared/contract';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Spinner } from '../ui/Spinner';
import { errorMessage } from '../ui/errors';
import { PatientAvatar } from './PatientAvatar';
import { patientKeys, useInvalidatePatients } from './keys';
import { PHOTO_TYPES, resizePhoto } from './photo';

/** Uploading (resized here first), replacing and removing the patient's photo; each saves at once. */
export function PhotoControls({ patient, canWrite }: { patient: PatientRecord; canWrite: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const invalidate = useInvalidatePatients();
  const [notice, setNotice] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async (file: File | null) => {
      if (!file) return client['patients.setPhoto']({ patientId: patient.id, photo: null });
      let photo;
      try {
        photo = await resizePhoto(file);
      } catch {
        throw new AppError('VALIDATION', 'patients.photo.unreadable');
      }
      return client['patients.setPhoto']({ patientId: patient.id, photo });
    },
    onMutate: () => setNotice(null),
    onSuccess: async (result) => {
      queryClient.removeQueries({ queryKey: patientKeys.photo(patient.id) });
      await invalidate();
      setNotice(result.hasPhoto ? t('patients.photo.saved') : t('patients.photo.removed'));
    },
  });

  return (
    <div className="photo-controls">
      <PatientAvatar patient={patient} size="xl" />
      {canWrite ? (
        <div className="photo-actions">
          <label className={`btn btn-secondary btn-sm file-button${save.isPending ? ' file-button-busy' : ''}`}>
            <input
              type="file"
              className="sr-only"
              accept={PHOTO_TYPES.join(',')}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file && !save.isPending) save.mutate(file);
              }}
            />
            {save.isPending ? <Spinner /> : null}
            {patient.hasPhoto ? t('patients.photo.change') : t('patients.photo.upload')}
          </label>
          {patient.hasPhoto ? (
            <Button size="sm" variant="ghost" onClick={() => save.mutate(null)} busy={save.isPending && save.variables === null}>
              {t('patients.photo.remove')}
            </Button>
          ) : null}
          <p className="field-hint">{t('patients.photo.hint')}</p>
        </div>
      ) : null}
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
    </div>
  );
}
