import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingSettings } from '../../shared/contract/billing';
import { useClient } from '../app/client';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { Field } from '../ui/Field';
import { Section } from '../ui/PanelFrame';
import { errorMessage, fieldErrors } from '../ui/errors';

/** The ledger's practice settings, for the admin (settings.manage): the lock date, and whether reception takes payments. */
export function BillingSettingsSection({ settings }: { settings: BillingSettings }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [lockDate, setLockDate] = useState(settings.lockDate ?? '');
  const [reception, setReception] = useState(settings.receptionistPayments);
  const save = useMutation({
    mutationFn: () => client['billing.settings.update']({ lockDate: lockDate || null, receptionistPayments: reception }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['billing.account'] }),
  });
  const errors = fieldErrors(save.error);
  return (
    <Section title={t('billing.settings.title')}>
      <form
        className="billing-form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t('billing.settings.lockDate')} optional hint={t('billing.settings.lockDateHint')} error={errors.lockDate}>
          {(control) => <DateField {...control} className="input" value={lockDate} onChange={setLockDate} />}
        </Field>
        <label className="field-inline">
          <input type="checkbox" checked={reception} onChange={(e) => setReception(e.target.checked)} />
          <span>{t('billing.settings.receptionistPayments')}</span>
        </label>
        <div>
          <Button type="submit" busy={save.isPending}>
            {t('billing.settings.save')}
          </Button>
          <span role="status" className="muted">
            {save.isSuccess ? ` ${t('billing.settings.saved')}` : ''}
          </span>
          {save.error && Object.keys(errors).length === 0 ? (
            <p className="field-error" role="alert">
              {errorMessage(save.error)}
            </p>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
