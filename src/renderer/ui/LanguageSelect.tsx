import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import { isLanguage } from '../app/language';
import { Icon } from './Icon';

/** The compact language switch of the top bar and the sign-in screens. */
export function LanguageSelect({ value, onChange, disabled }: { value: Language; onChange: (language: Language) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="language-select">
      <Icon name="globe" size={16} />
      <select
        id={id}
        className="select select-compact"
        aria-label={t('common.language')}
        value={value}
        // Not `disabled` while the switch is on its way: that would drop the keyboard focus to <body>.
        aria-disabled={disabled || undefined}
        onChange={(event) => {
          if (!disabled && isLanguage(event.target.value)) onChange(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
