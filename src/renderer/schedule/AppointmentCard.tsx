import { memo } from 'react';
import type { MouseEvent, PointerEvent } from 'react';
import { SEVERE_ALERTS } from '../../shared/patients/alerts';
import type { AccountBadge } from '../billing/useAccountBadges';
import type { GridWords } from './labels';
import type { Placed } from './ScheduleGrid';

interface Props {
  item: Placed;
  selected: boolean;
  compact: boolean;
  words: GridWords;
  top: number;
  height: number;
  /** Tall enough for the second line. */
  tall: boolean;
  onPointerDown: (event: PointerEvent<HTMLElement>, item: Placed) => void;
  /** The patient's payment status, when the user may see accounts. */
  account?: AccountBadge | undefined;
}

/** The card's fill: its colour at 12% over the white surface, opaque (no extra layer under a translucent fill). Cached per colour. */
const tints = new Map<string, string>();
function tint(colour: string): string {
  let out = tints.get(colour);
  if (out === undefined) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
    const mix = (hex: string) => Math.round(255 + ((parseInt(hex, 16) - 255) * 0x1f) / 255);
    out = m ? `rgb(${mix(m[1]!)} ${mix(m[2]!)} ${mix(m[3]!)})` : 'var(--surface)';
    tints.set(colour, out);
  }
  return out;
}

const stop = (event: MouseEvent) => event.stopPropagation();

/** The card's name with the payment status said right after the appointment's, in the order the card shows them. */
function withAccount(name: string, status: string, account: string): string {
  const at = name.indexOf(status);
  return at < 0 ? `${name}, ${account}` : `${name.slice(0, at + status.length)}, ${account}${name.slice(at + status.length)}`;
}

/**
 * One appointment on the grid: patient, type, status, confirmation and alert
 * badges, in the provider's or the type's colour. Few elements: the first line
 * is the card's own text; the second (type, status, badges) only on cards tall
 * enough to show it; the resize edge is the card's ::after. Its accessible name
 * says it all, beginning with what the card shows (the marks are decorative). Memoized: it re-renders only when its appointment (a new object
 * after a refetch), place or selection changes.
 */
export const AppointmentCard = memo(function AppointmentCard({ item, selected, compact, words, top, height, tall, onPointerDown, account }: Props) {
  const { appointment: a, conflict, lane, lanes } = item;
  const classes = `appt-card appt-status-${a.status}${selected ? ' appt-card-selected' : ''}${conflict ? ' appt-card-conflict' : ''}${lanes > 1 ? ' appt-card-lane' : ''}`;
  const severe = a.patientAlerts.length > 0 && a.patientAlerts.some((code) => SEVERE_ALERTS.has(code));
  return (
    <div
      role="button"
      tabIndex={-1}
      aria-label={account ? withAccount(words.card(a, conflict), words.status[a.status], account.text) : words.card(a, conflict)}
      aria-pressed={selected}
      data-appointment={a.id}
      className={classes}
      style={{
        top,
        height,
        left: lanes > 1 ? `calc(${(lane / lanes) * 100}% + 2px)` : undefined,
        width: lanes > 1 ? `calc(${100 / lanes}% - 4px)` : undefined,
        borderLeftColor: a.colour,
        background: tint(a.colour),
      }}
      onPointerDown={(event) => onPointerDown(event, item)}
      onClick={stop}
    >
      {conflict ? (
        <span className="appt-conflict" title={words.conflict} aria-hidden="true">
          ⚠
        </span>
      ) : null}
      {!compact ? <span className="appt-time">{a.startLocal.slice(11, 16)} </span> : null}
      {a.patientName}
      {tall && !compact ? (
        // The spaces keep the words apart in the text read from the card; the flex layout spaces them visually.
        <span className="appt-meta">
          {' '}
          <span className="appt-type">{a.typeName ?? words.noType} </span>
          <span className={`appt-badge appt-badge-${a.status}`}>{words.status[a.status]}</span>
          {account ? (
            <span className={`account-badge account-badge-${account.tone}`} title={account.label}>
              {' '}
              {account.text}{' '}
            </span>
          ) : null}
          {a.confirmation === 'confirmed' ? (
            <span className="appt-confirmed" aria-hidden="true">
              ✓
            </span>
          ) : null}
          {a.patientAlerts.length > 0 ? (
            <span className={severe ? 'appt-alerts appt-alerts-severe' : 'appt-alerts'} aria-hidden="true">
              ⚠{a.patientAlerts.length}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
});
