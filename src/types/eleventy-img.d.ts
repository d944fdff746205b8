// @11ty/eleventy-img ships no type declarations; this is the part of its API that
// content/images/illustrate.ts uses.
declare module "@11ty/eleventy-img" {
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    sourceType: string;
    filename: string;
    outputPath: string;
  }
  export interface ImageOptions {
    widths: (number | "auto")[];
    formats: string[];
    outputDir: string;
    urlPath: string;
    useCache: boolean;
    sharpAvifOptions: { effort?: number; quality?: number };
    fixOrientation: boolean;
    filenameFormat: (id: string, src: unknown, width: number, format: string) => string;
  }
  export default function Image(src: Buffer, options: ImageOptions): Promise<Record<string, ImageStat[]>>;
}
