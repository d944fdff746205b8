// Real picture files for the fixture archives, drawn with sharp (the library the build encodes
// with): a JPEG "photo" of a convoy at dawn, and a PNG map with a transparent background.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { FIXTURES, projectFrom } from "../helpers/project.ts";

export const PHOTO = { width: 1600, height: 1000 };
export const MAP = { width: 500, height: 400 };

/** tests/fixtures/people/archive in a fresh temp folder, with the two pictures its articles name. */
export async function peopleProject(label: string): Promise<string> {
  const root = await projectFrom(label, path.join(FIXTURES, "people", "archive"));
  await writePhoto(path.join(root, "articles", "pictures", "convoy.jpg"));
  await writeMap(path.join(root, "articles", "pictures", "route-map.png"));
  return root;
}

/** A landscape JPEG: sky, sun, desert and a road, with grain so it encodes like a photograph. */
export async function writePhoto(file: string, { width, height } = PHOTO, sun = 0.7): Promise<void> {
  const horizon = Math.round(height * 0.62);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#22345e"/><stop offset="0.7" stop-color="#e0875a"/><stop offset="1" stop-color="#f6c27a"/></linearGradient>
<linearGradient id="sand" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b98a55"/><stop offset="1" stop-color="#6e4b2a"/></linearGradient>
</defs>
<rect width="${width}" height="${horizon}" fill="url(#sky)"/>
<circle cx="${width * sun}" cy="${horizon}" r="${height * 0.09}" fill="#fde2a6"/>
<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="url(#sand)"/>
<polygon points="${width * 0.47},${horizon} ${width * 0.53},${horizon} ${width * 0.8},${height} ${width * 0.2},${height}" fill="#3b3430"/>
${Array.from({ length: 6 }, (_, i) => {
  const x = width * (0.485 + i * 0.004);
  const y = horizon + 8 + i * height * 0.045;
  const s = 10 + i * 14;
  return `<rect x="${x - s / 2}" y="${y - s * 0.6}" width="${s}" height="${s * 0.6}" fill="#1d1f22"/>`;
}).join("")}
</svg>`;
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).blur(0.6).linear(1, 0).jpeg({ quality: 88 }).toFile(file);
}

/** A PNG with an alpha channel: the build must keep transparency (PNG fallback, not JPEG). */
export async function writeMap(file: string, { width, height } = MAP): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<path d="M40 ${height - 60} C ${width * 0.3} ${height * 0.4}, ${width * 0.6} ${height * 0.9}, ${width - 40} 60" stroke="#a3201f" stroke-width="8" fill="none"/>
<circle cx="40" cy="${height - 60}" r="14" fill="#1d3557"/><circle cx="${width - 40}" cy="60" r="14" fill="#1d3557"/>
</svg>`;
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).png().toFile(file);
}
