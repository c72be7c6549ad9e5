// Draws Switchyard's icons: the tray icon in its four states and the app icon.
// Everything is drawn here from simple shapes (no borrowed artwork) and encoded
// as PNG with node:zlib, so the output is byte-for-byte reproducible:
//
//   node scripts/draw-icons.mjs      # rewrites build/icon.png and build/tray/*.png
//
// The glyph is a railway switch: a straight rail with a second one branching off
// it. A badge in the lower right says the state, by shape first (macOS template
// images are one colour) and by colour where the platform allows it:
//   idle       a ring                 no active session
//   fresh      a filled disc          every session is fresh
//   expiring   a half-filled ring     a session expires soon without renewal
//   attention  a triangle with "!"    a session needs the user (MFA, error, expired)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TRAY_STATES = ['idle', 'fresh', 'expiring', 'attention'];

// ---- PNG encoding -----------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA (8 bits per channel, straight alpha) → PNG bytes. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    // Filter byte 0 (none) on every row keeps the encoder trivial.
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Shapes: coverage tests in a unit square (y grows downwards) ------------

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const capsule = (ax, ay, bx, by, width) => (x, y) =>
  segmentDistance(x, y, ax, ay, bx, by) <= width / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const ring = (cx, cy, outer, inner) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= outer && d >= inner;
};
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);
const below = (shape, limit) => (x, y) => shape(x, y) && y >= limit;

function triangle(cx, cy, size) {
  // Equilateral, point up, centred on (cx, cy).
  const h = (size * Math.sqrt(3)) / 2;
  const top = [cx, cy - (2 * h) / 3];
  const left = [cx - size / 2, cy + h / 3];
  const right = [cx + size / 2, cy + h / 3];
  const side = (a, b, x, y) => (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
  return (x, y) =>
    side(top, right, x, y) >= 0 && side(right, left, x, y) >= 0 && side(left, top, x, y) >= 0;
}

// ---- The glyph --------------------------------------------------------------

const RAIL = 0.13;
const BADGE = { x: 0.74, y: 0.74, r: 0.24 };
const BADGE_CLEARANCE = 0.09;

const rails = union(
  capsule(0.26, 0.93, 0.26, 0.08, RAIL),
  capsule(0.26, 0.7, 0.64, 0.36, RAIL),
  capsule(0.64, 0.36, 0.64, 0.08, RAIL),
);
/** `shape` grown by `width` in every direction (sampled at 16 angles; enough at icon sizes). */
function dilate(shape, width) {
  return (x, y) => {
    if (shape(x, y)) return true;
    for (let k = 0; k < 16; k += 1) {
      const angle = (k * Math.PI) / 8;
      for (const step of [0.5, 1]) {
        if (shape(x + step * width * Math.cos(angle), y + step * width * Math.sin(angle)))
          return true;
      }
    }
    return false;
  };
}

/** The rails with a gap around the badge, so the badge reads as separate. */
const railsAround = (badge) => minus(rails, dilate(badge, BADGE_CLEARANCE));

function badgeShapes(state) {
  const { x, y, r } = BADGE;
  const band = r * 0.42;
  switch (state) {
    case 'idle':
      return { badge: ring(x, y, r, r - band), mark: () => false };
    case 'fresh':
      return { badge: disc(x, y, r), mark: () => false };
    case 'expiring':
      return { badge: union(ring(x, y, r, r - band), below(disc(x, y, r), y)), mark: () => false };
    case 'attention': {
      const size = r * 2.3;
      const tri = triangle(x, y - r * 0.05, size);
      const mark = union(
        capsule(x, y - r * 0.55, x, y + r * 0.05, r * 0.3),
        disc(x, y + r * 0.42, r * 0.16),
      );
      return { badge: tri, mark };
    }
    default:
      throw new Error(`unknown state ${state}`);
  }
}

// ---- Rasterizing --------------------------------------------------------------

/** Fraction of a pixel covered by `shape`, from samples×samples points. */
function coverage(shape, px, py, size, samples) {
  let hits = 0;
  for (let sy = 0; sy < samples; sy += 1) {
    for (let sx = 0; sx < samples; sx += 1) {
      if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits += 1;
    }
  }
  return hits / (samples * samples);
}

/** Paints layers ([shape, [r, g, b, a]]) bottom to top with "over" compositing. */
function render(size, layers, samples = 6) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, [lr, lg, lb, la]] of layers) {
        const alpha = coverage(shape, px, py, size, samples) * la;
        if (alpha === 0) continue;
        const outA = alpha + a * (1 - alpha);
        r = (lr * alpha + r * a * (1 - alpha)) / outA;
        g = (lg * alpha + g * a * (1 - alpha)) / outA;
        b = (lb * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      out[i] = Math.round(r);
      out[i + 1] = Math.round(g);
      out[i + 2] = Math.round(b);
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

const BLACK = [0, 0, 0, 1];
const RAIL_COLOUR = [74, 121, 196, 1];
const STATE_COLOURS = {
  idle: [154, 160, 166, 1],
  fresh: [47, 179, 68, 1],
  expiring: [245, 159, 0, 1],
  attention: [224, 49, 49, 1],
};

/**
 * macOS template image: black plus alpha only; the menu bar recolours it for
 * light, dark and highlighted states.
 */
function templateIcon(state, size) {
  const { badge, mark } = badgeShapes(state);
  return render(size, [
    [railsAround(badge), BLACK],
    [minus(badge, mark), BLACK],
  ]);
}

/**
 * Windows and Linux: a mid-tone slate-blue glyph that keeps its contrast on
 * light and dark taskbars and panels alike, and a badge in the state's colour.
 */
function colourIcon(state, size) {
  const { badge, mark } = badgeShapes(state);
  return render(size, [
    [railsAround(badge), RAIL_COLOUR],
    [badge, STATE_COLOURS[state]],
    [(x, y) => badge(x, y) && mark(x, y), [255, 255, 255, 1]],
  ]);
}

function roundedSquare(inset, radius) {
  return (x, y) => {
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - radius), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - radius), 0);
    return Math.hypot(qx, qy) <= radius;
  };
}

