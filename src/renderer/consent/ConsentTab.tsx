import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { type SavedFile, savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import { legalName } from '../patients/names';
import type { PatientTabProps } from '../patients/tabs/types';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage, fieldErrors } from '../ui/errors';
import { ChoiceGroup } from '../ui/Field';
import { usePracticeTime } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

const consentKey = (patientId: string) => ['consent', patientId] as const;

/** Consent forms: the signed ones (reprinted as archived), and a new one read and signed on screen. */
export function ConsentTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const time = usePracticeTime();
  const canWrite = permissions.includes('clinical.write');
  const list = useQuery({ queryKey: consentKey(patient.id), queryFn: () => client['consent.list']({ patientId: patient.id }) });
  const [signing, setSigning] = useState(false);
  const [saved, setSaved] = useState<SavedFile | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const print = useMutation({
    mutationFn: async (id: string) => {
      const pdf = await client['consent.print']({ consentId: id });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
    onSuccess: setSaved,
  });
  const name = legalName(patient);

  return (
    <div className="consent-tab">
      {signing ? (
        <ConsentForm
          patientId={patient.id}
          patientName={name}
          onDone={(done) => {
            setSigning(false);
            setNotice(done ? t('consent.signed') : '');
            window.requestAnimationFrame(() => heading.current?.focus());
          }}
        />
      ) : null}
      <section className="card" aria-labelledby="consent-list-title">
        <h3 id="consent-list-title" ref={heading} tabIndex={-1} className="card-title">
          {t('consent.heading')}
        </h3>
        {canWrite && !signing ? (
          <Button variant="primary" icon="edit" onClick={() => (setNotice(''), setSigning(true))}>
            {t('consent.new')}
          </Button>
        ) : null}
        <p role="status" className="muted">
          {notice}
        </p>
        <SavedFileNotice file={saved} />
        {print.error ? <Alert tone="error">{errorMessage(print.error)}</Alert> : null}
        <QueryState query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted">{t('consent.empty')}</p>
            ) : (
              <ul className="rx-list" aria-label={t('consent.listLabel', { name })}>
                {rows.map((c) => (
                  <li key={c.id} className="rx-item">
                    <p>
                      <strong>{c.title}</strong>
                    </p>
                    <p className="muted">
                      {t('consent.signedLine', { name: c.signerName, at: time.dateTime(c.signedAt), method: t(`consent.methods.${c.signatureMethod}`) })} · {t('consent.language', { language: t(`languages.${c.language}`) })}
                    </p>
                    <Button size="sm" icon="download" aria-label={t('consent.printOf', { title: c.title, date: time.day(c.signedAt.slice(0, 10)) })} busy={print.isPending && print.variables === c.id} onClick={() => print.mutate(c.id)}>
                      {t('consent.print')}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </div>
  );
}

function ConsentForm({ patientId, patientName, onDone }: { patientId: string; patientName: string; onDone: (signed: boolean) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const templates = useQuery({ queryKey: ['consent', 'templates'], queryFn: () => client['consent.templates.list']({}) });
  const [templateId, setTemplateId] = useState('');
  const [procedure, setProcedure] = useState('');
  const [signerName, setSignerName] = useState(patientName);
  const [method, setMethod] = useState<'drawn' | 'typed'>('drawn');
  const [typedName, setTypedName] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [, setDrawn] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [id] = useState(() => crypto.randomUUID());
  const pad = useRef<SignaturePadHandle>(null);
  const chosen = templateId || templates.data?.find((x) => x.language === language)?.id || '';

  const preview = useQuery({
    queryKey: ['consent', 'preview', patientId, chosen, procedure],
    queryFn: () => client['consent.preview']({ patientId, templateId: chosen, procedure }),
    enabled: chosen !== '',
  });
  const sign = useMutation({
    mutationFn: () => {
      const png = method === 'drawn' ? pad.current?.png() : null;
      return client['consent.sign']({
        id,
        patientId,
        templateId: chosen,
        procedure,
        signerName: method === 'typed' ? typedName : signerName,
        method,
        ...(png ? { signaturePng: png } : {}),
        agreed: agreed as true,
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: consentKey(patientId) });
      onDone(true);
    },
  });
  const errors = fieldErrors(sign.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };
  const title = t('consent.formLabel', { name: patientName });

  return (
    <form className="card consent-form" aria-label={title} onSubmit={onSubmit} noValidate>
      <h3 className="card-title">{title}</h3>
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor="consent-template">
            {t('consent.template')}
          </label>
          <select id="consent-template" className="select" value={chosen} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.data?.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title} ({t(`languages.${x.language}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="consent-procedure">
            {t('consent.procedure')}
          </label>
          <input maxLength={maxLengthAt(contract['consent.sign'].input, 'procedure')} id="consent-procedure" className="input" value={procedure} onChange={(e) => setProcedure(e.target.value)} />
        </div>
      </div>
      <section aria-label={t('consent.preview')} className="consent-preview">
        <h4>{t('consent.preview')}</h4>
        <QueryState query={preview}>
          {(p) => (
            // Focusable, so the keyboard can scroll a long text.
            <article className="consent-text" tabIndex={0} aria-label={p.title}>
              <strong>{p.title}</strong>
              <p className="pre-line">{p.body}</p>
            </article>
          )}
        </QueryState>
      </section>
      <ChoiceGroup
        legend={t('consent.method')}
        name="consent-method"
        value={method}
        onChange={setMethod}
        options={(['drawn', 'typed'] as const).map((value) => ({ value, label: t(`consent.methods.${value}`) }))}
      />
      {method === 'drawn' ? (
        <>
          <div className="field">
            <label className="field-label" htmlFor="consent-signer">
              {t('consent.signerName')}
            </label>
            <input maxLength={maxLengthAt(contract['consent.sign'].input, 'signerName')} id="consent-signer" className="input" value={signerName} aria-required onChange={(e) => setSignerName(e.target.value)} />
          </div>
          <SignaturePad ref={pad} onChange={setDrawn} />
          {errors.signaturePng ? <Alert tone="error">{errors.signaturePng}</Alert> : null}
        </>
      ) : (
        <div className="field">
          <label className="field-label" htmlFor="consent-typed">
            {t('consent.typedName')}
          </label>
          <input maxLength={maxLengthAt(contract['consent.sign'].input, 'signerName')} id="consent-typed" className="input" value={typedName} aria-required aria-invalid={errors.signerName ? true : undefined} onChange={(e) => setTypedName(e.target.value)} />
        </div>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} aria-invalid={errors.agreed ? true : undefined} />
        <span>{t('consent.agree')}</span>
      </label>
      {errors.agreed ? <Alert tone="error">{errors.agreed}</Alert> : null}
      {sign.error && !errors.agreed && !errors.signaturePng ? <Alert tone="error">{errorMessage(sign.error)}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" icon="check" busy={sign.isPending}>
          {t('consent.sign')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('consent.cancel')}</Button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('consent.signConfirmTitle')}
          confirmLabel={t('consent.signConfirm')}
          onConfirm={() => {
            setConfirming(false);
            sign.mutate();
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('consent.signConfirmBody')}</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
