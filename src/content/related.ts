// Related articles: the ones sharing the rarest tags, nearer in time first. Pure, and bounded so
// that a tag on thousands of articles never turns into an all-pairs comparison.
import type { ArchiveDate } from "./dates.ts";

export interface RelatedInput {
  /** Tag slugs. */
  tags: readonly string[];
  /** Days since 1970 at the middle of the article's date (see `dayNumber`); null when undated. */
  day: number | null;
}

export interface RelatedOptions {
  /** At most this many related articles per article. */
  max: number;
  /**
   * A tag on at least this share of all articles says nothing about what an article is about
   * ("Syria" in an archive about Syria): it adds to a score but never makes two articles related.
   */
  commonShare: number;
  /**
   * From a tag with more articles than 2·window + 1, only the `window` articles on either side of
   * this one (in the caller's date order) are considered: the bound that keeps big archives linear.
   */
  window: number;
  /** Days over which the time decay halves a score. */
  halfLifeDays: number;
}

export const RELATED_DEFAULTS: RelatedOptions = { max: 5, commonShare: 0.75, window: 50, halfLifeDays: 3650 };

interface Candidate {
  j: number;
  score: number;
  distance: number;
}

/**
 * For each item, the indices of its related items, best first. Items must be in date order
 * (either direction) for the window to pick the nearest in time. Ties go to the nearer in time,
 * then to the lower index, so the result is stable.
 *
 * A tag with more than 2·window + 1 articles counts only between articles within `window` of each
 * other in its list: that is the bound. Cost: O(n · t · min(tag size, 2·window)) for n items with
 * t tags each, every step a few array operations.
 */
export function relatedIndices(items: readonly RelatedInput[], options: RelatedOptions = RELATED_DEFAULTS, memo?: RelatedMemo): number[][] {
  if (memo === undefined) return computeRelated(items, options);
  const key = JSON.stringify([items, options]);
  if (memo.last?.key !== key) memo.last = { key, related: computeRelated(items, options) };
  return memo.last.related.map((list) => [...list]);
}

/**
 * The last answer, under its whole input, for a process that builds again (serve's build context
 * keeps one): most edits change no tag and no date, and the answer is costly on a large archive.
 */
export interface RelatedMemo {
  last?: { key: string; related: number[][] };
}

function computeRelated(items: readonly RelatedInput[], options: RelatedOptions): number[][] {
  const n = items.length;
  const ids = new Map<string, number>();
  const tagsOf = items.map((item) => [...new Set(item.tags)].map((tag) => ids.get(tag) ?? ids.set(tag, ids.size).size - 1));
  const members: number[][] = Array.from({ length: ids.size }, () => []);
  // positions[i][k]: where item i sits in the member list of its k-th tag.
  const positions = tagsOf.map((tags, i) => tags.map((t) => members[t]!.push(i) - 1));
  const weight = members.map((list) => Math.log(n / list.length));
  const distinguishing = members.map((list) => list.length >= 2 && list.length < options.commonShare * n);
  // The few tags on (nearly) every item add their small weight to a score; membership by lookup.
  const commonMembers = new Map(
    members.flatMap((list, t) => (list.length >= 2 && !distinguishing[t] ? [[t, new Uint8Array(n).fill(0)] as const] : [])),
  );
  for (const [t, member] of commonMembers) for (const i of members[t]!) member[i] = 1;

  const seenBy = new Int32Array(n).fill(-1);
  const shared = new Float64Array(n);
  return items.map((item, i) => {
    const touched: number[] = [];
    tagsOf[i]!.forEach((t, k) => {
      if (!distinguishing[t]) return;
      const list = members[t]!;
      const at = positions[i]![k]!;
      const windowed = list.length > 2 * options.window + 1;
      const to = windowed ? Math.min(list.length, at + options.window + 1) : list.length;
      for (let p = windowed ? Math.max(0, at - options.window) : 0; p < to; p++) {
        const j = list[p]!;
        if (j === i) continue;
        if (seenBy[j] !== i) {
          seenBy[j] = i;
          shared[j] = 0;
          touched.push(j);
        }
        shared[j] = shared[j]! + weight[t]!;
      }
    });
    const common = tagsOf[i]!.filter((t) => commonMembers.has(t));
    const best: Candidate[] = [];
    for (const j of touched) {
      // An undated article is as far in time from every other as can be: only its tags count.
      const [a, b] = [items[j]!.day, item.day];
      const distance = a === null || b === null ? Number.MAX_SAFE_INTEGER : Math.abs(a - b);
      const tags = common.reduce((sum, t) => (commonMembers.get(t)![j] === 1 ? sum + weight[t]! : sum), shared[j]!);
      const score = tags / (1 + distance / options.halfLifeDays);
      // Most candidates fall short of the current top: decide that before allocating anything.
      const last = best[best.length - 1];
      if (best.length === options.max && last !== undefined && !better(score, distance, j, last)) continue;
      let place = best.length;
      while (place > 0 && better(score, distance, j, best[place - 1]!)) place--;
      best.splice(place, 0, { j, score, distance });
      if (best.length > options.max) best.pop();
    }
    return best.map((c) => c.j);
  });
}

function better(score: number, distance: number, j: number, than: Candidate): boolean {
  return score !== than.score ? score > than.score : distance !== than.distance ? distance < than.distance : j < than.j;
}

const DAY_MS = 86_400_000;

/** A date as a day number, at the middle of the period a day-less date names (2 July, the 15th). */
export function dayNumber(date: ArchiveDate): number {
  switch (date.precision) {
    case "year":
      return Date.UTC(date.year, 6, 2) / DAY_MS;
    case "month":
      return Date.UTC(date.year, date.month - 1, 15) / DAY_MS;
    case "day":
    case "time":
      return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
  }
}
