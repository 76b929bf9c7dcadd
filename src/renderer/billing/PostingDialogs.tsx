import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTooth } from '../../shared/chart/teeth';
import { ADJUSTMENT_TYPES, type AccountOut, CLAIM_KINDS, CLAIM_STATUSES, CREDIT_TYPES, PAYMENT_METHODS, type PostingOut } from '../../shared/contract/billing';
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

/*
 * The ledger's other postings, each in its own small dialog: a discount or
 * write-off (with its reason), a prepayment or credit pack, a refund from the
 * credit, the reversal of a mistake (with its reason), a payment plan, and an
 * insurance claim or bono for a charge. Each is one call, with a client id so
 * a retry has no second effect.
 */

function Frame({ title, onClose, onSubmit, busy, error, submitLabel, children }: { title: string; onClose: () => void; onSubmit: () => void; busy: boolean; error: unknown; submitLabel: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const fields = fieldErrors(error);
  return (
    <Dialog label={title} onClose={onClose} className="billing-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{title}</h2>
      </header>
      <form
        className="dialog-body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {error && Object.keys(fields).length === 0 ? (
          <p className="field-error" role="alert">
            {errorMessage(error)}
          </p>
        ) : null}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function MethodField({ value, onChange }: { value: string; onChange: (v: (typeof PAYMENT_METHODS)[number]) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('billing.payment.method')}>
      {(control) => (
        <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value as (typeof PAYMENT_METHODS)[number])}>
          {PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`billing.methods.${m}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

type Done = () => void;

export function AdjustmentDialog({ account, onClose, onDone }: { account: AccountOut; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const [type, setType] = useState<(typeof ADJUSTMENT_TYPES)[number]>('discount');
  const [amount, setAmount] = useState('');
  const [chargeId, setChargeId] = useState('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(account.today);
  const [clientId] = useState(newClientId);
  const open = account.postings.filter((p) => p.kind === 'charge' && (p.openMinor ?? 0) > 0);
  const post = useMutation({
    mutationFn: () =>
      client['billing.adjustment.post']({ clientId, patientId: account.patientId, amountMinor: money.parse(amount) ?? 0, adjustmentType: type, reason, serviceDate: date || undefined, ...(chargeId ? { chargeId } : {}) }),
    onSuccess: onDone,
  });
  const errors = fieldErrors(post.error);
  const toothLabel = (tooth: string) => formatTooth(tooth as never, account.toothNumbering);
  return (
    <Frame title={t('billing.adjustment.title')} onClose={onClose} onSubmit={() => post.mutate()} busy={post.isPending} error={post.error} submitLabel={t('billing.adjustment.submit')}>
      <div className="billing-form-grid">
        <Field label={t('billing.adjustment.type')}>
          {(control) => (
            <select {...control} className="select" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
              {ADJUSTMENT_TYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`billing.adjustmentTypes.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AmountField label={t('billing.adjustment.amount', { currency: account.currency })} text={amount} onText={setAmount} error={errors.amountMinor ?? errors.splits} autoFocus />
        <Field label={t('billing.adjustment.charge')} optional="quiet">
          {(control) => (
            <select {...control} className="select" value={chargeId} onChange={(e) => setChargeId(e.target.value)}>
              <option value="">{t('billing.adjustment.anyCharge')}</option>
              {open.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${time.day(p.serviceDate)} · ${postingTitle(t, p, toothLabel)} · ${money.format(p.openMinor ?? 0)}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('billing.payment.serviceDate')} error={errors.serviceDate}>
          {(control) => <DateField {...control} className="input" value={date} onChange={setDate} />}
        </Field>
      </div>
      <Field label={t('billing.adjustment.reason')} error={errors.reason}>
        {(control) => <input maxLength={maxLengthAt(contract['billing.adjustment.post'].input, 'reason')} {...control} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Frame>
  );
}

export function CreditDialog({ account, onClose, onDone }: { account: AccountOut; onClose: () => void; onDone: (postingId: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const [type, setType] = useState<(typeof CREDIT_TYPES)[number]>('prepayment');
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>('cash');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [clientId] = useState(newClientId);
  const post = useMutation({
    mutationFn: () => client['billing.credit.post']({ clientId, patientId: account.patientId, amountMinor: money.parse(amount) ?? 0, creditType: type, method, ...(note.trim() ? { note } : {}) }),
    onSuccess: (r) => onDone(r.postingId),
  });
  const errors = fieldErrors(post.error);
  return (
    <Frame title={t('billing.credit.title')} onClose={onClose} onSubmit={() => post.mutate()} busy={post.isPending} error={post.error} submitLabel={t('billing.credit.submit')}>
      <div className="billing-form-grid">
        <Field label={t('billing.credit.type')}>
          {(control) => (
            <select {...control} className="select" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
              {CREDIT_TYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`billing.creditTypes.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AmountField label={t('billing.payment.amount', { currency: account.currency })} text={amount} onText={setAmount} error={errors.amountMinor} autoFocus />
        <MethodField value={method} onChange={setMethod} />
      </div>
      <Field label={t('billing.payment.note')} optional>
        {(control) => <input maxLength={maxLengthAt(contract['billing.credit.post'].input, 'note')} {...control} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </Frame>
  );
}

export function RefundDialog({ account, onClose, onDone }: { account: AccountOut; onClose: () => void; onDone: (postingId: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const available = Math.max(0, -account.accountBalanceMinor);
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>('cash');
  const [amount, setAmount] = useState(available > 0 ? money.plain(available) : '');
  const [reason, setReason] = useState('');
  const [clientId] = useState(newClientId);
  const post = useMutation({
    mutationFn: () => client['billing.refund.post']({ clientId, patientId: account.patientId, amountMinor: money.parse(amount) ?? 0, method, reason }),
    onSuccess: (r) => onDone(r.postingId),
  });
  const errors = fieldErrors(post.error);
  return (
    <Frame title={t('billing.refund.title')} onClose={onClose} onSubmit={() => post.mutate()} busy={post.isPending} error={post.error} submitLabel={t('billing.refund.submit')}>
      <p className="muted">{t('billing.refund.available', { amount: money.format(available) })}</p>
      <div className="billing-form-grid">
        <AmountField label={t('billing.payment.amount', { currency: account.currency })} text={amount} onText={setAmount} error={errors.amountMinor} autoFocus />
        <MethodField value={method} onChange={setMethod} />
      </div>
      <Field label={t('billing.adjustment.reason')} error={errors.reason}>
        {(control) => <input maxLength={maxLengthAt(contract['billing.refund.post'].input, 'reason')} {...control} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Frame>
  );
}

export function ReverseDialog({ posting, what, lockDate, canOverride, onClose, onDone }: { posting: PostingOut; what: string; lockDate: string | null; canOverride: boolean; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const locked = lockDate !== null && posting.serviceDate < lockDate && !canOverride;
  const client = useClient();
  const [reason, setReason] = useState('');
  const [clientId] = useState(newClientId);
  const post = useMutation({ mutationFn: () => client['billing.posting.reverse']({ clientId, postingId: posting.id, reason }), onSuccess: onDone });
  const errors = fieldErrors(post.error);
  return (
    <Frame title={t('billing.reverse.title')} onClose={onClose} onSubmit={() => post.mutate()} busy={post.isPending} error={post.error} submitLabel={t('billing.reverse.submit')}>
      <p>{t('billing.reverse.description')}</p>
      {locked ? <p className="field-hint">{t('billing.reverse.locked', { lockDate: time.day(lockDate) })}</p> : null}
      <p>
        <strong>{t('billing.reverse.what', { what })}</strong>
      </p>
      <Field label={t('billing.reverse.reason')} error={errors.reason}>
        {(control) => <input maxLength={maxLengthAt(contract['billing.posting.reverse'].input, 'reason')} {...control} className="input" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Frame>
  );
}

export function PlanDialog({ account, onClose, onDone }: { account: AccountOut; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const owed = Math.max(0, account.accountBalanceMinor);
  const [amount, setAmount] = useState(owed > 0 ? money.plain(owed) : '');
  const [count, setCount] = useState('6');
  const [first, setFirst] = useState(account.today);
  const [interval, setInterval] = useState('1');
  const [note, setNote] = useState('');
  const [clientId] = useState(newClientId);
  const post = useMutation({
    mutationFn: () =>
      client['billing.plan.create']({
        clientId,
        patientId: account.guarantorId,
        totalMinor: money.parse(amount) ?? 0,
        count: Number.parseInt(count, 10) || 0,
        firstDueDate: first,
        intervalMonths: Number.parseInt(interval, 10) || 1,
        ...(note.trim() ? { note } : {}),
      }),
    onSuccess: onDone,
  });
  const errors = fieldErrors(post.error);
  return (
    <Frame title={t('billing.plans.create')} onClose={onClose} onSubmit={() => post.mutate()} busy={post.isPending} error={post.error} submitLabel={t('billing.plans.submit')}>
      <div className="billing-form-grid">
        <AmountField label={t('billing.plans.total', { currency: account.currency })} text={amount} onText={setAmount} error={errors.totalMinor} autoFocus />
        <Field label={t('billing.plans.count')} error={errors.count}>
          {(control) => <input {...control} className="input num" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />}
        </Field>
        <Field label={t('billing.plans.firstDue')} error={errors.firstDueDate}>
          {(control) => <DateField {...control} className="input" value={first} onChange={setFirst} />}
        </Field>
        <Field label={t('billing.plans.interval')} error={errors.intervalMonths}>
          {(control) => <input {...control} className="input num" inputMode="numeric" value={interval} onChange={(e) => setInterval(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('billing.plans.note')} optional>
        {(control) => <input maxLength={maxLengthAt(contract['billing.plan.create'].input, 'note')} {...control} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </Frame>
  );
}

export function ClaimDialog({ account, charge, what, onClose, onDone }: { account: AccountOut; charge: PostingOut; what: string; onClose: () => void; onDone: Done }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const existing = account.claims.find((c) => c.chargeId === charge.id);
  const [kind, setKind] = useState(existing?.kind ?? 'bono');
  const [payer, setPayer] = useState(existing?.payer ?? 'FONASA');
  const [status, setStatus] = useState(existing?.status ?? 'sent');
  const [billed, setBilled] = useState(money.plain(existing?.billedMinor ?? charge.amountMinor));
  const [paid, setPaid] = useState(existing?.paidMinor != null ? money.plain(existing.paidMinor) : '');
  const [sent, setSent] = useState(existing?.sentDate ?? account.today);
  const [resolved, setResolved] = useState(existing?.resolvedDate ?? '');
  const [reference, setReference] = useState(existing?.externalReference ?? '');
  const [id] = useState(existing?.id ?? newClientId());
  const post = useMutation({
    mutationFn: () =>
      client['billing.claim.save']({
        id,
        chargeId: charge.id,
        kind,
        payer,
        status,
        billedMinor: money.parse(billed) ?? 0,
        paidMinor: paid.trim() ? money.parse(paid) : null,
        sentDate: sent || null,
        resolvedDate: resolved || null,
        externalReference: reference.trim() || null,
      }),
    onSuccess: onDone,
  });
  const errors = fieldErrors(post.error);
  return (
    <Frame title={t('billing.claims.dialogTitle')} onClose={onClose} onSubmit={() => post.mutate()} busy={post.isPending} error={post.error} submitLabel={t('billing.claims.submit')}>
      <p className="muted">{what}</p>
      <div className="billing-form-grid">
        <Field label={t('billing.claims.kind')}>
          {(control) => (
            <select {...control} className="select" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {CLAIM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`billing.claims.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('billing.claims.payer')} error={errors.payer}>
          {(control) => <input maxLength={maxLengthAt(contract['billing.claim.save'].input, 'payer')} {...control} className="input" value={payer} onChange={(e) => setPayer(e.target.value)} />}
        </Field>
        <Field label={t('billing.claims.status')}>
          {(control) => (
            <select {...control} className="select" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              {CLAIM_STATUSES.map((k) => (
                <option key={k} value={k}>
                  {t(`billing.claims.statuses.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AmountField label={t('billing.claims.billed', { currency: account.currency })} text={billed} onText={setBilled} error={errors.billedMinor} />
        <Field label={t('billing.claims.paidAmount', { currency: account.currency })} optional error={errors.paidMinor}>
          {(control) => <input {...control} className="input num" inputMode="decimal" value={paid} onChange={(e) => setPaid(e.target.value)} />}
        </Field>
        <Field label={t('billing.claims.reference')} optional>
          {(control) => <input maxLength={maxLengthAt(contract['billing.claim.save'].input, 'externalReference')} {...control} className="input" value={reference} onChange={(e) => setReference(e.target.value)} />}
        </Field>
        <Field label={t('billing.claims.sentDate')} optional error={errors.sentDate}>
          {(control) => <DateField {...control} className="input" value={sent} onChange={setSent} />}
        </Field>
        <Field label={t('billing.claims.resolvedDate')} optional error={errors.resolvedDate}>
          {(control) => <DateField {...control} className="input" value={resolved} onChange={setResolved} />}
        </Field>
      </div>
    </Frame>
  );
}

/** Keeps the tooth label helper in one place for the tab and dialogs. */
export function useToothLabel(account: AccountOut) {
  return (tooth: string) => formatTooth(tooth as never, account.toothNumbering);
}
