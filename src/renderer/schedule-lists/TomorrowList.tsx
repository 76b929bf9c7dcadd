import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../shared/contract';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { usePracticeTime } from '../ui/format';
import { LISTS_KEY, addDays, longDate, timeOf, useLanguage, usePracticeToday } from './shared';
import { DateField } from '../ui/DateField';

type Item = CallOutput<'schedule.tomorrow'>['items'][number];
type Channel = 'whatsapp' | 'copy' | 'phone' | 'in_person';

/** Who to confirm for a day (tomorrow by default), each with the reminder text ready to send. */
export function TomorrowList() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const today = usePracticeToday();
  const [date, setDate] = useState(() => addDays(today, 1));
  const query = useQuery({ queryKey: [...LISTS_KEY, 'tomorrow', date], queryFn: () => client['schedule.tomorrow']({ date }) });

  return (
    <div className="sl-stack">
      <div className="sl-toolbar">
        <label className="field-label" htmlFor="sl-tomorrow-date">
          {t('scheduleLists.tomorrow.date')}
        </label>
        <DateField id="sl-tomorrow-date" className="input input-narrow"  value={date} onChange={(v) => v && setDate(v)} />
        <Button size="sm" variant="ghost" onClick={() => setDate(addDays(today, 1))}>
          {t('scheduleLists.tomorrow.tomorrow')}
        </Button>
      </div>
      <QueryState query={query}>
        {(data) => (
          <section aria-label={t('scheduleLists.tomorrow.listLabel', { date: longDate(data.date, language) })}>
            <h3 className="section-title">{t('scheduleLists.tomorrow.heading', { date: longDate(data.date, language), count: data.items.length })}</h3>
            {data.items.length === 0 ? (
              <p className="sl-empty">{t('scheduleLists.tomorrow.empty')}</p>
            ) : (
              <ul className="sl-cards">
                {data.items.map((item) => (
                  <ReminderCard key={item.appointment.id} item={item} />
                ))}
              </ul>
            )}
          </section>
        )}
      </QueryState>
    </div>
  );
}

