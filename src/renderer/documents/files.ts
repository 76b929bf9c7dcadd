import { THUMBNAIL_MAX_PX } from '../../shared/documents/kinds';
import { sniffDocument } from '../../shared/documents/sniff';
import { toBase64 } from '../patients/photo';
import { drawFirstPage } from './pdf';

export { toBase64 };

export interface Thumbnail {
  mime: 'image/jpeg';
  dataBase64: string;
}

/** A blob of a stored file, for an <img> (blob: URLs stay in memory, never on disk). */
export function base64ToBlob(dataBase64: string, mime: string): Blob {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/**
 * A thumbnail drawn on a canvas in memory, at most 240 px on its longest side,
 * as JPEG; and the image's own size (null for a PDF, whose pages have none).
 * A PDF's is its first page, drawn by pdf.js. No temporary file anywhere.
 * Null when the browser cannot decode it (the file is then refused or kept
 * as it is, with the generic icon).
 */
export async function makeThumbnail(blob: Blob): Promise<{ thumbnail: Thumbnail; width: number | null; height: number | null } | null> {
  // What the bytes say, as main decides it (a PDF's "%PDF-" may follow a little junk).
  const head = new Uint8Array(await blob.slice(0, 1030).arrayBuffer());
  if (sniffDocument(head) === 'application/pdf') {
    try {
      const page = await drawFirstPage(new Uint8Array(await blob.arrayBuffer()), THUMBNAIL_MAX_PX);
      const thumbnail = await canvasToJpeg(page);
      return thumbnail ? { thumbnail, width: null, height: null } : null;
    } catch {
      return null;
    }
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, THUMBNAIL_MAX_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.fillStyle = '#000000';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const thumbnail = await canvasToJpeg(canvas);
    return thumbnail ? { thumbnail, width: bitmap.width, height: bitmap.height } : null;
  } finally {
    bitmap.close();
  }
}

async function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Thumbnail | null> {
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  return out ? { mime: 'image/jpeg', dataBase64: await toBase64(out) } : null;
}

export function formatBytes(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(mb)} MB`;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} kB`;
}
