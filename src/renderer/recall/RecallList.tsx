import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecallDueRow } from '../../shared/contract/recall';
import { RECALL_CONTACT_CHANNELS, RECALL_CONTACT_OUTCOMES } from '../../shared/contract/recall';
import { useClient } from '../app/client';
import { useProviders, useLanguage } from '../schedule-lists/shared';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

/** Under 'schedule', so a schedule.changed event (a booking) refreshes the list. */
const RECALL_KEY = ['schedule', 'recall'] as const;
const MONTHS = [1, 2, 3, 6, 12] as const;

export interface RecallBooking {
  patient: { id: string; name: string };
  providerId: string | null;
}

/** The due and overdue recalls the front desk works: filter, contact through WhatsApp (logged), book. */
export function RecallList({ onBook }: { onBook: (booking: RecallBooking) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const providers = useProviders();
  const types = useQuery({ queryKey: [...RECALL_KEY, 'types'], queryFn: () => client['recall.types.list']({}) });
  const [status, setStatus] = useState<'due' | 'overdue'>('due');
  const [typeId, setTypeId] = useState('');
  const [providerId, setProviderId] = useState('');
  const [months, setMonths] = useState(0);
  const [hideBooked, setHideBooked] = useState(false);
  const input = { status, hideBooked, ...(typeId ? { typeId } : {}), ...(providerId ? { providerId } : {}), ...(months ? { minMonthsOverdue: months } : {}) };
  const list = useQuery({ queryKey: [...RECALL_KEY, 'due', input], queryFn: () => client['recall.due'](input) });

  return (
    <div className="sl-stack">
      <form className="sl-toolbar recall-filters" aria-label={t('recall.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <label className="sl-inline">
          <span>{t('recall.status')}</span>
          <select className="select select-compact" value={status} onChange={(e) => setStatus(e.target.value as 'due' | 'overdue')}>
            {(['due', 'overdue'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`recall.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="sl-inline">
          <span>{t('recall.type')}</span>
          <select className="select select-compact" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
            <option value="">{t('recall.anyType')}</option>
            {types.data?.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="sl-inline">
          <span>{t('recall.provider')}</span>
          <select className="select select-compact" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
            <option value="">{t('recall.anyProvider')}</option>
            {providers.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="sl-inline">
          <span>{t('recall.monthsOverdue')}</span>
          <select className="select select-compact" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            <option value={0}>{t('recall.anyMonths')}</option>
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {t('recall.months', { count: m })}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox sl-inline">
          <input type="checkbox" checked={hideBooked} onChange={(e) => setHideBooked(e.target.checked)} />
          <span>{t('recall.hideBooked')}</span>
        </label>
      </form>
      <QueryState query={list}>
        {(data) => (
          <section aria-label={t('recall.listLabel')}>
            <h3 className="section-title" aria-live="polite">
              {data.more ? t('recall.headingMore', { limit: data.total }) : t('recall.heading', { count: data.total })}
            </h3>
            {data.rows.length < data.total ? <p className="muted">{t('recall.showing', { shown: data.rows.length })}</p> : null}
            {data.rows.length === 0 ? (
              <p className="sl-empty">{t('recall.empty')}</p>
            ) : (
              <ul className="sl-cards">
                {data.rows.map((row) => (
                  <RecallCard key={row.recallId} row={row} today={data.today} onBook={onBook} />
                ))}
              </ul>
            )}
          </section>
        )}
      </QueryState>
    </div>
  );
}

function RecallCard({ row, today, onBook }: { row: RecallDueRow; today: string; onBook: (booking: RecallBooking) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useLanguage();
  const time = usePracticeTime();
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<(typeof RECALL_CONTACT_CHANNELS)[number]>('whatsapp');
  const [outcome, setOutcome] = useState<(typeof RECALL_CONTACT_OUTCOMES)[number]>('sent');
  const [note, setNote] = useState('');
  const name = row.patientName;
  const type = row.typeName[language];
  const compose = useQuery({ queryKey: [...RECALL_KEY, 'compose', row.recallId], queryFn: () => client['recall.contact.compose']({ recallId: row.recallId }), enabled: open, staleTime: Infinity });
  const record = useMutation({
    mutationFn: (input: { channel: (typeof RECALL_CONTACT_CHANNELS)[number]; outcome: (typeof RECALL_CONTACT_OUTCOMES)[number]; note: string }) => client['recall.contact.record']({ recallId: row.recallId, ...input }),
    onSuccess: async () => {
      setNote('');
      await queryClient.invalidateQueries({ queryKey: [...RECALL_KEY, 'due'] });
    },
  });
  const overdue = row.monthsOverdue > 0 ? t('recall.overdueBy', { count: row.monthsOverdue }) : row.dueDate <= today ? t('recall.dueNow') : t('recall.dueSoon');

  return (
    <li className="sl-card" aria-label={t('recall.cardLabel', { name, type })}>
      <div className="sl-card-head">
        <div className="sl-card-main">
          <strong className="sl-name">{name}</strong>
          <span className="sl-meta">
            {[type, row.providerName].filter(Boolean).join(' · ')}
          </span>
          <span className="sl-meta">
            {t('recall.due', { date: time.day(row.dueDate) })} · {row.lastDoneDate ? t('recall.lastDone', { date: time.day(row.lastDoneDate) }) : t('recall.neverDone')}
          </span>
          <span className="sl-meta">{row.phone ?? t('recall.noPhone')}</span>
        </div>
        <span className={row.monthsOverdue > 0 ? 'badge badge-warning' : 'badge'}>{overdue}</span>
        <Button size="sm" variant={open ? 'ghost' : 'secondary'} icon="chat" aria-expanded={open} aria-label={t('recall.contactFor', { name })} onClick={() => setOpen(!open)}>
          {t('recall.contact')}
        </Button>
        <Button size="sm" icon="calendar" aria-label={t('recall.bookFor', { name })} onClick={() => onBook({ patient: { id: row.patientId, name }, providerId: row.providerId })}>
          {t('recall.book')}
        </Button>
      </div>
      {row.nextAppointment ? <p className="sl-meta">{t('recall.booked', { at: `${time.day(row.nextAppointment.slice(0, 10))} ${row.nextAppointment.slice(11, 16)}` })}</p> : null}
      {row.lastContact ? (
        <p className="sl-meta sl-last">
          {t('recall.lastContact', { channel: t(`recall.channels.${row.lastContact.channel}`), at: time.dateTime(row.lastContact.at), outcome: t(`recall.outcomes.${row.lastContact.outcome}`) })} · {t('recall.contacts', { count: row.contacts })}
        </p>
      ) : null}
      {open ? (
        <div className="sl-reminder">
          <QueryState query={compose}>
            {(composed) => (
              <>
                <label className="field-label" htmlFor={`recall-text-${row.recallId}`}>
                  {t('recall.textFor', { name, language: t(`languages.${composed.language}`) })}
                </label>
                <textarea id={`recall-text-${row.recallId}`} className="input sl-text" readOnly rows={4} value={composed.text} onFocus={(e) => e.currentTarget.select()} />
                {composed.whatsappUrl ? (
                  <div className="sl-actions">
                    <a
                      className="btn btn-primary btn-sm"
                      href={composed.whatsappUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={t('recall.openWhatsappFor', { name })}
                      onClick={() => record.mutate({ channel: 'whatsapp', outcome: 'sent', note: '' })}
                    >
                      <Icon name="chat" size={16} />
                      {t('recall.openWhatsapp')}
                    </a>
                  </div>
                ) : (
                  <Alert tone="warning">{t('recall.noMobile')}</Alert>
                )}
              </>
            )}
          </QueryState>
          <fieldset className="sl-answer">
            <legend className="field-label">{t('recall.logLegend', { name })}</legend>
            <label className="sl-inline">
              <span>{t('recall.channel')}</span>
              <select className="select select-compact" value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
                {RECALL_CONTACT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`recall.channels.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="sl-inline">
              <span>{t('recall.outcome')}</span>
              <select className="select select-compact" value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
                {RECALL_CONTACT_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`recall.outcomes.${o}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="sl-inline">
              <span>{t('recall.note')}</span>
              <input maxLength={maxLengthAt(contract['recall.contact.record'].input, 'note')} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <Button size="sm" variant="primary" icon="check" busy={record.isPending} onClick={() => record.mutate({ channel, outcome, note })}>
              {t('recall.logContact')}
            </Button>
          </fieldset>
          <p role="status" className="sl-meta">
            {record.isSuccess ? t('recall.logged') : ''}
          </p>
          {record.isError ? <Alert tone="error">{errorMessage(record.error)}</Alert> : null}
        </div>
      ) : null}
    </li>
  );
}
