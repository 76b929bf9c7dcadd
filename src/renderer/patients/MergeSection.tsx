import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord, PatientSummary } from '../../shared/contract/patients';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Section } from '../ui/PanelFrame';
import { errorMessage } from '../ui/errors';
import { PatientCombobox } from './PatientCombobox';
import { PatientResult } from './PatientResult';
import { useInvalidatePatients } from './keys';
import { legalName } from './names';

export interface MergeDone {
  mergeId: string;
  duplicateName: string;
  survivorName: string;
}

interface Props {
  survivor: PatientRecord;
  /** A duplicate already known (found by findDuplicates), offered without searching. */
  suggested: PatientSummary | null;
  onMerged: (done: MergeDone) => void;
  onCancel: () => void;
}

/**
 * Merging a duplicate into the open patient: pick it by search, see both side
 * by side, confirm. Main moves everything and keeps what it needs to undo it.
 */
export function MergeSection({ survivor, suggested, onMerged, onCancel }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const invalidate = useInvalidatePatients();
  const [duplicate, setDuplicate] = useState<PatientSummary | null>(suggested);
  const confirmId = useId();

  const merge = useMutation({
    mutationFn: (dup: PatientSummary) => client['patients.merge']({ survivorId: survivor.id, duplicateId: dup.id }),
    onSuccess: async (result, dup) => {
      await invalidate();
      onMerged({ mergeId: result.mergeId, duplicateName: legalName(dup), survivorName: legalName(result.survivor) });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (duplicate && !merge.isPending) merge.mutate(duplicate);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('merge.title')} className="merge-section">
      <Section title={t('merge.title')} description={t('merge.intro', { name: legalName(survivor) })}>
        <div className="stack">
          {duplicate ? null : (
            <div className="form-grid">
              <Field label={t('merge.pickSearch')} className="span-2" optional="quiet">
                {(control) => (
                  <PatientCombobox
                    label={t('merge.pickSearch')}
                    placeholder={t('patients.search.placeholder')}
                    control={control}
                    excludeIds={[survivor.id]}
                    autoFocus
                    onSelect={(picked) => {
                      setDuplicate(picked);
                      // Both records are now side by side; the next step is to confirm.
                      window.requestAnimationFrame(() => document.getElementById(confirmId)?.focus());
                    }}
                  />
                )}
              </Field>
            </div>
          )}
          <div className="merge-compare">
            <div className="merge-card merge-card-survivor">
              <p className="merge-role">{t('merge.survivor')}</p>
              <PatientResult patient={survivor} query="" />
            </div>
            <div className={duplicate ? 'merge-card merge-card-duplicate' : 'merge-card merge-card-empty'}>
              <p className="merge-role">{t('merge.duplicate')}</p>
              {duplicate ? (
                <>
                  <PatientResult patient={duplicate} query="" />
                  <Button size="sm" variant="ghost" onClick={() => setDuplicate(null)} aria-label={`${t('patients.picker.change')}: ${t('merge.pick')}`}>
                    {t('patients.picker.change')}
                  </Button>
                </>
              ) : (
                <p className="muted">{t('merge.pick')}</p>
              )}
            </div>
          </div>
        </div>
      </Section>
      {merge.error ? <Alert tone="error">{errorMessage(merge.error)}</Alert> : null}
      <div className="form-actions">
        <Button variant="ghost" onClick={onCancel}>
          {t('merge.cancel')}
        </Button>
        <Button id={confirmId} type="submit" variant="danger" icon="merge" busy={merge.isPending} aria-disabled={!duplicate || undefined}>
          {t('merge.confirm')}
        </Button>
      </div>
    </form>
  );
}
