import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../shared/contract';
import { IDLE_LOCK_MINUTES } from '../../shared/contract/practice';
import { useClient } from '../app/client';
import { STATUS_KEY } from '../app/query';
import { useAppStatus } from '../app/status';
import type { AppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { PanelFrame, Section } from '../ui/PanelFrame';
import { PROFILE_FIELDS, PracticeProfileFields, profileErrors } from '../ui/PracticeProfileFields';
import type { ProfileDraft } from '../ui/PracticeProfileFields';
import { ErrorNotice } from '../ui/QueryState';
import { useFocusFirstInvalid } from '../ui/useFocusInvalid';
import { AUDIT_KEY } from './keys';

const SHOWN = [...PROFILE_FIELDS, 'idleLockMinutes'];

export function PracticeSettingsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const status = useAppStatus();
  const practice = status.practice;
  const formRef = useRef<HTMLFormElement>(null);

  const [profile, setProfile] = useState<ProfileDraft>(() => ({
    name: practice?.name ?? '',
    country: practice?.country ?? 'CL',
    timeZone: practice?.timeZone ?? 'UTC',
    currency: practice?.currency ?? 'USD',
    language: practice?.language ?? 'es',
  }));
  // Kept as typed text so a half-typed number is not rewritten under the cursor.
  const [idleText, setIdleText] = useState(String(practice?.idleLockMinutes ?? IDLE_LOCK_MINUTES.default));
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const idle = Number(idleText);
      if (idleText.trim() === '' || !Number.isInteger(idle)) {
        throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { idleLockMinutes: 'validation.invalid' } });
      }
      return client['practice.update']({ ...profile, idleLockMinutes: idle });
    },
    onMutate: () => setSaved(false),
    onSuccess: async (next) => {
      queryClient.setQueryData<AppStatus>(STATUS_KEY, (s) => s && { ...s, practice: next });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: STATUS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]);
      setSaved(true);
    },
  });

  const errors = fieldErrors(save.error);
  const topError = formError(save.error, SHOWN);
  useFocusFirstInvalid(formRef, save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };

  // The palette lets any role come here; say why nothing can be changed rather than fail on save.
  if (!status.session?.permissions.includes('settings.manage')) {
    return (
      <PanelFrame title={t('panels.practice.title')} icon="building" description={t('panels.practice.description')}>
        <ErrorNotice error={new AppError('FORBIDDEN', 'errors.FORBIDDEN', { params: { permission: 'settings.manage' } })} />
      </PanelFrame>
    );
  }

  return (
    <PanelFrame title={t('panels.practice.title')} icon="building" description={t('panels.practice.description')}>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={t('panels.practice.title')}>
        <Section title={t('settings.profileTitle')} description={t('settings.profileDescription')}>
          <PracticeProfileFields value={profile} onChange={(next) => {
              setProfile(next);
              setSaved(false);
            }} errors={profileErrors(errors)} prefillFromCountry={false} />
        </Section>
        <Section title={t('settings.securityTitle')} description={t('settings.securityDescription')}>
          <div className="form-grid">
            <Field
              label={t('settings.idleLockMinutes')}
              // Any problem with this number has one useful answer: the allowed range.
              error={errors.idleLockMinutes ? t('settings.idleLockRange', { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max }) : undefined}
              hint={t('settings.idleLockHint', { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max })}
            >
              {(control) => (
                <input
                  {...control}
                  className="input input-narrow"
                  type="number"
                  inputMode="numeric"
                  min={IDLE_LOCK_MINUTES.min}
                  max={IDLE_LOCK_MINUTES.max}
                  step={1}
                  value={idleText}
                  onChange={(e) => {
                    setIdleText(e.target.value);
                    setSaved(false);
                  }}
                />
              )}
            </Field>
          </div>
        </Section>
        {topError ? <Alert tone="error">{topError}</Alert> : null}
        {saved ? <Alert tone="success">{t('settings.saved')}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t('common.saveChanges')}
          </Button>
        </div>
      </form>
    </PanelFrame>
  );
}
