// The `html` tagged template every page is written with: interpolated values are escaped unless
// they are SafeHtml, which only this module and the renderer's sanitized output produce.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function serialise(value: Value): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(serialise).join("");
  if (value === null || value === undefined || value === false || value === true) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += serialise(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** For HTML that is already safe: the sanitized article body, never raw front-matter. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
