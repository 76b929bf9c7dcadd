/**
 * Draws build/icon.png (512x512): a white molar on a rounded teal square.
 * electron-builder derives the .ico, .icns and Linux sizes from it.
 * The PNG is committed; run `npx tsx build/make-icon.ts` only to change it.
 * No image library: the shape is a few circles and tapered roots, sampled
 * 4x4 per pixel for smooth edges, and the PNG is written with zlib.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const TEAL: readonly [number, number, number] = [0x0f, 0x76, 0x6e];
const WHITE: readonly [number, number, number] = [0xff, 0xff, 0xff];

/** Rounded square covering most of the canvas, leaving the margin platforms expect around icons. */
function inBackground(x: number, y: number): boolean {
  const min = 0.06;
  const max = 0.94;
  const r = 0.18;
  if (x < min || x > max || y < min || y > max) return false;
  const cx = Math.min(Math.max(x, min + r), max - r);
  const cy = Math.min(Math.max(y, min + r), max - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inCircle(x: number, y: number, cx: number, cy: number, r: number): boolean {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A root tapering from its top span to its tip span, ending in a round tip. */
function inRoot(x: number, y: number, top: [number, number], tip: [number, number], tipX: number): boolean {
  const y0 = 0.5;
  const y1 = 0.79;
  if (y >= y0 && y <= y1) {
    const t = (y - y0) / (y1 - y0);
    const left = top[0] + (tip[0] - top[0]) * t;
    const right = top[1] + (tip[1] - top[1]) * t;
    if (x >= left && x <= right) return true;
  }
  return inCircle(x, y, tipX, y1, (tip[1] - tip[0]) / 2);
}

function inTooth(x: number, y: number): boolean {
  // Two cusps and the crown's body.
  if (inCircle(x, y, 0.395, 0.345, 0.135) || inCircle(x, y, 0.605, 0.345, 0.135)) return true;
  if (x >= 0.26 && x <= 0.74 && y >= 0.345 && y <= 0.52) return true;
  // Roots continue the crown's sides and leave a notch between them.
  return inRoot(x, y, [0.26, 0.47], [0.345, 0.425], 0.385) || inRoot(x, y, [0.53, 0.74], [0.575, 0.655], 0.615);
}

function render(): Buffer {
  const stride = SIZE * 4 + 1;
  const raw = Buffer.alloc(stride * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * stride] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / SIZE;
          const y = (py + (sy + 0.5) / SAMPLES) / SIZE;
          if (!inBackground(x, y)) continue;
          bg++;
          if (inTooth(x, y)) fg++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = bg / n;
      const white = bg === 0 ? 0 : fg / bg;
      const o = py * stride + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(TEAL[c]! * (1 - white) + WHITE[c]! * white);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  header[10] = 0;
  header[11] = 0;
  header[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png(render()));
console.log(`wrote ${out}`);
