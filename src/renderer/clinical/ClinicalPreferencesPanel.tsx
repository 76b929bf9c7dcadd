import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../shared/contract';
import { TOOTH_NUMBERINGS, clinicalPreferencesSchema } from '../../shared/contract/practice';
import type { ClinicalPreferences } from '../../shared/contract/practice';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ChoiceGroup, Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { PanelFrame, Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { useFocusFirstInvalid } from '../ui/useFocusInvalid';

const PREFERENCES_KEY = ['clinical.preferences'] as const;
// Read from the contract so the hint and the range main enforces cannot disagree.
const range = (schema: { minValue: number | null; maxValue: number | null }) => ({ min: schema.minValue ?? 0, max: schema.maxValue ?? 0 });
const PROBING = range(clinicalPreferencesSchema.shape.probingAlertMm);
const BLEEDING = range(clinicalPreferencesSchema.shape.bleedingAlertPercent);

type Numbering = (typeof TOOTH_NUMBERINGS)[number];

export function ClinicalPreferencesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const preferences = useQuery({ queryKey: PREFERENCES_KEY, queryFn: () => client['clinical.preferences.get']({}) });
  return (
    <PanelFrame title={t('panels.clinical.title')} icon="clinical" description={t('panels.clinical.description')}>
      <QueryState query={preferences}>{(data) => <PreferencesForm initial={data} />}</QueryState>
    </PanelFrame>
  );
}

function PreferencesForm({ initial }: { initial: ClinicalPreferences }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [numbering, setNumbering] = useState<Numbering>(initial.toothNumbering);
  // Typed text, so a half-typed number is not rewritten under the cursor.
  const [probing, setProbing] = useState(String(initial.probingAlertMm));
  const [bleeding, setBleeding] = useState(String(initial.bleedingAlertPercent));
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const invalid: Record<string, string> = {};
      const probingMm = toInteger(probing);
      const bleedingPercent = toInteger(bleeding);
      if (probingMm === null) invalid.probingAlertMm = 'validation.invalid';
      if (bleedingPercent === null) invalid.bleedingAlertPercent = 'validation.invalid';
      if (probingMm === null || bleedingPercent === null) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: invalid });
      return client['clinical.preferences.update']({
        toothNumbering: numbering,
        probingAlertMm: probingMm,
        bleedingAlertPercent: bleedingPercent,
      });
    },
    onMutate: () => setSaved(false),
    onSuccess: async (next) => {
      queryClient.setQueryData(PREFERENCES_KEY, next);
      await queryClient.invalidateQueries({ queryKey: PREFERENCES_KEY });
      setSaved(true);
    },
  });

  const errors = fieldErrors(save.error);
  const topError = formError(save.error, ['toothNumbering', 'probingAlertMm', 'bleedingAlertPercent']);
  useFocusFirstInvalid(formRef, save.error);
  const changed = () => setSaved(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={t('panels.clinical.title')}>
      <Section title={t('clinical.numberingTitle')} description={t('clinical.numberingDescription')}>
        <ChoiceGroup<Numbering>
          legend={t('clinical.numbering')}
          name="tooth-numbering"
          value={numbering}
          onChange={(value) => {
            setNumbering(value);
            changed();
          }}
          error={errors.toothNumbering}
          options={TOOTH_NUMBERINGS.map((value) => ({
            value,
            label: t(`clinical.numberings.${value}.label`),
            description: t(`clinical.numberings.${value}.description`),
          }))}
        />
      </Section>
      <Section title={t('clinical.alertsTitle')} description={t('clinical.alertsDescription')}>
        <div className="form-grid">
          <Field
            label={t('clinical.probingAlert')}
            // Any problem with these numbers has one useful answer: the allowed range.
            error={errors.probingAlertMm ? t('clinical.probingRange', PROBING) : undefined}
            hint={t('clinical.probingHint')}
          >
            {(control) => (
              <div className="input-unit">
                <input
                  {...control}
                  className="input input-narrow"
                  type="number"
                  inputMode="numeric"
                  min={PROBING.min}
                  max={PROBING.max}
                  value={probing}
                  onChange={(e) => {
                    setProbing(e.target.value);
                    changed();
                  }}
                />
                <span aria-hidden="true">mm</span>
              </div>
            )}
          </Field>
          <Field
            label={t('clinical.bleedingAlert')}
            error={errors.bleedingAlertPercent ? t('clinical.bleedingRange', BLEEDING) : undefined}
            hint={t('clinical.bleedingHint')}
          >
            {(control) => (
              <div className="input-unit">
                <input
                  {...control}
                  className="input input-narrow"
                  type="number"
                  inputMode="numeric"
                  min={BLEEDING.min}
                  max={BLEEDING.max}
                  value={bleeding}
                  onChange={(e) => {
                    setBleeding(e.target.value);
                    changed();
                  }}
                />
                <span aria-hidden="true">%</span>
              </div>
            )}
          </Field>
        </div>
      </Section>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {saved ? <Alert tone="success">{t('clinical.saved')}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('common.saveChanges')}
        </Button>
      </div>
    </form>
  );
}

function toInteger(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) ? value : null;
}