function ReminderCard({ item }: { item: Item }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const time = usePracticeTime();
  const { appointment } = item;
  const name = appointment.patientName;
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<Channel>('whatsapp');
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const compose = useQuery({
    queryKey: ['schedule', 'reminder', appointment.id, appointment.updatedAt],
    queryFn: () => client['schedule.reminder.compose']({ appointmentId: appointment.id, kind: 'reminder' }),
    enabled: open,
    staleTime: Infinity,
  });

  const record = useMutation({
    mutationFn: (input: { channel: Channel; answer: 'confirmed' | 'reschedule' | null }) =>
      client['schedule.reminder.record']({ appointmentId: appointment.id, kind: 'reminder', channel: input.channel, answer: input.answer, language: compose.data?.language }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['schedule'] }),
  });

  const copy = async (text: string) => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = false;
    }
    if (!ok) {
      // No clipboard access (permissions, Electron policy): select the text so Ctrl+C copies it.
      textRef.current?.focus();
      textRef.current?.select();
    }
    setCopied(ok ? 'copied' : 'select');
    setChannel('copy');
    record.mutate({ channel: 'copy', answer: null });
  };

  const confirmation = appointment.confirmation;
  const last = item.lastReminder;

  return (
    <li className="sl-card" aria-label={t('scheduleLists.tomorrow.cardLabel', { name, time: timeOf(appointment.startLocal) })}>
      <div className="sl-card-head">
        <span className="sl-time">{timeOf(appointment.startLocal)}</span>
        <div className="sl-card-main">
          <strong className="sl-name">{name}</strong>
          <span className="sl-meta">
            {[appointment.typeName, item.providerName, item.operatoryName].filter(Boolean).join(' · ')}
          </span>
          <span className="sl-meta">
            {item.phone ? item.phone : t('scheduleLists.tomorrow.noPhone')}
            {item.whatsapp ? ` · ${t('scheduleLists.tomorrow.whatsapp')}` : ''}
          </span>
        </div>
        <span className={`badge sl-confirmation sl-confirmation-${confirmation}`} data-testid="confirmation">
          {t(`scheduleLists.confirmation.${confirmation}`)}
        </span>
        <Button size="sm" variant={open ? 'ghost' : 'secondary'} icon="chat" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={t('scheduleLists.tomorrow.prepareFor', { name })}>
          {t('scheduleLists.tomorrow.prepare')}
        </Button>
      </div>
      {last ? (
        <p className="sl-meta sl-last">
          {t('scheduleLists.tomorrow.lastReminder', {
            channel: t(`scheduleLists.channels.${last.channel}`),
            at: time.dateTime(last.at),
            by: last.byName ?? '—',
          })}
          {last.answer ? ` · ${t(`scheduleLists.answers.${last.answer}`)}` : ''}
        </p>
      ) : null}
      {open ? (
        <div className="sl-reminder">
          <QueryState query={compose}>
            {(composed) => (
              <>
                <label className="field-label" htmlFor={`sl-text-${appointment.id}`}>
                  {t('scheduleLists.tomorrow.textFor', { name, language: t(`languages.${composed.language}`) })}
                </label>
                <textarea
                  id={`sl-text-${appointment.id}`}
                  ref={textRef}
                  className="input sl-text"
                  readOnly
                  rows={Math.min(10, composed.text.split('\n').length * 2 + 1)}
                  value={composed.text}
                  onFocus={(e) => e.currentTarget.select()}
                />
                {!composed.phone ? <Alert tone="warning">{t('scheduleLists.tomorrow.noMobile')}</Alert> : null}
                {composed.phone && !composed.phoneIsWhatsapp ? <p className="sl-meta">{t('scheduleLists.tomorrow.notMarkedWhatsapp', { phone: composed.phone })}</p> : null}
                <div className="sl-actions">
                  {composed.whatsappUrl ? (
                    <a
                      className="btn btn-primary btn-sm"
                      href={composed.whatsappUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={t('scheduleLists.tomorrow.openWhatsappFor', { name })}
                      onClick={() => {
                        setChannel('whatsapp');
                        record.mutate({ channel: 'whatsapp', answer: null });
                      }}
                    >
                      <Icon name="chat" size={16} />
                      {t('scheduleLists.tomorrow.openWhatsapp')}
                    </a>
                  ) : null}
                  <Button size="sm" icon="check" onClick={() => void copy(composed.text)} aria-label={t('scheduleLists.tomorrow.copyFor', { name })}>
                    {t('scheduleLists.tomorrow.copy')}
                  </Button>
                  <span role="status" className="sl-meta">
                    {copied === 'copied' ? t('scheduleLists.tomorrow.copied') : copied === 'select' ? t('scheduleLists.tomorrow.selectToCopy') : ''}
                  </span>
                </div>
                <fieldset className="sl-answer">
                  <legend className="field-label">{t('scheduleLists.tomorrow.answerLegend', { name })}</legend>
                  <label className="sl-inline">
                    <span>{t('scheduleLists.tomorrow.channel')}</span>
                    <select className="select select-compact" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                      {(['whatsapp', 'copy', 'phone', 'in_person'] as const).map((c) => (
                        <option key={c} value={c}>
                          {t(`scheduleLists.channels.${c}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <Button size="sm" variant="primary" icon="check" busy={record.isPending && record.variables.answer === 'confirmed'} onClick={() => record.mutate({ channel, answer: 'confirmed' })}>
                    {t('scheduleLists.tomorrow.confirmed')}
                  </Button>
                  <Button size="sm" icon="calendar" busy={record.isPending && record.variables.answer === 'reschedule'} onClick={() => record.mutate({ channel, answer: 'reschedule' })}>
                    {t('scheduleLists.tomorrow.reschedule')}
                  </Button>
                </fieldset>
                {record.isError ? <Alert tone="error">{errorMessage(record.error)}</Alert> : null}
              </>
            )}
          </QueryState>
        </div>
      ) : null}
    </li>
  );
}
