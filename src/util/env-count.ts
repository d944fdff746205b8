// The build's numeric settings from the environment (NEWS_ARCHIVE_THREADS, NEWS_ARCHIVE_PAGES_PER_RUN).

/** A whole number of at least 1, or `fallback` when the variable is unset or empty. */
export function countFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${value} is not a whole number of at least 1`);
  return n;
}
