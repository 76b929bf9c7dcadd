import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Section } from '../ui/PanelFrame';
import { addDays, base64ToBytes, downloadBlob, useLanguage, useOperatories, usePracticeToday, useProviders } from './shared';
import { ResourceSelect } from './ResourceSelect';
import { DateField } from '../ui/DateField';

/** A provider's calendar as .ics, and the day sheet as PDF. */
export function Exports() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const today = usePracticeToday();
  const providers = useProviders();
  const operatories = useOperatories();
  const [providerId, setProviderId] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 90));
  const [day, setDay] = useState(today);
  const [operatoryId, setOperatoryId] = useState('');

  const chosenProvider = providerId || providers.data?.[0]?.id || '';
  const ics = useMutation({
    mutationFn: () => client['schedule.exportIcs']({ providerId: chosenProvider, from, to }),
    onSuccess: (out) => downloadBlob(new Blob([out.ics], { type: 'text/calendar;charset=utf-8' }), out.fileName),
  });
  const pdf = useMutation({
    mutationFn: () => client['schedule.daySheetPdf']({ date: day, language, ...(operatoryId ? { operatoryId } : {}) }),
    onSuccess: (out) => downloadBlob(new Blob([base64ToBytes(out.pdfBase64)], { type: 'application/pdf' }), out.fileName),
  });
  const icsErrors = fieldErrors(ics.error);
  const pdfErrors = fieldErrors(pdf.error);

  return (
    <div className="sl-stack">
      <Section title={t('scheduleLists.exports.icsTitle')} description={t('scheduleLists.exports.icsDescription')}>
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleLists.fields.provider')} error={icsErrors.providerId}>
            {(control) => (
              <ResourceSelect control={control} value={chosenProvider} onChange={setProviderId} choices={providers.data?.map((p) => ({ id: p.id, label: p.displayName }))} />
            )}
          </Field>
          <Field label={t('scheduleLists.fields.from')} error={icsErrors.from}>
            {(control) => <DateField {...control} className="input" value={from} onChange={(v) => setFrom(v)} />}
          </Field>
          <Field label={t('scheduleLists.fields.to')} error={icsErrors.to}>
            {(control) => <DateField {...control} className="input" value={to} onChange={(v) => setTo(v)} />}
          </Field>
        </div>
        {ics.isError && Object.keys(icsErrors).length === 0 ? <Alert tone="error">{errorMessage(ics.error)}</Alert> : null}
        {ics.isSuccess ? <Alert tone="success">{t('scheduleLists.exports.icsDone', { count: ics.data.count, file: ics.data.fileName })}</Alert> : null}
        <div className="form-actions form-actions-start">
          <Button variant="primary" icon="download" busy={ics.isPending} onClick={() => chosenProvider && ics.mutate()}>
            {t('scheduleLists.exports.icsButton')}
          </Button>
        </div>
      </Section>
      <Section title={t('scheduleLists.exports.pdfTitle')} description={t('scheduleLists.exports.pdfDescription')}>
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleLists.exports.day')} error={pdfErrors.date}>
            {(control) => <DateField {...control} className="input" value={day} onChange={(v) => setDay(v)} />}
          </Field>
          <Field label={t('scheduleLists.fields.operatory')} optional="quiet">
            {(control) => (
              <ResourceSelect control={control} value={operatoryId} onChange={setOperatoryId} choices={operatories.data?.map((o) => ({ id: o.id, label: o.name }))} emptyLabel={t('scheduleLists.exports.allOperatories')} />
            )}
          </Field>
        </div>
        {pdf.isError && Object.keys(pdfErrors).length === 0 ? <Alert tone="error">{errorMessage(pdf.error)}</Alert> : null}
        {pdf.isSuccess ? <Alert tone="success">{t('scheduleLists.exports.pdfDone', { count: pdf.data.count, pages: pdf.data.pages, file: pdf.data.fileName })}</Alert> : null}
        <div className="form-actions form-actions-start">
          <Button variant="primary" icon="download" busy={pdf.isPending} onClick={() => pdf.mutate()}>
            {t('scheduleLists.exports.pdfButton')}
          </Button>
        </div>
      </Section>
    </div>
  );
}
