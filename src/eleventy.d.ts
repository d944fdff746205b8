// Eleventy 3 ships no type declarations; this is the part of its programmatic API we use.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options: { quietMode?: boolean; loader?: "esm" | "cjs" | "auto"; config?: (eleventyConfig: never) => void | Promise<void> });
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}
