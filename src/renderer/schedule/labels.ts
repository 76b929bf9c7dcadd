import type { TFunction } from 'i18next';
import type { Appointment } from '../../shared/contract/schedule';
import { APPOINTMENT_STATUSES } from '../../shared/schedule/status';
import type { AppointmentStatus } from '../../shared/schedule/status';

/**
 * The words of the grid, translated once per language and render rather than
 * per cell: a day has hundreds of cells and cards, and each i18next lookup costs.
 */
export interface GridWords {
  free: string;
  closed: string;
  noBooking: string;
  conflict: string;
  noType: string;
  status: Record<AppointmentStatus, string>;
  cell: (column: string, time: string) => string;
  blockout: (name: string) => string;
  card: (a: Appointment, conflict: boolean) => string;
}

/**
 * A translated text with \u0001key\u0001 marks, split once into literal and key
 * parts: filling it is a join, not a regular expression per label.
 */
const template = (text: string) => {
  const parts = text.split('\u0001');
  return (values: Record<string, string>) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i++) out += i % 2 ? (values[parts[i]!] ?? '') : parts[i]!;
    return out;
  };
};

export function gridWords(t: TFunction): GridWords {
  const mark = (key: string) => `\u0001${key}\u0001`;
  const cell = template(t('schedule.cell', { column: mark('column'), time: mark('time'), interpolation: { escapeValue: false } }));
  const blockout = template(t('schedule.blockout', { name: mark('name'), interpolation: { escapeValue: false } }));
  const card = template(
    t('schedule.card.label', { start: mark('start'), end: mark('end'), patient: mark('patient'), type: mark('type'), status: mark('status'), interpolation: { escapeValue: false } }),
  );
  // Cards show the number of alerts after the status; their names say it there too, in words.
  const alertCounts = new Map<number, string>();
  const alertCount = (count: number) => {
    let text = alertCounts.get(count);
    if (text === undefined) alertCounts.set(count, (text = t('schedule.card.alertCount', { count })));
    return text;
  };
  const status = Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, t(`schedule.statuses.${s}`)])) as Record<AppointmentStatus, string>;
  const words: GridWords = {
    free: t('schedule.free'),
    closed: t('schedule.closed'),
    noBooking: t('schedule.noBooking'),
    conflict: t('schedule.card.conflict'),
    noType: t('schedule.card.noType'),
    status,
    cell: (column, time) => cell({ column, time }),
    blockout: (name) => blockout({ name }),
    card: (a, conflict) => {
      const label = card({
        start: a.startLocal.slice(11, 16),
        end: a.endLocal.slice(11, 16),
        patient: a.patientName,
        type: a.typeName ?? words.noType,
        status: a.patientAlerts.length > 0 ? `${status[a.status]}, ${alertCount(a.patientAlerts.length)}` : status[a.status],
      });
      return conflict ? `${label}, ${words.conflict}` : label;
    },
  };
  return words;
}

/** The words a card is read as (its accessible name, and the cell it covers). */
export function cardLabel(t: TFunction, a: Appointment, conflict: boolean): string {
  return gridWords(t).card(a, conflict);
}
