import type { DocumentMime } from './kinds';

/**
 * What the bytes say a file is, by its magic numbers, whatever its name
 * claims: JPEG (FF D8 FF), PNG (the 8-byte signature) or PDF ("%PDF-",
 * which may follow a little junk, as Acrobat allows, within the first 1 KiB).
 */
export function sniffDocument(bytes: Uint8Array): DocumentMime | null {
  const starts = (signature: readonly number[], at = 0) => bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d];
  for (let at = 0; at <= Math.min(1024, bytes.length - pdf.length); at++) if (starts(pdf, at)) return 'application/pdf';
  return null;
}
