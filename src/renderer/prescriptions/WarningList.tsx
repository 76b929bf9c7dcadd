import { useTranslation } from 'react-i18next';
import type { AllergyWarningOut } from '../../shared/contract/prescriptions';

/** Each warning in words, naming the alert (or the allergies text) that raised it. */
export function WarningList({ warnings }: { warnings: readonly AllergyWarningOut[] }) {
  const { t } = useTranslation();
  return (
    <ul className="rx-warnings">
      {warnings.map((w) => (
        <li key={`${w.item}:${w.alert}`}>
          {w.alert === 'allergy_text'
            ? t('rx.warningText', { drug: w.drug, text: w.matched ?? '' })
            : t('rx.warningLine', { drug: w.drug, alert: t(`alerts.${w.alert}`), classes: w.classes.map((c) => t(`rx.classes.${c}`)).join(', ') })}
        </li>
      ))}
    </ul>
  );
}