/** The app icon: the glyph, white on a deep slate tile, with the "fresh" badge. */
function appIcon(size) {
  const scale = (shape) => (x, y) => shape((x - 0.2) / 0.6, (y - 0.2) / 0.6);
  const { badge } = badgeShapes('fresh');
  return render(
    size,
    [
      [roundedSquare(0.06, 0.18), [30, 41, 59, 1]],
      [scale(railsAround(badge)), [241, 245, 249, 1]],
      [scale(badge), STATE_COLOURS.fresh],
    ],
    2,
  );
}

// ---- Output ---------------------------------------------------------------------

/** Every file this script writes, relative to build/, with its pixels. */
export function iconFiles() {
  const files = [];
  for (const state of TRAY_STATES) {
    files.push([`tray/tray-${state}Template.png`, 16, templateIcon(state, 16)]);
    files.push([`tray/tray-${state}Template@2x.png`, 32, templateIcon(state, 32)]);
    files.push([`tray/tray-${state}.png`, 16, colourIcon(state, 16)]);
    files.push([`tray/tray-${state}@2x.png`, 32, colourIcon(state, 32)]);
    files.push([`tray/tray-${state}-linux.png`, 24, colourIcon(state, 24)]);
  }
  files.push(['icon.png', 1024, appIcon(1024)]);
  return files.map(([path, size, rgba]) => ({
    path,
    size,
    rgba,
    png: encodePng(size, size, rgba),
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { path, png } of iconFiles()) {
    const target = join(ROOT, 'build', path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, png);
    console.log(`wrote build/${path} (${png.length} bytes)`);
  }
}
