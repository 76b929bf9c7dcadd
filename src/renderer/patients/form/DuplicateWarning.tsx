import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { duplicateCandidateSchema } from '../../../shared/contract/patients';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { PatientResult } from '../PatientResult';
import { patientName } from '../names';

export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

interface Props {
  candidates: readonly DuplicateCandidate[];
  onOpen: (id: string) => void;
  onCreateAnyway: () => void;
  busy: boolean;
}

/**
 * Shown instead of saving when the new patient looks like one already
 * registered. It takes the keyboard, so the choice is made before anything else.
 */
export function DuplicateWarning({ candidates, onOpen, onCreateAnyway, busy }: Props) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'nearest' });
  }, [candidates]);
  return (
    <section className="duplicates" aria-labelledby="duplicates-title">
      <h3 id="duplicates-title" ref={headingRef} tabIndex={-1} className="duplicates-title">
        <Icon name="alert" size={18} />
        {t('duplicates.title')}
      </h3>
      <p>{t('duplicates.intro')}</p>
      <ul className="duplicates-list" aria-label={t('duplicates.listLabel')}>
        {candidates.map((candidate) => {
          const name = patientName(candidate);
          return (
            <li key={candidate.id} className="duplicate">
              <PatientResult patient={candidate} query="" />
              <p className="duplicate-reasons">
                {candidate.reasons.map((reason) => (
                  <span key={reason} className="badge badge-warning">
                    {t(`duplicates.reasons.${reason}`)}
                  </span>
                ))}
              </p>
              <Button size="sm" variant="secondary" onClick={() => onOpen(candidate.id)}>
                {t('duplicates.open', { name })}
              </Button>
            </li>
          );
        })}
      </ul>
      <div className="form-actions form-actions-start">
        <Button variant="primary" onClick={onCreateAnyway} busy={busy}>
          {t('duplicates.createAnyway')}
        </Button>
      </div>
    </section>
  );
}
