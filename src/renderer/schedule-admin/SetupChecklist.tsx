import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupStatus } from '../../shared/contract/schedule';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { useFirstStepsNavigation } from './first-steps';

/**
 * The schedule's first steps, done or missing, each missing one a button to
 * its setup tab. `compact`: one line above a schedule that already has
 * chairs; otherwise the empty schedule's whole content.
 */
export function SetupChecklist({ status, canManage, compact = false }: { status: SetupStatus; canManage: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const nav = useFirstStepsNavigation();
  const headingId = useId();
  const done = status.steps.filter((s) => s.done).length;
  return (
    <section className={compact ? 'first-steps first-steps-compact' : 'first-steps'} aria-labelledby={headingId}>
      <div className="first-steps-head">
        <h3 id={headingId} className="first-steps-title">
          {t('firstSteps.title')}
        </h3>
        <p className="first-steps-progress" aria-live="polite">
          {t('firstSteps.progress', { done, total: status.steps.length })}
        </p>
        <progress className="first-steps-bar" max={status.steps.length} value={done} aria-hidden="true" />
      </div>
      {compact ? null : <p className="muted">{t('firstSteps.intro')}</p>}
      <ol className="first-steps-list">
        {status.steps.map(({ step, done: isDone }) => (
          <li key={step} className={isDone ? 'first-step first-step-done' : 'first-step'}>
            <span className="first-step-mark" aria-hidden="true">
              {isDone ? <Icon name="check" size={16} /> : null}
            </span>
            <span className="first-step-text">
              <span className="first-step-title">{t(`firstSteps.steps.${step}.title`)}</span>
              {compact ? null : <span className="first-step-description">{t(`firstSteps.steps.${step}.description`)}</span>}
            </span>
            <span className={isDone ? 'badge badge-success' : 'badge badge-warning'}>{isDone ? t('firstSteps.done') : t('firstSteps.missing')}</span>
            {!isDone && canManage && nav ? (
              <Button size="sm" variant={compact ? 'ghost' : 'secondary'} onClick={() => nav.openStep(step)}>
                {t(`firstSteps.steps.${step}.go`)}
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      {canManage ? null : <p className="muted">{t('firstSteps.askAdmin')}</p>}
    </section>
  );
}
