import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasurePlan, Requester } from '../../shared/contract/data-rights';
import { REQUESTERS } from '../../shared/contract/data-rights';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { saveFile, savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import type { PatientTabProps } from '../patients/tabs/types';
import { PATIENTS_KEY } from '../patients/keys';
import { usePatientNavigation } from '../patients/navigation';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Section } from '../ui/PanelFrame';
import { ErrorNotice, QueryState } from '../ui/QueryState';
import { usePracticeMoney, usePracticeTime } from '../ui/format';

/*
 * "Datos del paciente": the admin's answer to a patient's data request. A copy
 * of the whole record (FHIR JSON or a PDF summary), saved only where the user
 * asks; erasure, reviewed first (what goes, what stays, whether retention
 * allows it now) and confirmed; and the log of every request.
 */

const requestsKey = (patientId: string) => ['privacy.requests', patientId] as const;

export function DataRightsTab({ patient, permissions }: PatientTabProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const nav = usePatientNavigation();
  const ids = useId();
  const [requestedBy, setRequestedBy] = useState<Requester>('patient');
  const [language, setLanguage] = useState<Language>((LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'es');
  const [confirming, setConfirming] = useState(false);
  const time = usePracticeTime();
  const refreshRequests = () => queryClient.invalidateQueries({ queryKey: requestsKey(patient.id) });

  const fhir = useMutation({
    mutationFn: async () => {
      const out = await client['privacy.exportFhir']({ patientId: patient.id, requestedBy });
      return saveFile(out.fileName, new Blob([out.json], { type: 'application/fhir+json' }));
    },
    onSettled: refreshRequests,
  });
  const pdf = useMutation({
    mutationFn: async () => {
      const out = await client['privacy.summaryPdf']({ patientId: patient.id, requestedBy, language });
      return savePdf(out.fileName, out.pdfBase64);
    },
    onSettled: refreshRequests,
  });
  const plan = useMutation({ mutationFn: () => client['privacy.erasurePlan']({ patientId: patient.id }) });
  const erase = useMutation({
    mutationFn: () => client['privacy.erase']({ patientId: patient.id, requestedBy }),
    onSuccess: async (result) => {
      setConfirming(false);
      if (result.decision === 'anonymised') {
        // Searches and lists lose the patient now; the open record stays until closed, under the message below.
        nav.forget(patient.id);
        await queryClient.invalidateQueries({ queryKey: [...PATIENTS_KEY, 'search'] });
      } else await refreshRequests();
    },
  });
  const requests = useQuery({ queryKey: requestsKey(patient.id), queryFn: () => client['privacy.requests.list']({ patientId: patient.id }), enabled: erase.data?.decision !== 'anonymised' });
  const saved = fhir.data ?? pdf.data;

  if (erase.data?.decision === 'anonymised') return <ErasureDone onClose={nav.closePatient} />;

  return (
    <div className="data-rights">
      <p className="muted">{t('dataRights.intro')}</p>
      <label className="field-inline" htmlFor={`${ids}-by`}>
        <span>{t('dataRights.requestedBy')}</span>
        <select id={`${ids}-by`} value={requestedBy} onChange={(e) => setRequestedBy(e.target.value as Requester)}>
          {REQUESTERS.map((r) => (
            <option key={r} value={r}>
              {t(`dataRights.requesters.${r}`)}
            </option>
          ))}
        </select>
      </label>

      <Section title={t('dataRights.export.heading')}>
        <div className="button-row">
          <Button variant="primary" icon="download" busy={fhir.isPending} onClick={() => fhir.mutate()}>
            {t('dataRights.export.fhir')}
          </Button>
          <label className="field-inline" htmlFor={`${ids}-lang`}>
            <span>{t('dataRights.export.language')}</span>
            <select id={`${ids}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <Button busy={pdf.isPending} onClick={() => pdf.mutate()}>
            {t('dataRights.export.pdf')}
          </Button>
        </div>
        {fhir.isError ? <ErrorNotice error={fhir.error} /> : null}
        {pdf.isError ? <ErrorNotice error={pdf.error} /> : null}
        <SavedFileNotice file={saved} />
      </Section>

      <Section title={t('dataRights.erase.heading')}>
        <Button busy={plan.isPending} onClick={() => plan.mutate()} aria-expanded={plan.data ? true : false}>
          {t('dataRights.erase.review')}
        </Button>
        {permissions.includes('settings.manage') ? <RetentionSetting onSaved={() => plan.data && plan.mutate()} /> : null}
        {plan.isError ? <ErrorNotice error={plan.error} /> : null}
        {plan.data ? <ErasurePlanView plan={plan.data} busy={erase.isPending} onRecordRefusal={() => erase.mutate()} onErase={() => setConfirming(true)} /> : null}
        {erase.isError ? <ErrorNotice error={erase.error} /> : null}
        <p role="status" className="muted">
          {erase.data?.decision === 'refused' ? t('dataRights.erase.refused', { date: erase.data.plan.retainUntil ? time.day(erase.data.plan.retainUntil) : '' }) : null}
        </p>
      </Section>

      <Section title={t('dataRights.requests.heading')}>
        <QueryState query={requests}>{(list) => <RequestList list={list} />}</QueryState>
      </Section>

      {confirming ? (
        <ConfirmDialog title={t('dataRights.erase.confirmTitle')} confirmLabel={t('dataRights.erase.confirmErase')} onConfirm={() => erase.mutate()} onCancel={() => setConfirming(false)}>
          <p>{t('dataRights.erase.confirmBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** The practice's retention rule, beside the erasure it governs (settings.manage). */
function RetentionSetting({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const settings = useQuery({ queryKey: ['privacy.settings'], queryFn: () => client['privacy.settings.get']({}) });
  const [years, setYears] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: number) => client['privacy.settings.set']({ retentionYears: value }),
    onSuccess: async () => {
      setYears(null);
      await settings.refetch();
      onSaved();
    },
  });
  const shown = years ?? (settings.data ? String(settings.data.retentionYears) : '');
  return (
    <form
      className="button-row"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(Number.parseInt(shown, 10));
      }}
    >
      <label className="field-inline" htmlFor={`${id}-years`}>
        <span>{t('dataRights.settings.retentionYears')}</span>
        <input id={`${id}-years`} type="number" min={1} max={100} step={1} inputMode="numeric" value={shown} onChange={(e) => setYears(e.target.value)} className="input-narrow" />
      </label>
      <Button type="submit" size="sm" busy={save.isPending}>
        {t('dataRights.settings.save')}
      </Button>
      {save.isError ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}

/** Where the keyboard lands after anonymising: the message, then the way out. */
function ErasureDone({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="data-rights" ref={ref} tabIndex={-1}>
      <Alert tone="success" title={t('dataRights.erase.done')} />
      <Button onClick={onClose}>{t('dataRights.erase.close')}</Button>
    </div>
  );
}

function ErasurePlanView({ plan, busy, onRecordRefusal, onErase }: { plan: ErasurePlan; busy: boolean; onRecordRefusal: () => void; onErase: () => void }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const money = usePracticeMoney();
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The review appears below the button that asked for it: the keyboard (and the screen) follow.
  useEffect(() => ref.current?.focus(), [plan]);
  return (
    <div className="erasure-plan" ref={ref} tabIndex={-1} role="group" aria-label={t('dataRights.erase.review')}>
      <p>{t('dataRights.erase.retention', { years: plan.retentionYears })}</p>
      <p>{plan.lastAttention ? t('dataRights.erase.lastAttention', { date: time.day(plan.lastAttention) }) : t('dataRights.erase.neverAttended')}</p>
      {plan.allowed ? (
        <Alert tone="warning" title={t('dataRights.erase.allowed')} />
      ) : (
        <Alert tone="info" title={t('dataRights.erase.refusedUntil', { date: plan.retainUntil ? time.day(plan.retainUntil) : '' })} />
      )}
      {plan.mergedRecords > 0 ? <p>{t('dataRights.erase.merged', { count: plan.mergedRecords })}</p> : null}
      <div className="erasure-columns">
        <section aria-labelledby={`${headingId}-removes`}>
          <h4 id={`${headingId}-removes`}>{t(plan.allowed ? 'dataRights.erase.removes' : 'dataRights.erase.wouldRemove')}</h4>
          <ul>
            {plan.removes.filter((item) => item.count > 0).map((item) => (
              <li key={item.item}>{t(`dataRights.erase.items.${item.item}`, { count: item.count })}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby={`${headingId}-keeps`}>
          <h4 id={`${headingId}-keeps`}>{t('dataRights.erase.keeps')}</h4>
          <ul>
            {plan.keeps.filter((item) => item.count > 0).map((item) => (
              <li key={item.item}>{t(`dataRights.erase.items.${item.item}`, { count: item.count })}</li>
            ))}
          </ul>
          {plan.ledger.map((l) => (
            <p key={l.currency}>
              {t('dataRights.erase.ledger', {
                charges: money.format(l.charges, l.currency),
                payments: money.format(l.payments, l.currency),
                adjustments: money.format(l.adjustments, l.currency),
                balance: money.format(l.balance, l.currency),
              })}
            </p>
          ))}
        </section>
      </div>
      {plan.mentions > 0 ? <Alert tone="warning" title={t('dataRights.erase.mentions', { count: plan.mentions })} /> : null}
      {plan.allowed ? (
        <Button variant="danger" busy={busy} onClick={onErase}>
          {t('dataRights.erase.confirmErase')}
        </Button>
      ) : (
        <Button busy={busy} onClick={onRecordRefusal}>
          {t('dataRights.erase.confirmRefusal')}
        </Button>
      )}
    </div>
  );
}

function RequestList({ list }: { list: Awaited<ReturnType<ReturnType<typeof useClient>['privacy.requests.list']>> }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  if (list.length === 0) return <p className="muted">{t('dataRights.requests.none')}</p>;
  return (
    <ul className="data-requests">
      {list.map((r) => (
        <li key={r.id}>
          {t('dataRights.requests.line', {
            at: time.dateTime(r.requestedAt),
            kind: t(`dataRights.requests.kinds.${r.kind}`),
            format: r.format ? r.format.toUpperCase() : t(`dataRights.requesters.${r.requestedBy}`),
            decision: t(`dataRights.requests.decisions.${r.decision}`),
            by: r.recordedByName ?? '—',
          })}
          {r.retainUntil && r.decision === 'refused' ? ` · ${t('dataRights.requests.until', { date: time.day(r.retainUntil) })}` : null}
        </li>
      ))}
    </ul>
  );
}
