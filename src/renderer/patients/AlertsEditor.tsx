import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../shared/contract/patients';
import type { AlertCode } from '../../shared/patients/alerts';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Section } from '../ui/PanelFrame';
import { errorMessage } from '../ui/errors';
import { AlertCheckboxes } from './AlertCheckboxes';
import { useInvalidatePatients } from './keys';
import { legalName } from './names';

/** The front desk's path to the alert badges alone (patients.setAlerts); main records it as a new history version. */
export function AlertsEditor({ patient, onDone, onCancel }: { patient: PatientRecord; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const invalidate = useInvalidatePatients();
  const formRef = useRef<HTMLFormElement>(null);
  const [alerts, setAlerts] = useState<AlertCode[]>(patient.alerts);
  // Opened from the record's header, whose button is gone once the form replaces the tabs: the keyboard goes to the first alert.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
  }, []);
  const save = useMutation({
    mutationFn: () => client['patients.setAlerts']({ patientId: patient.id, alerts }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  const title = t('patients.alertsEditor.title', { name: legalName(patient) });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={title} className="alerts-editor">
      <Section title={title} description={t('patients.alertsEditor.description')}>
        <AlertCheckboxes legend={t('patients.alertsEditor.legend')} value={alerts} onChange={setAlerts} />
      </Section>
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      <div className="form-actions">
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('patients.alertsEditor.save')}
        </Button>
      </div>
    </form>
  );
}
