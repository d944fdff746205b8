// Writing direction of a language, so an article with `lang: ar` reads right to left.
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"]);

export function textDirection(lang: string): "rtl" | "ltr" {
  const locale = new Intl.Locale(lang);
  // Script subtags decide first: "az-Arab" is right to left, "ku-Latn" is not.
  if (locale.script !== undefined) return ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"].includes(locale.script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
}
