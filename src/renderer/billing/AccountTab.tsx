import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleMayPost } from '../../shared/billing/policy';
import type { AccountOut, PostingOut } from '../../shared/contract/billing';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { useAppStatus } from '../app/status';
import { savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import type { PatientTabProps } from '../patients/tabs/types';
import { Button } from '../ui/Button';
import { Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { errorMessage } from '../ui/errors';
import { usePracticeMoney, usePracticeTime } from '../ui/format';
import { postingTitle } from './labels';
import { type PaymentDone, PaymentDialog } from './PaymentDialog';
import { AdjustmentDialog, ClaimDialog, CreditDialog, PlanDialog, RefundDialog, ReverseDialog, useToothLabel } from './PostingDialogs';
import { PlansSection } from './PlansSection';
import { BillingSettingsSection } from './BillingSettingsSection';
import { useAccount, useRefreshBilling } from './useAccount';
import './billing.css';

type Open =
  | { kind: 'pay' }
  | { kind: 'adjust' }
  | { kind: 'credit' }
  | { kind: 'refund' }
  | { kind: 'plan' }
  | { kind: 'reverse'; posting: PostingOut; what: string }
  | { kind: 'claim'; posting: PostingOut; what: string };

/**
 * The cuenta corriente of a patient: the postings with their running balance,
 * what is owed or in credit, the family roll-up to the guarantor, payment
 * plans and insurance. Reversed postings stay, struck through, beside the
 * reversal that cancels them.
 */
export function AccountTab({ patient, permissions, onOpenPatient }: PatientTabProps) {
  const account = useAccount(patient.id);
  return (
    <div className="account-tab">
      <QueryState query={account}>
        {(data) => (
          <>
            <Account account={data} canWrite={permissions.includes('billing.write')} onOpenPatient={onOpenPatient} />
            {permissions.includes('settings.manage') ? <BillingSettingsSection settings={data.settings} /> : null}
          </>
        )}
      </QueryState>
    </div>
  );
}

function Account({ account, canWrite, onOpenPatient }: { account: AccountOut; canWrite: boolean; onOpenPatient: (id: string) => void }) {
  const { t } = useTranslation();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const client = useClient();
  const refresh = useRefreshBilling();
  const role = useAppStatus().session?.user.role ?? 'receptionist';
  const may = (act: Parameters<typeof roleMayPost>[1]) => canWrite && roleMayPost(role, act, account.settings);
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<{ message: string; receiptFor: string | null } | null>(null);
  const toothLabel = useToothLabel(account);
  const print = useMutation({
    mutationFn: async (postingId: string) => {
      const pdf = await client['billing.receipt.print']({ postingId, language: currentLanguage() });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
  });
  const close = () => setOpen(null);
  const finished = (message: string, receiptFor: string | null = null) => {
    setOpen(null);
    setDone({ message, receiptFor });
    void refresh();
  };
  const balance = account.balanceMinor;
  const family = account.isGuarantor && account.members.length > 1;
  const byId = new Map(account.postings.map((p) => [p.id, p]));
  const describe = (p: PostingOut) => `${postingTitle(t, p, toothLabel)} (${time.day(p.serviceDate)}, ${money.format(p.amountMinor)})`;

  return (
    <>
      <section className="card account-summary" aria-labelledby="account-balance-title">
        <div>
          <h3 id="account-balance-title" className="card-title">
            {t('billing.title')}
          </h3>
          <p className={`account-balance${balance > 0 ? ' owes' : balance < 0 ? ' credit' : ''}`} role="status" aria-live="polite">
            {balance > 0 ? t('billing.owes', { amount: money.format(balance) }) : balance < 0 ? t('billing.inCredit', { amount: money.format(-balance) }) : t('billing.settled')}
          </p>
          {family ? <p>{t('billing.accountTotal', { amount: money.format(account.accountBalanceMinor) })}</p> : null}
          {!account.isGuarantor ? (
            <p className="muted">
              {t('billing.memberNote', { name: account.members.find((m) => m.id === account.patientId)?.name ?? '', guarantor: account.guarantorName })}{' '}
              <Button size="sm" variant="secondary" onClick={() => onOpenPatient(account.guarantorId)}>
                {t('billing.openGuarantor', { name: account.guarantorName })}
              </Button>
            </p>
          ) : null}
        </div>
        {canWrite ? (
          <div className="account-actions" role="group" aria-label={t('billing.postings.actions')}>
            {may('payment') ? (
              <Button variant="primary" onClick={() => (setDone(null), setOpen({ kind: 'pay' }))}>
                {t('billing.actions.pay')}
              </Button>
            ) : null}
            {may('credit') ? <Button onClick={() => (setDone(null), setOpen({ kind: 'credit' }))}>{t('billing.actions.credit')}</Button> : null}
            {may('adjustment') ? <Button onClick={() => (setDone(null), setOpen({ kind: 'adjust' }))}>{t('billing.actions.adjust')}</Button> : null}
            {may('refund') && account.accountBalanceMinor < 0 ? <Button onClick={() => (setDone(null), setOpen({ kind: 'refund' }))}>{t('billing.actions.refund')}</Button> : null}
            {may('plan') ? <Button onClick={() => (setDone(null), setOpen({ kind: 'plan' }))}>{t('billing.actions.plan')}</Button> : null}
          </div>
        ) : null}
      </section>

      <div className="account-done" role="status">
        {done ? (
          <p>
            {done.message}{' '}
            {done.receiptFor ? (
              <Button size="sm" busy={print.isPending} onClick={() => print.mutate(done.receiptFor!)}>
                {t('billing.payment.printReceipt')}
              </Button>
            ) : null}
          </p>
        ) : null}
      </div>
      <SavedFileNotice file={print.data} />
      {print.error ? (
        <p className="field-error" role="alert">
          {errorMessage(print.error)}
        </p>
      ) : null}

      {family ? (
        <Section title={t('billing.family.title')} description={t('billing.family.description')}>
          <table className="table account-table">
            <thead>
              <tr>
                <th scope="col">{t('billing.family.member')}</th>
                <th scope="col" className="num">
                  {t('billing.family.owes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {account.members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.id === account.patientId ? (
                      m.name
                    ) : (
                      <button type="button" className="link-button" onClick={() => onOpenPatient(m.id)} aria-label={t('billing.family.open', { name: m.name })}>
                        {m.name}
                      </button>
                    )}
                  </td>
                  <td className="num">{money.format(m.balanceMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}

      <Section title={t('billing.postings.title')}>
        {account.postings.length === 0 ? (
          <p className="muted">{t('billing.postings.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table account-table" aria-label={t('billing.postings.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">
                    {t('billing.postings.serviceDate')}
                    <span className="posting-sub">{t('billing.postings.enteredAt')}</span>
                  </th>
                  <th scope="col">
                    {t('billing.postings.description')}
                    <span className="posting-sub">{family ? `${t('billing.postings.patient')} · ${t('billing.postings.provider')}` : t('billing.postings.provider')}</span>
                  </th>
                  <th scope="col" className="num">
                    {t('billing.postings.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('billing.postings.running')}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('billing.postings.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {account.postings.map((p) => {
                  const what = describe(p);
                  const reversed = p.reversedById !== null;
                  const original = p.reversesId ? byId.get(p.reversesId) : undefined;
                  const receiptable = p.kind === 'payment' || p.kind === 'credit' || p.kind === 'refund';
                  return (
                    <tr key={p.id} className={reversed ? 'is-reversed' : p.kind === 'reversal' ? 'is-reversal' : undefined}>
                      <td>
                        {time.day(p.serviceDate)}
                        <span className="posting-sub">{time.date(p.enteredAt)}</span>
                      </td>
                      <td>
                        <span className="posting-title">{postingTitle(t, p, toothLabel)}</span>
                        {reversed ? <span className="badge badge-warning">{t('billing.postings.reversed')}</span> : null}
                        {p.kind === 'reversal' ? <span className="posting-sub">{t('billing.postings.reversalOf', { what: original ? postingTitle(t, original, toothLabel) : '' })}</span> : null}
                        {p.reason ? <span className="posting-sub">{t('billing.postings.reason', { reason: p.reason === 'chart' ? t('billing.kinds.charge') : p.reason })}</span> : null}
                        {p.kind === 'charge' && !reversed && (p.openMinor ?? 0) > 0 ? <span className="posting-sub">{t('billing.postings.open', { amount: money.format(p.openMinor ?? 0) })}</span> : null}
                        {family || p.providerName ? <span className="posting-sub">{[family ? p.patientName : '', p.providerName ?? ''].filter(Boolean).join(' · ')}</span> : null}
                      </td>
                      <td className={`num ${p.amountMinor > 0 ? 'amount-owed' : 'amount-paid'}`}>{money.format(p.amountMinor)}</td>
                      <td className="num">{money.format(p.runningMinor)}</td>
                      <td>
                        <div className="row-actions">
                          {receiptable ? (
                            <Button size="sm" variant="ghost" aria-label={t('billing.actions.receiptLabel', { what })} onClick={() => print.mutate(p.id)}>
                              {t('billing.actions.receipt')}
                            </Button>
                          ) : null}
                          {p.kind === 'charge' && !reversed && may('claim') ? (
                            <Button size="sm" variant="ghost" aria-label={t('billing.actions.claimLabel', { what })} onClick={() => (setDone(null), setOpen({ kind: 'claim', posting: p, what }))}>
                              {t('billing.actions.claim')}
                            </Button>
                          ) : null}
                          {p.kind !== 'reversal' && !reversed && may('reversal') ? (
                            <Button size="sm" variant="ghost" aria-label={t('billing.actions.reverseLabel', { what })} onClick={() => (setDone(null), setOpen({ kind: 'reverse', posting: p, what }))}>
                              {t('billing.actions.reverse')}
                            </Button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <PlansSection account={account} canCancel={may('plan')} onChanged={() => void refresh()} />

      {account.claims.length > 0 ? (
        <Section title={t('billing.claims.title')}>
          <ul>
            {account.claims.map((c) => {
              const charge = byId.get(c.chargeId);
              return (
                <li key={c.id}>
                  {charge ? `${postingTitle(t, charge, toothLabel)} — ` : ''}
                  {t('billing.claims.line', { kind: t(`billing.claims.kinds.${c.kind}`), payer: c.payer, status: t(`billing.claims.statuses.${c.status}`), billed: money.format(c.billedMinor) })}
                  {c.paidMinor !== null ? ` · ${t('billing.plans.paid')}: ${money.format(c.paidMinor)}` : ''}
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}

      {open?.kind === 'pay' ? (
        <PaymentDialog
          account={account}
          onClose={close}
          onDone={(r: PaymentDone) =>
            finished(
              r.creditMinor > 0
                ? t('billing.payment.doneCredit', { amount: money.format(r.amountMinor), credit: money.format(r.creditMinor) })
                : t('billing.payment.done', { amount: money.format(r.amountMinor), balance: money.format(r.accountBalanceMinor) }),
              r.postingId,
            )
          }
        />
      ) : null}
      {open?.kind === 'adjust' ? <AdjustmentDialog account={account} onClose={close} onDone={() => finished(t('billing.adjustment.done'))} /> : null}
      {open?.kind === 'credit' ? <CreditDialog account={account} onClose={close} onDone={(id) => finished(t('billing.credit.done'), id)} /> : null}
      {open?.kind === 'refund' ? <RefundDialog account={account} onClose={close} onDone={(id) => finished(t('billing.refund.done'), id)} /> : null}
      {open?.kind === 'plan' ? <PlanDialog account={account} onClose={close} onDone={() => finished(t('billing.plans.title'))} /> : null}
      {open?.kind === 'reverse' ? <ReverseDialog posting={open.posting} what={open.what} lockDate={account.settings.lockDate} canOverride={role === 'admin'} onClose={close} onDone={() => finished(t('billing.reverse.done'))} /> : null}
      {open?.kind === 'claim' ? <ClaimDialog account={account} charge={open.posting} what={open.what} onClose={close} onDone={() => finished(t('billing.claims.title'))} /> : null}
    </>
  );
}
