import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The provider's professional registration number (printed on prescriptions),
 * edited in the providers table: saved when the field is left, if it changed.
 */
export function RegistrationInput({ name, value, onSave }: { name: string; value: string; onSave: (value: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  return (
    <input
      className="input input-narrow"
      aria-label={t('rx.registration.of', { name })}
      value={text}
      maxLength={40}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (text.trim() !== value) onSave(text.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}
