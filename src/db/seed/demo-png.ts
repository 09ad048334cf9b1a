import { deflateSync } from 'node:zlib';

// A tiny PNG writer for the demo's activity photos and receipts: flat colours and simple shapes
// on an RGB canvas, encoded with node:zlib. Drawn from a seed, so every run makes the same bytes.

type Rgb = readonly [number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** mulberry32: a small seeded generator, so a drawing is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Canvas {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  constructor(width: number, height: number, background: Rgb) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  private set(x: number, y: number, [r, g, b]: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = r;
    this.pixels[i + 1] = g;
    this.pixels[i + 2] = b;
  }

  rect(x: number, y: number, w: number, h: number, colour: Rgb): this {
    for (let yy = Math.max(0, Math.round(y)); yy < Math.min(this.height, Math.round(y + h)); yy++) {
      for (let xx = Math.max(0, Math.round(x)); xx < Math.min(this.width, Math.round(x + w)); xx++) this.set(xx, yy, colour);
    }
    return this;
  }

  /** A filled disc, or a ring when `inner` is given. */
  circle(cx: number, cy: number, r: number, colour: Rgb, inner = 0): this {
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        const d = (x - cx) ** 2 + (y - cy) ** 2;
        if (d <= r * r && d >= inner * inner) this.set(x, y, colour);
      }
    }
    return this;
  }

  /** A triangle standing on its base (a roof, a tent, a hill). */
  peak(left: number, base: number, width: number, height: number, colour: Rgb): this {
    for (let row = 0; row < height; row++) {
      const half = ((row + 1) / height) * (width / 2);
      this.rect(left + width / 2 - half, base - height + row, half * 2, 1, colour);
    }
    return this;
  }

  png(): Buffer {
    const stride = this.width * 3;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (stride + 1)] = 0; // filter: none
      raw.set(this.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: RGB
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', new Uint8Array(0)),
    ]);
  }
}

const WIDTH = 320;
const HEIGHT = 200;
const SHIRTS: Rgb[] = [
  [232, 93, 74],
  [66, 135, 245],
  [250, 190, 60],
  [90, 180, 110],
  [170, 110, 200],
  [240, 240, 240],
  [40, 60, 120],
  [230, 130, 170],
];
const SKIN: Rgb[] = [
  [224, 172, 128],
  [198, 140, 96],
  [236, 190, 150],
  [170, 118, 80],
];
const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

/**
 * An activity photo: a hall (or the village outdoors) with the project's banner and a crowd,
 * drawn from `seed`.
 */
export function activityPhoto(seed: number): Buffer {
  const random = seededRandom(seed);
  const outdoors = random() < 0.4;
  const wall: Rgb = outdoors ? [135 + Math.floor(random() * 40), 195, 235] : pick<Rgb>([[236, 226, 200], [214, 228, 220], [230, 214, 214], [220, 222, 236]], random);
  const canvas = new Canvas(WIDTH, HEIGHT, wall);
  const horizon = 110 + Math.floor(random() * 20);
  if (outdoors) {
    canvas.circle(40 + random() * 240, 30, 16, [255, 214, 90]);
    canvas.peak(-40, horizon, 200, 50, [110, 160, 110]);
    canvas.peak(150, horizon, 240, 40, [95, 150, 100]);
    canvas.rect(0, horizon, WIDTH, HEIGHT - horizon, [150, 190, 100]);
    // A tent over the gathering.
    canvas.peak(90, 62, 140, 24, [245, 245, 245]).rect(96, 62, 4, horizon - 62, [120, 120, 120]).rect(220, 62, 4, horizon - 62, [120, 120, 120]);
  } else {
    canvas.rect(0, horizon, WIDTH, HEIGHT - horizon, pick<Rgb>([[180, 140, 100], [160, 160, 160], [200, 170, 130]], random));
    canvas.rect(0, horizon - 4, WIDTH, 4, [120, 100, 80]);
  }
  // The project's vinyl banner with lines of (unreadable) text.
  const banner: Rgb = pick<Rgb>([[30, 110, 200], [20, 140, 90], [200, 60, 60], [120, 60, 160]], random);
  canvas.rect(70, 18, 180, 40, banner);
  canvas.rect(78, 26, 164, 6, [255, 255, 255]);
  canvas.rect(96, 38, 128, 4, [255, 240, 160]);
  canvas.rect(110, 47, 100, 3, [255, 255, 255]);
  // A speaker at the front, then rows of people, the nearer ones bigger.
  canvas.rect(40, horizon - 30, 36, 22, [150, 100, 60]);
  canvas.circle(58, horizon - 44, 7, pick(SKIN, random)).rect(50, horizon - 37, 16, 10, pick(SHIRTS, random));
  const rows = 2 + Math.floor(random() * 2);
  for (let row = 0; row < rows; row++) {
    const scale = 1 + row * 0.35;
    const y = horizon + 10 + row * 26;
    const count = 7 - row + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      if (random() < 0.15) continue;
      const x = 20 + (i + 0.5) * ((WIDTH - 40) / count) + (random() - 0.5) * 10;
      canvas.rect(x - 9 * scale, y, 18 * scale, 22 * scale, pick(SHIRTS, random));
      canvas.circle(x, y - 9 * scale, 7 * scale, [40, 30, 30]);
      canvas.circle(x, y - 6 * scale, 6 * scale, pick(SKIN, random));
    }
  }
  return canvas.png();
}

/** A receipt (ใบเสร็จรับเงิน) photographed on a desk: header, item lines, the total and a stamp. */
export function receiptImage(seed: number): Buffer {
  const random = seededRandom(seed);
  const canvas = new Canvas(WIDTH, HEIGHT, pick<Rgb>([[120, 90, 60], [90, 90, 96], [150, 120, 90]], random));
  const paper: Rgb = [250, 250, 244];
  const ink: Rgb = [70, 70, 90];
  const faint: Rgb = [190, 190, 200];
  canvas.rect(60, 8, 200, 184, paper);
  canvas.rect(112, 18, 96, 7, ink);
  canvas.rect(124, 30, 72, 4, faint);
  canvas.rect(72, 44, 60, 3, ink).rect(200, 44, 48, 3, ink);
  canvas.rect(72, 58, 176, 1, faint);
  const lines = 3 + Math.floor(random() * 4);
  for (let i = 0; i < lines; i++) {
    const y = 66 + i * 12;
    canvas.rect(72, y, 40 + Math.floor(random() * 80), 3, ink);
    canvas.rect(208 + Math.floor(random() * 12), y, 28, 3, ink);
  }
  const totalY = 70 + lines * 12;
  canvas.rect(72, totalY, 176, 1, faint);
  canvas.rect(180, totalY + 6, 68, 12, [235, 235, 225]).rect(186, totalY + 10, 56, 4, ink);
  // The shop's stamp and a signature.
  canvas.circle(110 + random() * 30, 160, 18, [200, 50, 60], 14);
  canvas.rect(180, 166, 60, 2, [40, 60, 160]).rect(190, 162, 30, 2, [40, 60, 160]);
  return canvas.png();
}
