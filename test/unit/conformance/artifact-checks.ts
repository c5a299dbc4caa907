// Reading the binary artifacts the page-options cases make claims about: a PNG's size and the
// colour of one pixel (Chromium writes 8-bit RGB or RGBA PNGs), a PDF's pages and media box.
import { inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
}

export function readPng(buf: Buffer): Png {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      channels = ({ 2: 3, 6: 4 } as Record<number, number>)[data[9]] ?? 0;
      if (!channels) throw new Error(`PNG colour type ${data[9]} not handled`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      line[i] = (line[i] + predictor) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  return { width, height, pixel: (x, y) => [rows[y][x * channels], rows[y][x * channels + 1], rows[y][x * channels + 2]] };
}

/** Page objects (`/Type /Page`, not `/Pages`) and the first media box of a PDF Chromium wrote. */
export function readPdf(buf: Buffer): { header: string; pages: number; mediaBox: number[] | null } {
  const text = buf.toString('latin1');
  const box = /\/MediaBox\s*\[\s*([\d.\s-]+)\]/.exec(text);
  return {
    header: text.slice(0, 5),
    pages: (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length,
    mediaBox: box ? box[1].trim().split(/\s+/).map(Number) : null,
  };
}
