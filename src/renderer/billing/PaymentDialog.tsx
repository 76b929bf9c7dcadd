import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTooth } from '../../shared/chart/teeth';
import { type AccountOut, PAYMENT_METHODS, TAX_DOCUMENT_KINDS } from '../../shared/contract/billing';
import { useClient } from '../app/client';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors } from '../ui/errors';
import { usePracticeMoney, usePracticeTime } from '../ui/format';
import { AmountField } from './AmountField';
import { newClientId, postingTitle } from './labels';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

export interface PaymentDone {
  postingId: string;
  amountMinor: number;
  accountBalanceMinor: number;
  creditMinor: number;
}

/**
 * Takes a payment: amount, method, the boleta or factura issued outside the
 * app, and how it is split: oldest first (the default) or by hand per
 * procedure. What is more than owed is left as a credit, and says so.
 */
export function PaymentDialog({ account, onClose, onDone }: { account: AccountOut; onClose: () => void; onDone: (done: PaymentDone) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const open = account.postings.filter((p) => p.kind === 'charge' && (p.openMinor ?? 0) > 0);
  const owed = Math.max(0, account.accountBalanceMinor);
  const [amount, setAmount] = useState(owed > 0 ? money.plain(owed) : '');
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>('cash');
  const [docKind, setDocKind] = useState<'' | 'boleta' | 'factura'>('boleta');
  const [docNumber, setDocNumber] = useState('');
  const [date, setDate] = useState(account.today);
  const [note, setNote] = useState('');
  const activePlans = account.plans.filter((p) => p.status === 'active');
  const [planId, setPlanId] = useState(activePlans[0]?.id ?? '');
  const [byHand, setByHand] = useState(false);
  const [splits, setSplits] = useState<Record<string, string>>({});
  const [clientId] = useState(newClientId);
  const amountMinor = money.parse(amount);
  const splitMinor = Object.fromEntries(Object.entries(splits).map(([id, text]) => [id, text.trim() ? money.parse(text) : 0]));
  const splitTotal = Object.values(splitMinor).reduce<number>((n, v) => n + (v ?? 0), 0);
  const openTotal = open.reduce((n, p) => n + (p.openMinor ?? 0), 0);
  const credit = amountMinor && amountMinor > 0 ? (byHand ? amountMinor - splitTotal : Math.max(0, amountMinor - openTotal)) : 0;
  const pay = useMutation({
    mutationFn: () =>
      client['billing.payment.post']({
        clientId,
        patientId: account.patientId,
        amountMinor: amountMinor ?? 0,
        method,
        serviceDate: date || undefined,
        taxDocumentKind: docKind || null,
        ...(docNumber.trim() ? { taxDocumentNumber: docNumber.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        paymentPlanId: planId || null,
        ...(byHand
          ? {
              splits: Object.entries(splitMinor)
                .filter(([, v]) => (v ?? 0) > 0)
                .map(([chargeId, v]) => ({ chargeId, amountMinor: v ?? 0 })),
            }
          : {}),
      }),
    onSuccess: (result) => onDone({ postingId: result.postingId, amountMinor: amountMinor ?? 0, accountBalanceMinor: result.accountBalanceMinor, creditMinor: result.creditMinor }),
  });
  const errors = fieldErrors(pay.error);
  const toothLabel = (tooth: string) => formatTooth(tooth as never, account.toothNumbering);
  return (
    <Dialog label={t('billing.payment.title')} onClose={onClose} className="billing-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{t('billing.payment.title')}</h2>
      </header>
      <form
        className="dialog-body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!amountMinor || amountMinor <= 0) return;
          pay.mutate();
        }}
      >
        <div className="billing-form-grid">
          <AmountField label={t('billing.payment.amount', { currency: account.currency })} text={amount} onText={setAmount} error={errors.amountMinor} autoFocus />
          <Field label={t('billing.payment.method')}>
            {(control) => (
              <select {...control} className="select" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
                {PAYMENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`billing.methods.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('billing.payment.serviceDate')} error={errors.serviceDate}>
            {(control) => <DateField {...control} className="input" value={date} onChange={setDate} />}
          </Field>
          <Field label={t('billing.payment.taxDocumentKind')} optional="quiet">
            {(control) => (
              <select {...control} className="select" value={docKind} onChange={(e) => setDocKind(e.target.value as typeof docKind)}>
                {TAX_DOCUMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`billing.taxDocuments.${k}`)}
                  </option>
                ))}
                <option value="">{t('billing.taxDocuments.none')}</option>
              </select>
            )}
          </Field>
          <Field label={t('billing.payment.taxDocumentNumber')} optional hint={t('billing.payment.taxDocumentHint')} error={errors.taxDocumentNumber}>
            {(control) => <input maxLength={maxLengthAt(contract['billing.payment.post'].input, 'taxDocumentNumber')} {...control} className="input" value={docNumber} onChange={(e) => setDocNumber(e.target.value)} />}
          </Field>
          {activePlans.length > 0 ? (
            <Field label={t('billing.payment.plan')} optional="quiet">
              {(control) => (
                <select {...control} className="select" value={planId} onChange={(e) => setPlanId(e.target.value)}>
                  {activePlans.map((p) => (
                    <option key={p.id} value={p.id}>
                      {t('billing.plans.summary', { total: money.format(p.totalMinor), count: p.instalments.length, paid: money.format(p.paidMinor) })}
                    </option>
                  ))}
                  <option value="">{t('billing.payment.noPlan')}</option>
                </select>
              )}
            </Field>
          ) : null}
        </div>
        <fieldset className="fieldset">
          <legend>{t('billing.payment.split')}</legend>
          {open.length === 0 ? (
            <p className="muted">{t('billing.payment.noOpenCharges')}</p>
          ) : (
            <>
              <div className="radio-row">
                <label>
                  <input type="radio" name="split" checked={!byHand} onChange={() => setByHand(false)} />
                  {t('billing.payment.splitAuto')}
                </label>
                <label>
                  <input type="radio" name="split" checked={byHand} onChange={() => setByHand(true)} />
                  {t('billing.payment.splitManual')}
                </label>
              </div>
              {byHand ? (
                <div className="split-list">
                  {open.map((p) => {
                    const what = `${time.day(p.serviceDate)} · ${postingTitle(t, p, toothLabel)} · ${t('billing.postings.open', { amount: money.format(p.openMinor ?? 0) })}`;
                    return (
                      <label key={p.id} className="split-row">
                        <span>{what}</span>
                        <input
                          className="input num"
                          inputMode="decimal"
                          aria-label={t('billing.payment.splitFor', { what })}
                          value={splits[p.id] ?? ''}
                          onChange={(e) => setSplits((s) => ({ ...s, [p.id]: e.target.value }))}
                        />
                      </label>
                    );
                  })}
                </div>
              ) : null}
            </>
          )}
          {errors.splits ? (
            <p className="field-error" role="alert">
              {errors.splits}
            </p>
          ) : null}
        </fieldset>
        <Field label={t('billing.payment.note')} optional>
          {(control) => <input maxLength={maxLengthAt(contract['billing.payment.post'].input, 'note')} {...control} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <p role="status" className="muted">
          {credit > 0 ? t('billing.payment.leftAsCredit', { amount: money.format(credit) }) : ''}
        </p>
        {pay.error && Object.keys(errors).length === 0 ? (
          <p className="field-error" role="alert">
            {errorMessage(pay.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={pay.isPending}>
            {t('billing.payment.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
