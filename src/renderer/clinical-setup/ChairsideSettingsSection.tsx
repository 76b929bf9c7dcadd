import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINDING_STATUSES } from '../../shared/chart/findings';
import { AppError } from '../../shared/contract';
import { CHART_PALETTE_PRESETS } from '../../shared/contract/chairside';
import type { ChairsideSettings } from '../../shared/contract/chairside';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { CHAIRSIDE_SETTINGS_KEY, CHART_KEY } from './keys';

export function ChairsideSettingsSection() {
  const client = useClient();
  const settings = useQuery({ queryKey: CHAIRSIDE_SETTINGS_KEY, queryFn: () => client['chairside.settings.get']({}) });
  return <QueryState query={settings}>{(data) => <SettingsForm initial={data} />}</QueryState>;
}

type Numbers = { pdMm: string; calMm: string; plaque: string };
const SHOWN = [...FINDING_STATUSES.map((s) => `palette.${s}`), 'perioEntry.order', 'perioEntry.passes', 'compareThresholds.pdMm', 'compareThresholds.calMm', 'plaqueAlertPercent'];

function SettingsForm({ initial }: { initial: ChairsideSettings }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  // Kept as typed text so a half-typed number is not rewritten under the cursor.
  const [numbers, setNumbers] = useState<Numbers>({ pdMm: String(initial.compareThresholds.pdMm), calMm: String(initial.compareThresholds.calMm), plaque: String(initial.plaqueAlertPercent) });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const bad: Record<string, string> = {};
      const num = (text: string, path: string) => {
        const n = Number(text);
        if (text.trim() === '' || !Number.isInteger(n)) bad[path] = 'validation.invalid';
        return n;
      };
      const pdMm = num(numbers.pdMm, 'compareThresholds.pdMm');
      const calMm = num(numbers.calMm, 'compareThresholds.calMm');
      const plaqueAlertPercent = num(numbers.plaque, 'plaqueAlertPercent');
      if (Object.keys(bad).length > 0) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: bad });
      return client['chairside.settings.update']({ ...draft, compareThresholds: { pdMm, calMm }, plaqueAlertPercent });
    },
    onMutate: () => setSaved(false),
    onSuccess: async (next) => {
      queryClient.setQueryData(CHAIRSIDE_SETTINGS_KEY, next);
      setDraft(next);
      await Promise.all([queryClient.invalidateQueries({ queryKey: CHAIRSIDE_SETTINGS_KEY }), queryClient.invalidateQueries({ queryKey: CHART_KEY })]);
      setSaved(true);
    },
  });
  const errors = fieldErrors(save.error);
  const topError = formError(save.error, SHOWN);
  const change = (patch: Partial<ChairsideSettings>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setNumber = (patch: Partial<Numbers>) => {
    setSaved(false);
    setNumbers((n) => ({ ...n, ...patch }));
  };
  return (
    <form
      className="sl-form"
      noValidate
      aria-label={t('clinicalSetup.tabs.chairside')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      <Section title={t('clinicalSetup.chairside.paletteTitle')} description={t('clinicalSetup.chairside.paletteDescription')}>
        <div className="form-grid form-grid-3">
          {FINDING_STATUSES.map((status) => (
            <Field key={status} label={t('clinicalSetup.chairside.colourOf', { status: t(`chart.statuses.${status}`) })} error={errors[`palette.${status}`]}>
              {(control) => (
                <input
                  {...control}
                  type="color"
                  className="sa-colour"
                  value={draft.palette[status]}
                  onChange={(e) => change({ palette: { ...draft.palette, [status]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="sa-row" role="group" aria-label={t('clinicalSetup.chairside.presets')}>
          <Button size="sm" onClick={() => change({ palette: { ...CHART_PALETTE_PRESETS.red_planned } })}>
            {t('clinicalSetup.chairside.presetRed')}
          </Button>
          <Button size="sm" onClick={() => change({ palette: { ...CHART_PALETTE_PRESETS.blue_planned } })}>
            {t('clinicalSetup.chairside.presetBlue')}
          </Button>
        </div>
      </Section>
      <Section title={t('clinicalSetup.chairside.perioTitle')}>
        <div className="form-grid">
          <Field label={t('clinicalSetup.chairside.order')} error={errors['perioEntry.order']}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.perioEntry.order}
                onChange={(e) => change({ perioEntry: { ...draft.perioEntry, order: e.target.value as ChairsideSettings['perioEntry']['order'] } })}
              >
                <option value="open_dental">{t('clinicalSetup.chairside.orders.open_dental')}</option>
                {/* Custom segments are kept when already set; editing them is not offered here yet. */}
                {draft.perioEntry.customOrder.length > 0 ? <option value="custom">{t('clinicalSetup.chairside.orders.custom')}</option> : null}
              </select>
            )}
          </Field>
          <Field label={t('clinicalSetup.chairside.passes')} error={errors['perioEntry.passes']}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.perioEntry.passes}
                onChange={(e) => change({ perioEntry: { ...draft.perioEntry, passes: e.target.value as ChairsideSettings['perioEntry']['passes'] } })}
              >
                <option value="separate">{t('clinicalSetup.chairside.passesOptions.separate')}</option>
                <option value="interleaved">{t('clinicalSetup.chairside.passesOptions.interleaved')}</option>
              </select>
            )}
          </Field>
          <label className="sl-inline">
            <input type="checkbox" checked={draft.perioEntry.includeMgj} onChange={(e) => change({ perioEntry: { ...draft.perioEntry, includeMgj: e.target.checked } })} />
            {t('clinicalSetup.chairside.includeMgj')}
          </label>
          <label className="sl-inline">
            <input type="checkbox" checked={draft.allowCoSign} onChange={(e) => change({ allowCoSign: e.target.checked })} />
            {t('clinicalSetup.chairside.allowCoSign')}
          </label>
        </div>
      </Section>
      <Section title={t('clinicalSetup.chairside.compareTitle')}>
        <div className="form-grid form-grid-3">
          <Field label={t('clinicalSetup.chairside.pdMm')} error={errors['compareThresholds.pdMm'] ? t('clinical.probingRange', { min: 1, max: 10 }) : undefined}>
            {(control) => <input {...control} className="input input-narrow" type="number" inputMode="numeric" min={1} max={10} step={1} value={numbers.pdMm} onChange={(e) => setNumber({ pdMm: e.target.value })} />}
          </Field>
          <Field label={t('clinicalSetup.chairside.calMm')} error={errors['compareThresholds.calMm'] ? t('clinical.probingRange', { min: 1, max: 10 }) : undefined}>
            {(control) => <input {...control} className="input input-narrow" type="number" inputMode="numeric" min={1} max={10} step={1} value={numbers.calMm} onChange={(e) => setNumber({ calMm: e.target.value })} />}
          </Field>
          <Field
            label={t('clinicalSetup.chairside.plaque')}
            hint={t('clinicalSetup.chairside.plaqueHint')}
            error={errors.plaqueAlertPercent ? t('clinical.bleedingRange', { min: 0, max: 100 }) : undefined}
          >
            {(control) => <input {...control} className="input input-narrow" type="number" inputMode="numeric" min={0} max={100} step={1} value={numbers.plaque} onChange={(e) => setNumber({ plaque: e.target.value })} />}
          </Field>
        </div>
      </Section>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {saved ? <Alert tone="success">{t('clinicalSetup.saved')}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('common.saveChanges')}
        </Button>
      </div>
    </form>
  );
}
