import PDFDocument from 'pdfkit';
import type { DayView } from '../../shared/contract/schedule';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { calendarWords, practiceTimeFormat } from '../../shared/practice/datetime';
import { localeFor } from '../../shared/schedule/reminders';
import { fill, scheduleTexts } from '../../shared/schedule/texts';

/*
 * The day sheet: the practice's header, then one table per chair (time,
 * length, patient with medical-alert badges and phone, provider, type,
 * status, notes), with the header repeated on each page and "page n of N"
 * at the foot. Drawn with pdfkit's standard Helvetica, whose WinAnsi
 * encoding covers Spanish and the other Western European languages' letters.
 */

export interface DaySheetInput {
  view: DayView;
  practice: { name: string; address: string; phone: string; country: string };
  language: Language;
  /** Only this chair. */
  operatoryId?: string;
  printedBy: string;
  now: Date;
  phones: Map<string, string | null>;
}

const MARGIN = 36;
/** Room for the colour bar at the left of each row. */
const PAD = 6;
const COLUMNS = [
  { key: 'time', width: 42 },
  { key: 'length', width: 28 },
  { key: 'patient', width: 160 },
  { key: 'provider', width: 84 },
  { key: 'type', width: 76 },
  { key: 'status', width: 58 },
  { key: 'phone', width: 75 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

export async function renderDaySheet(input: DaySheetInput): Promise<{ pdf: Buffer; pages: number; count: number }> {
  const texts = scheduleTexts(input.language);
  const t = texts.daySheet;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: `${t.title} ${input.view.date}`, Author: input.practice.name, Creator: 'Consulta Dental' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  const bottom = () => doc.page.height - MARGIN - 28;
  const locale = localeFor(input.language, input.practice.country);
  const dateText = calendarWords(locale).longDay(input.view.date);
  const operatories = input.view.operatories.filter((o) => !input.operatoryId || o.id === input.operatoryId);
  const providers = new Map(input.view.providers.map((p) => [p.id, p.displayName]));
  const appointments = input.view.appointments.filter((a) => operatories.some((o) => o.id === a.operatoryId));

  // Header: practice, address and phone, the day.
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(15).fillColor('#111827').text(input.practice.name, MARGIN, MARGIN, { width });
    const contact = [input.practice.address, input.practice.phone].filter(Boolean).join(' · ');
    if (contact) doc.font('Helvetica').fontSize(9).fillColor('#4b5563').text(contact, { width });
    doc.moveDown(0.3);
    const title = `${t.title}: ${dateText}`;
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#111827').text(title, { width });
    if (input.view.holiday?.closed) doc.font('Helvetica-Oblique').fontSize(10).fillColor('#b91c1c').text(fill(t.closed, { name: input.view.holiday.name }), { width });
    doc.moveDown(0.4);
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.8).strokeColor('#9ca3af').stroke();
    doc.moveDown(0.4);
  };

  const cellX = (key: ColumnKey) => MARGIN + COLUMNS.slice(0, COLUMNS.findIndex((c) => c.key === key)).reduce((s, c) => s + c.width, 0);
  const tableHeader = () => {
    const y = doc.y;
    doc.rect(MARGIN, y - 2, width, 14).fill('#e5e7eb');
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#111827');
    for (const c of COLUMNS) doc.text(t[c.key], cellX(c.key) + PAD, y + 1, { width: c.width - PAD - 2, lineBreak: false });
    doc.y = y + 14;
  };

  header();
  if (appointments.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor('#374151').text(t.empty, MARGIN, doc.y, { width });
  }
  for (const operatory of operatories) {
    const list = appointments.filter((a) => a.operatoryId === operatory.id);
    const blockouts = input.view.blockouts.filter((b) => b.operatoryId === operatory.id || (b.operatoryId === null && b.providerId === null));
    if (list.length === 0 && blockouts.length === 0) continue;
    if (doc.y + 60 > bottom()) {
      doc.addPage();
      header();
    }
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#111827').text(`${operatory.name} — ${fill(t.total, { count: list.length })}`, MARGIN, doc.y, { width });
    if (blockouts.length) {
      const line = blockouts.map((b) => `${b.start}–${b.end} ${b.typeName}${b.note ? ` (${b.note})` : ''}`).join('; ');
      doc.font('Helvetica-Oblique').fontSize(8).fillColor('#4b5563').text(`${t.blockouts}: ${line}`, { width });
    }
    doc.moveDown(0.2);
    tableHeader();
    for (const [i, a] of list.entries()) {
      const alerts = a.patientAlerts.map((code) => translate(input.language, `alerts.${code}`) ?? code).join(', ');
      const patientText = [a.patientName, alerts ? `${t.alerts}: ${alerts}` : '', a.notes ? `${t.notes}: ${a.notes}` : ''].filter(Boolean).join('\n');
      const cells: Record<ColumnKey, string> = {
        time: a.startLocal.slice(11, 16),
        length: String(a.durationMin),
        patient: patientText,
        provider: providers.get(a.providerId) ?? '',
        type: a.typeName ?? '',
        status: texts.statuses[a.status],
        phone: input.phones.get(a.patientId) ?? '',
      };
      doc.font('Helvetica').fontSize(8.5);
      const height = Math.max(...COLUMNS.map((c) => doc.heightOfString(cells[c.key], { width: c.width - PAD - 2 }))) + 6;
      if (doc.y + height > bottom()) {
        doc.addPage();
        header();
        tableHeader();
      }
      const y = doc.y;
      if (i % 2 === 1) doc.rect(MARGIN, y, width, height).fill('#f3f4f6');
      doc.rect(MARGIN, y, 3, height).fill(a.colour);
      for (const c of COLUMNS) {
        const bold = c.key === 'time' || c.key === 'patient';
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor(c.key === 'status' && a.status === 'no_show' ? '#b91c1c' : '#111827');
        if (c.key === 'patient') {
          // The name bold, the alert and notes lines in the regular face.
          const [nameLine, ...rest] = cells.patient.split('\n');
          doc.text(nameLine!, cellX(c.key) + PAD, y + 3, { width: c.width - PAD - 2 });
          if (rest.length) doc.font('Helvetica').fontSize(7.5).fillColor('#b45309').text(rest.join('\n'), { width: c.width - PAD - 2 });
        } else {
          doc.text(cells[c.key], cellX(c.key) + PAD, y + 3, { width: c.width - PAD - 2 });
        }
      }
      doc.y = y + height;
    }
    doc.moveDown(0.8);
  }

  // Foot of every page: who printed it and when, and the page number.
  const range = doc.bufferedPageRange();
  const printedAt = practiceTimeFormat({ language: input.language, country: input.practice.country, timeZone: input.view.timeZone }).dateTime(input.now.toISOString());
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 12;
    doc.font('Helvetica').fontSize(7.5).fillColor('#6b7280');
    doc.text(fill(t.generated, { at: printedAt, user: input.printedBy }), MARGIN, y, { width: width / 2, lineBreak: false });
    doc.text(fill(t.page, { n: i - range.start + 1, total: range.count }), MARGIN + width / 2, y, { width: width / 2, align: 'right', lineBreak: false });
  }
  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), pages: range.count, count: appointments.length };
}
