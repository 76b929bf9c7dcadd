import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** CRC-32 as PNG chunks need it. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real greyscale PNG of noise (a small deterministic generator from `seed`),
 * so its bytes are distinctive: a test can look for them anywhere on disk.
 * `size` pads the noise to roughly that many bytes (noise does not compress).
 */
export function makePng(width: number, height: number, seed = 1): Buffer {
  let state = seed >>> 0 || 1;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) >>> 24);
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = next();
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A minimal but well-formed one-page PDF. */
export function makePdf(text = 'Derivacion a endodoncia'): Buffer {
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A real multi-page PDF made by pdfkit (as the app's own prints are): a
 * referral letter, each page titled "Página N de M" with a coloured band, so
 * a test can tell the pages apart by their pixels as well as their text.
 */
export async function makeLetterPdf(pages: number, title = 'Derivación a endodoncia'): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, CreationDate: new Date('2026-03-04T12:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const bands = ['#1d4ed8', '#b91c1c', '#15803d', '#a16207'];
  for (let i = 1; i <= pages; i++) {
    if (i > 1) doc.addPage();
    doc.rect(0, 0, doc.page.width, 90).fill(bands[(i - 1) % bands.length]!);
    doc.fillColor('#ffffff').fontSize(22).text(title, 56, 34);
    doc.fillColor('#111111').fontSize(16).text(`Página ${i} de ${pages}`, 56, 130);
    doc.fontSize(11).text('Paciente derivada para evaluación de tratamiento endodóntico de la pieza 3.6. Se adjunta radiografía periapical. '.repeat(6), 56, 170, { width: doc.page.width - 112 });
    doc.rect(56, 420, 200 + 40 * i, 120).lineWidth(3).stroke('#0f766e');
  }
  doc.end();
  return done;
}
