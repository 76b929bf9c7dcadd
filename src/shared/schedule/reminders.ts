import type { Language } from '../i18n/languages';
import { fold } from '../text/fold';

/**
 * Reminder and confirmation messages, from templates the admin edits.
 *
 * Variables are written in braces in the template's own language, so that
 * an admin writing Spanish types {nombre} and one writing English {name};
 * either set works in any template, and accents or capitals in a variable's
 * name do not matter ({Dirección} is {direccion}). A line whose variables
 * all came out empty is left out (no "Dirección: " when the practice has
 * not entered its address).
 */

export const TEMPLATE_KINDS = ['reminder', 'booking'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_VARIABLES = ['patientName', 'patientFullName', 'date', 'time', 'provider', 'practice', 'address', 'phone', 'type'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The name of each variable as written in a template of each language. */
export const VARIABLE_NAMES: Readonly<Record<Language, Readonly<Record<TemplateVariable, string>>>> = {
  es: {
    patientName: 'nombre',
    patientFullName: 'nombre_completo',
    date: 'fecha',
    time: 'hora',
    provider: 'profesional',
    practice: 'consulta',
    address: 'direccion',
    phone: 'telefono',
    type: 'tipo',
  },
  en: {
    patientName: 'name',
    patientFullName: 'full_name',
    date: 'date',
    time: 'time',
    provider: 'provider',
    practice: 'practice',
    address: 'address',
    phone: 'phone',
    type: 'type',
  },
};

const BY_NAME = new Map<string, TemplateVariable>();
for (const names of Object.values(VARIABLE_NAMES)) for (const [variable, name] of Object.entries(names)) BY_NAME.set(name, variable as TemplateVariable);

const PLACEHOLDER = /\{([^{}\n]{1,40})\}/g;

function variableOf(raw: string): TemplateVariable | null {
  return BY_NAME.get(fold(raw.trim()).replace(/\s+/g, '_')) ?? null;
}

/** Placeholders that name no known variable, as written. */
export function unknownVariables(template: string): string[] {
  const out = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (!variableOf(m[1]!)) out.add(m[0]);
  return [...out];
}

export type TemplateValues = Record<TemplateVariable, string>;

/** Fills a template; unknown placeholders stay as written. */
export function renderTemplate(template: string, values: TemplateValues): string {
  const lines = template.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    let variables = 0;
    let empty = 0;
    const rendered = line.replace(PLACEHOLDER, (whole, raw: string) => {
      const variable = variableOf(raw);
      if (!variable) return whole;
      variables++;
      const value = values[variable].trim();
      if (!value) empty++;
      return value;
    });
    if (variables > 0 && empty === variables) continue;
    out.push(rendered);
  }
  return out.join('\n').trim();
}

/** Intl locale for a language in the practice's country ("es-CL"). */
export function localeFor(language: Language, country: string): string {
  const candidate = `${language}-${country}`;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([candidate]).length ? candidate : language;
  } catch {
    return language;
  }
}

/** "lunes 23 de noviembre" / "Monday, November 23": the weekday matters most in a reminder. */
export function formatReminderDate(date: string, language: Language, country: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(localeFor(language, country), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(d);
}

/**
 * "09:30" / "9:30 AM": Spanish on the 24-hour clock, as appointment cards and
 * messages are written in Chile (CLDR's es-CL would say "9:30 a. m."),
 * English as its locale writes times.
 */
export function formatReminderTime(time: string, language: Language, country: string): string {
  if (language === 'es') return time;
  const d = new Date(`2000-01-01T${time}:00Z`);
  return new Intl.DateTimeFormat(localeFor(language, country), { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(d);
}

/**
 * A WhatsApp "click to chat" link with the text prefilled: the number in
 * international form with digits only (no +, spaces or dashes) and the text
 * percent-encoded as UTF-8, so accents, line breaks, & and ? arrive intact.
 */
export function whatsappLink(e164: string, text: string): string {
  const digits = e164.replace(/\D/g, '');
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`;
}
