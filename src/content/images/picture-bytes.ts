// What a picture file is, told from its first bytes rather than its name (a .svg that is really a
// PNG is common in real archives). Pure: illustrate.ts reads the files.
import { isSvg } from "./svg.ts";

export type Sniffed =
  /** A drawing: copied as it is once svg.ts finds it safe. */
  | { kind: "svg"; text: string }
  /** Copied as it is, so an animation keeps moving; its size is in its header. */
  | { kind: "gif"; width: number; height: number }
  /** Anything else is left to the image library to read, or to refuse. */
  | { kind: "raster" };

export function sniffPicture(bytes: Uint8Array): Sniffed {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = buffer.subarray(0, 6).toString("latin1");
  if (magic === "GIF87a" || magic === "GIF89a") {
    const [width, height] = buffer.length < 10 ? [0, 0] : [buffer.readUInt16LE(6), buffer.readUInt16LE(8)];
    // A header without a size is a damaged file: the image library says what is wrong with it.
    return width > 0 && height > 0 ? { kind: "gif", width, height } : { kind: "raster" };
  }
  // Only text that starts like markup is decoded whole: most pictures are megabytes of binary.
  if (!/^(?:\uFEFF|\xEF\xBB\xBF)?\s*</.test(buffer.subarray(0, 64).toString("latin1"))) return { kind: "raster" };
  const text = buffer.toString("utf8");
  return isSvg(text) ? { kind: "svg", text } : { kind: "raster" };
}
