// Eleventy 3 ships no type declarations; this is the part of its programmatic API we use.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options: { quietMode?: boolean; loader?: "esm" | "cjs" | "auto"; config?: (eleventyConfig: never) => void | Promise<void> });
    /** What was copied, and one entry per page written. */
    write(): Promise<[{ map?: Record<string, string> }[], { outputPath?: string | false }[]]>;
    disableLogger(): void;
  }
}
