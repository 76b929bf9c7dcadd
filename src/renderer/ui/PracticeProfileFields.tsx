import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import { countryDefaults } from '../../shared/practice/regions';
import { labelOr } from '../app/i18n';
import { currentLanguage, isLanguage } from '../app/language';
import { Field } from './Field';
import { countryOptions, currencyOptions, extraZone, timeZoneGroups } from './regions';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

export interface ProfileDraft {
  name: string;
  country: string;
  timeZone: string;
  currency: string;
  language: Language;
}

interface Props {
  value: ProfileDraft;
  onChange: (next: ProfileDraft) => void;
  /** Translated messages keyed by profile field (name, country, ...). */
  errors: Record<string, string | undefined>;
  /** On first run a new country brings its usual zone and currency; later edits leave them alone. */
  prefillFromCountry: boolean;
}

/** The practice's identity and regional settings, shared by first-run setup and the settings panel. */
export function PracticeProfileFields({ value, onChange, errors, prefillFromCountry }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const countries = useMemo(() => countryOptions(language), [language]);
  const currencies = useMemo(() => currencyOptions(language, value.currency), [language, value.currency]);
  const zones = timeZoneGroups();
  const extra = extraZone(value.timeZone);

  const setCountry = (country: string) => {
    const defaults = prefillFromCountry ? countryDefaults(country) : undefined;
    onChange(defaults ? { ...value, country, timeZone: defaults.timeZone, currency: defaults.currency } : { ...value, country });
  };

  return (
    <div className="form-grid">
      <Field label={t('practice.name')} error={errors.name} className="span-2">
        {(control) => (
          <input maxLength={maxLengthAt(contract['app.setup'].input, 'practice.name')}
            {...control}
            className="input"
            autoComplete="organization"
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('practice.country')} error={errors.country}>
        {(control) => (
          <select {...control} className="select" value={value.country} onChange={(e) => setCountry(e.target.value)}>
            {countries.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('practice.language')} error={errors.language} hint={t('practice.languageHint')}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={value.language}
            onChange={(e) => {
              if (isLanguage(e.target.value)) onChange({ ...value, language: e.target.value });
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('practice.timeZone')}
        error={errors.timeZone}
        hint={prefillFromCountry ? t('practice.timeZoneHintSetup') : t('practice.timeZoneHint')}
      >
        {(control) => (
          <select {...control} className="select" value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.target.value })}>
            {extra ? <option value={extra.value}>{extra.label}</option> : null}
            {zones.map((group) => (
              <optgroup key={group.region} label={regionLabel(group.region)}>
                {group.zones.map((zone) => (
                  <option key={zone.value} value={zone.value}>
                    {zone.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('practice.currency')} error={errors.currency} hint={t('practice.currencyHint')}>
        {(control) => (
          <select {...control} className="select" value={value.currency} onChange={(e) => onChange({ ...value, currency: e.target.value })}>
            <optgroup label={t('practice.currencyCommon')}>
              {currencies.common.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('practice.currencyOthers')}>
              {currencies.others.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
    </div>
  );
}

/**
 * The zone group's name in the user's language ("America" → "América"), or the
 * IANA name itself for groups the catalog does not name. Looked up at run time:
 * typing this template key against the whole catalog is too deep for tsc.
 */
function regionLabel(region: string): string {
  return labelOr(`timeZoneRegions.${region}`, region);
}

export const PROFILE_FIELDS: readonly (keyof ProfileDraft)[] = ['name', 'country', 'timeZone', 'currency', 'language'];

/** Practice profile errors from main arrive under a prefix ("practice.name" in setup, "name" in settings). */
export function profileErrors(all: Record<string, string>, prefix = ''): Record<string, string | undefined> {
  return Object.fromEntries(PROFILE_FIELDS.map((k) => [k, all[`${prefix}${k}`]]));
}
