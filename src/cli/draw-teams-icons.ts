/**
 * `npx tsx src/cli/draw-teams-icons.ts`: draws the two Teams app icons into
 * manifest/teams/ with plain geometry and Node's zlib, so they can be redrawn
 * exactly (the output depends on nothing but this file).
 *
 * - color.png, 192×192: a UN-blue (#009EDB) rounded square with a white envelope
 *   and a navy clock badge, for the letter and its reply clock.
 * - outline.png, 32×32: the same envelope in white on a transparent background,
 *   as Teams requires of outline icons (white pixels with alpha, nothing else).
 */
import { packagePath } from '../package-root';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { crc32 } from './package-teams';

/** A colour with straight (not premultiplied) alpha, each channel 0–255. */
type Rgba = readonly [number, number, number, number];

/** A filled shape: does the point (x, y), in pixel units, lie inside it? */
type Shape = (x: number, y: number) => boolean;

/** Shapes painted in order; a later layer covers an earlier one. */
type Layer = { shape: Shape; color: Rgba };

export const UN_BLUE: Rgba = [0x00, 0x9e, 0xdb, 255];
export const WHITE: Rgba = [0xff, 0xff, 0xff, 255];
const NAVY: Rgba = [0x1d, 0x35, 0x57, 255];

/** An RGBA image, row by row, four bytes a pixel. */
export interface Bitmap {
  width: number;
  height: number;
  rgba: Buffer;
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A stroke of the given width from (ax, ay) to (bx, by), with round ends. */
function stroke(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  const vx = bx - ax;
  const vy = by - ay;
  const length2 = vx * vx + vy * vy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / length2));
    const px = ax + t * vx - x;
    const py = ay + t * vy - y;
    return px * px + py * py <= (width / 2) ** 2;
  };
}

/** The outline of a rectangle, `width` thick, drawn inside its bounds. */
function frame(x0: number, y0: number, x1: number, y1: number, width: number, r: number): Shape {
  const outer = roundedRect(x0, y0, x1, y1, r);
  const inner = roundedRect(x0 + width, y0 + width, x1 - width, y1 - width, Math.max(r - width, 0));
  return (x, y) => outer(x, y) && !inner(x, y);
}

const SUBSAMPLES = 4; // 4×4 samples a pixel, for smooth edges

/** Paints the layers with anti-aliasing: each pixel averages 16 samples (premultiplied). */
export function paint(width: number, height: number, layers: Layer[]): Bitmap {
  const rgba = Buffer.alloc(width * height * 4);
  const samples = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < height; py += 1) {
    for (let px = 0; px < width; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const x = px + (sx + 0.5) / SUBSAMPLES;
          const y = py + (sy + 0.5) / SUBSAMPLES;
          let top = layers.length - 1;
          while (top >= 0 && !layers[top]!.shape(x, y)) top -= 1;
          if (top < 0) continue;
          const [cr, cg, cb, ca] = layers[top]!.color;
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const at = (py * width + px) * 4;
      if (a > 0) {
        rgba[at] = Math.round(r / a);
        rgba[at + 1] = Math.round(g / a);
        rgba[at + 2] = Math.round(b / a);
        rgba[at + 3] = Math.round(a / samples);
      }
    }
  }
  return { width, height, rgba };
}

/** 192×192: blue tile, white envelope with its flap, navy clock badge at the lower right. */
export function drawColorIcon(): Bitmap {
  const clock = { x: 138, y: 130 };
  return paint(192, 192, [
    { shape: roundedRect(0, 0, 192, 192, 36), color: UN_BLUE },
    { shape: roundedRect(38, 58, 154, 136, 8), color: WHITE },
    { shape: stroke(44, 64, 96, 104, 7), color: UN_BLUE },
    { shape: stroke(148, 64, 96, 104, 7), color: UN_BLUE },
    { shape: circle(clock.x, clock.y, 31), color: UN_BLUE },
    { shape: circle(clock.x, clock.y, 27), color: WHITE },
    { shape: circle(clock.x, clock.y, 22), color: NAVY },
    { shape: stroke(clock.x, clock.y, clock.x, clock.y - 14, 5), color: WHITE },
    { shape: stroke(clock.x, clock.y, clock.x + 11, clock.y, 5), color: WHITE },
  ]);
}

/** 32×32: the envelope alone, in white lines on transparency. */
export function drawOutlineIcon(): Bitmap {
  return paint(32, 32, [
    { shape: frame(3, 7, 29, 25, 2, 2), color: WHITE },
    { shape: stroke(5, 9, 16, 17.5, 2), color: WHITE },
    { shape: stroke(27, 9, 16, 17.5, 2), color: WHITE },
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG, 8 bits a channel, every row unfiltered. */
export function encodePng({ width, height, rgba }: Bitmap): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter set, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = packagePath('manifest/teams');
  for (const [name, bitmap] of [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, encodePng(bitmap));
    console.log(`Drew ${path.relative(process.cwd(), file)} (${bitmap.width}×${bitmap.height}).`);
  }
}
