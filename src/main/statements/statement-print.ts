import type { Language } from '../../shared/i18n/languages';
import { practiceMoney } from '../../shared/practice/money';
import { localeFor } from '../../shared/schedule/reminders';
import type { PrintContext } from '../chairside/print/pdf-common';
import { practiceClock } from '../chairside/chairside-common';
import { userNames, type Db } from '../patients/patients-repository';
import { readScheduleSettings } from '../schedule/schedule-settings';
import type { Actor } from '../store/store';

/** What every statement and report print needs about the practice and who prints, read once per call or batch. */
export interface PrintSetting {
  clock: Awaited<ReturnType<typeof practiceClock>>;
  practice: PrintContext['practice'];
  printedBy: string;
}

export async function printSetting(db: Db, actor: Actor): Promise<PrintSetting> {
  const [clock, schedule, names] = await Promise.all([practiceClock(db), readScheduleSettings(db), userNames(db, actor.userId ? [actor.userId] : [])]);
  return { clock, practice: { name: clock.name, address: schedule.address, phone: schedule.phone }, printedBy: (actor.userId ? names.get(actor.userId) : null) ?? '' };
}

export function printContext(setting: PrintSetting, language: Language, now = new Date(), compress = true): PrintContext {
  return {
    language,
    locale: localeFor(language, setting.clock.country),
    country: setting.clock.country,
    timeZone: setting.clock.timeZone,
    practice: setting.practice,
    patient: { name: '', document: null, age: null },
    printedBy: setting.printedBy,
    now,
    ...(compress ? {} : { compress: false }),
  };
}

export function moneyFor(setting: PrintSetting, language: Language) {
  return practiceMoney({ language, country: setting.clock.country, currency: setting.clock.currency });
}

/** A file name's part from a person's name: "fuentes-camila". */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}
