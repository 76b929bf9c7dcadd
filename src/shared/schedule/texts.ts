import type { Language } from '../i18n/languages';
import type { TemplateKind } from './reminders';
import type { AppointmentStatus } from './status';

/**
 * The words of what main writes for people outside the screen: the default
 * reminder templates, the day sheet PDF and the calendar export. A small
 * catalog of its own, Spanish as the reference and English typed against it
 * (a missing key fails typecheck), as the screen's catalogs are.
 */
const esTexts = {
  templates: {
    reminder:
      'Hola {nombre}, le recordamos su hora en {consulta} el {fecha} a las {hora} con {profesional}.\n' +
      'Dirección: {direccion}\n' +
      'Por favor responda SÍ para confirmar, o escríbanos si necesita cambiarla.',
    booking:
      'Hola {nombre}, su hora en {consulta} quedó agendada para el {fecha} a las {hora} con {profesional} ({tipo}).\n' +
      'Dirección: {direccion}\n' +
      'Si no puede asistir, avísenos al {telefono}.',
  } satisfies Record<TemplateKind, string>,
  daySheet: {
    title: 'Agenda del día',
    generated: 'Generada el {{at}} por {{user}}',
    time: 'Hora',
    length: 'Min.',
    patient: 'Paciente',
    provider: 'Profesional',
    type: 'Tipo',
    status: 'Estado',
    phone: 'Teléfono',
    notes: 'Notas',
    alerts: 'Alertas',
    empty: 'Sin citas este día.',
    closed: 'Consulta cerrada: {{name}}',
    blockouts: 'Bloqueos',
    page: 'Página {{n}} de {{total}}',
    total: 'citas: {{count}}',
  },
  statuses: {
    scheduled: 'Agendada',
    confirmed: 'Confirmada',
    arrived: 'Llegó',
    seated: 'En sillón',
    completed: 'Atendida',
    cancelled: 'Cancelada',
    no_show: 'No asistió',
  } satisfies Record<AppointmentStatus, string>,
  ics: {
    appointment: 'Cita',
    calendarName: 'Agenda de {{provider}}',
  },
  defaults: {
    appointmentTypes: [
      { name: 'Control', durationMin: 30, colour: '#2563eb' },
      { name: 'Limpieza', durationMin: 45, colour: '#0891b2' },
      { name: 'Obturación', durationMin: 45, colour: '#16a34a' },
      { name: 'Endodoncia', durationMin: 90, colour: '#9333ea' },
      { name: 'Extracción', durationMin: 45, colour: '#dc2626' },
      { name: 'Urgencia', durationMin: 30, colour: '#ea580c' },
      { name: 'Evaluación inicial', durationMin: 45, colour: '#64748b' },
    ],
    blockoutTypes: [
      { name: 'Almuerzo', colour: '#94a3b8', forbidsBooking: true },
      { name: 'Solo urgencias', colour: '#f97316', forbidsBooking: false },
      { name: 'Reunión', colour: '#a855f7', forbidsBooking: true },
      { name: 'Mantención del sillón', colour: '#64748b', forbidsBooking: true },
    ],
  },
};

type Texts = typeof esTexts;
type Shape<T> = T extends string ? string : T extends readonly (infer U)[] ? readonly Shape<U>[] : { [K in keyof T]: Shape<T[K]> };

const enTexts: Shape<Texts> = {
  templates: {
    reminder:
      'Hello {name}, this is a reminder of your appointment at {practice} on {date} at {time} with {provider}.\n' +
      'Address: {address}\n' +
      'Please reply YES to confirm, or write to us if you need to change it.',
    booking:
      'Hello {name}, your appointment at {practice} is booked for {date} at {time} with {provider} ({type}).\n' +
      'Address: {address}\n' +
      'If you cannot come, please let us know at {phone}.',
  },
  daySheet: {
    title: 'Day sheet',
    generated: 'Printed {{at}} by {{user}}',
    time: 'Time',
    length: 'Min',
    patient: 'Patient',
    provider: 'Provider',
    type: 'Type',
    status: 'Status',
    phone: 'Phone',
    notes: 'Notes',
    alerts: 'Alerts',
    empty: 'No appointments this day.',
    closed: 'Practice closed: {{name}}',
    blockouts: 'Blockouts',
    page: 'Page {{n}} of {{total}}',
    total: 'appointments: {{count}}',
  },
  statuses: {
    scheduled: 'Scheduled',
    confirmed: 'Confirmed',
    arrived: 'Arrived',
    seated: 'Seated',
    completed: 'Completed',
    cancelled: 'Cancelled',
    no_show: 'No-show',
  },
  ics: {
    appointment: 'Appointment',
    calendarName: "{{provider}}'s schedule",
  },
  defaults: {
    appointmentTypes: [
      { name: 'Check-up', durationMin: 30, colour: '#2563eb' },
      { name: 'Cleaning', durationMin: 45, colour: '#0891b2' },
      { name: 'Filling', durationMin: 45, colour: '#16a34a' },
      { name: 'Root canal', durationMin: 90, colour: '#9333ea' },
      { name: 'Extraction', durationMin: 45, colour: '#dc2626' },
      { name: 'Emergency', durationMin: 30, colour: '#ea580c' },
      { name: 'New patient exam', durationMin: 45, colour: '#64748b' },
    ],
    blockoutTypes: [
      { name: 'Lunch', colour: '#94a3b8', forbidsBooking: true },
      { name: 'Emergencies only', colour: '#f97316', forbidsBooking: false },
      { name: 'Meeting', colour: '#a855f7', forbidsBooking: true },
      { name: 'Chair maintenance', colour: '#64748b', forbidsBooking: true },
    ],
  },
};

export const SCHEDULE_TEXTS: Readonly<Record<Language, Shape<Texts>>> = { es: esTexts, en: enTexts };

export function scheduleTexts(language: Language): Shape<Texts> {
  return SCHEDULE_TEXTS[language];
}

/** Fills {{name}} placeholders, as the screen's catalogs write them. */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
