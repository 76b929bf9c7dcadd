import { offsetAt, utcToLocal, zoneTransitions } from './time';

/**
 * An RFC 5545 iCalendar writer for a provider's appointments: CRLF line
 * ends, TEXT values escaped (3.3.11), lines folded at 75 octets without
 * splitting a UTF-8 character (3.1), local times with TZID and a VTIMEZONE
 * built from the IANA rules in force over the exported range (so calendar
 * apps place 09:00 at 09:00 on both sides of a change of the clocks), UID =
 * the appointment's id, and DURATION in real minutes, which is how the
 * schedule stores length.
 */

export interface IcsEvent {
  uid: string;
  startLocal: string;
  durationMin: number;
  summary: string;
  location: string | null;
  description: string | null;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** ISO instant of the last change. */
  lastModified: string;
}

export interface IcsCalendar {
  name: string;
  zone: string;
  /** The exported range, for the VTIMEZONE: local dates. */
  from: string;
  to: string;
  /** ISO instant written as DTSTAMP. */
  now: string;
  events: readonly IcsEvent[];
}

export const ICS_PRODID = '-//Consulta Dental//Agenda 1.0//ES';

/** TEXT escaping: backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds one content line at 75 octets; continuation lines start with a space (which counts). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation takes one octet
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** "2026-11-23T09:30" → "20261123T093000". */
function icsLocal(local: string): string {
  return `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}T${local.slice(11, 13)}${local.slice(14, 16)}00`;
}

/** An ISO instant → "20261123T123000Z". */
export function icsUtc(iso: string): string {
  const d = new Date(iso);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}

/** VTIMEZONE lines for the zone's changes from a year before `from` to a year after `to`. */
export function vtimezone(zone: string, from: string, to: string): string[] {
  const startMs = Date.UTC(Number(from.slice(0, 4)) - 1, 0, 1);
  const endMs = Date.UTC(Number(to.slice(0, 4)) + 2, 0, 1);
  const transitions = zoneTransitions(zone, startMs, endMs);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  if (transitions.length === 0) {
    const o = offsetAt(startMs, zone);
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset(o)}`, `TZOFFSETTO:${offset(o)}`, 'END:STANDARD');
  } else {
    // What was in force before the first change, from the start of the range.
    const first = transitions[0]!;
    const before = first.offsetFrom;
    lines.push(
      'BEGIN:STANDARD',
      `DTSTART:${icsLocal(utcToLocal(startMs, zone))}`,
      `TZOFFSETFROM:${offset(before)}`,
      `TZOFFSETTO:${offset(before)}`,
      'END:STANDARD',
    );
    for (const t of transitions) {
      const kind = t.offsetTo > t.offsetFrom ? 'DAYLIGHT' : 'STANDARD';
      // DTSTART is the local time of the change as read in the offset before it.
      const onset = new Date(t.utcMs + t.offsetFrom * 60_000).toISOString().slice(0, 16);
      lines.push(`BEGIN:${kind}`, `DTSTART:${icsLocal(onset)}`, `TZOFFSETFROM:${offset(t.offsetFrom)}`, `TZOFFSETTO:${offset(t.offsetTo)}`, `END:${kind}`);
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export function writeIcs(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${calendar.zone}`,
    ...vtimezone(calendar.zone, calendar.from, calendar.to),
  ];
  const stamp = icsUtc(calendar.now);
  for (const e of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${calendar.zone}:${icsLocal(e.startLocal)}`,
      `DURATION:${duration(e.durationMin)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.status}`, `LAST-MODIFIED:${icsUtc(e.lastModified)}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
