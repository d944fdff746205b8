// Renders many articles on several cores: remark parses markdown slowly, and on one core a cold
// build's rendering is long. Threads pay for themselves only when there are many articles: each
// loads remark once, so a handful of edited articles is rendered in the calling thread instead.
// Figures: docs/ARCHITECTURE.md, measurements.
import os from "node:os";
import { countFromEnv } from "../util/env-count.ts";
import { startThread, WorkerStopped } from "../util/worker-call.ts";
import { ArticleProblems, type Problem } from "../content/problems.ts";
import type { Rendered } from "../content/markdown/rendered.ts";

export interface RenderInput {
  markdown: string;
  file: string;
  bodyLine: number;
}

/** Fewer articles than this are rendered in the calling thread. */
const POOL_THRESHOLD = 200;
/** Beyond four threads, measured on this project's machines, rendering got slower again. */
const MAX_THREADS = 4;

/** An article's body, or why it cannot be rendered (e.g. nested too deeply): reported with every other problem. */
export type RenderOutcome = { ok: true; rendered: Rendered } | { ok: false; problems: Problem[] };

/** Renders every input, outcomes in input order; says how many threads did it. */
export async function renderMany(inputs: readonly RenderInput[]): Promise<{ outcomes: RenderOutcome[]; threads: number }> {
  const threads = threadCount();
  if (inputs.length === 0) return { outcomes: [], threads: 1 };
  if (inputs.length < POOL_THRESHOLD || threads < 2) {
    const { renderMarkdown } = await import("../content/markdown/render.ts");
    return { outcomes: inputs.map((i) => renderOutcome(renderMarkdown, i)), threads: 1 };
  }

  const results = new Array<RenderOutcome>(inputs.length);
  const pool = Array.from({ length: threads }, () => startThread<typeof import("./render-pool.ts")>(import.meta.url, { name: "a render thread" }));
  // Each thread takes the next article when it finishes one, so a slow article holds up no one.
  let next = 0;
  const lane = async (thread: (typeof pool)[number]) => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await thread.call("renderHere", inputs[i]!).catch((error: Error) => {
        throw error instanceof WorkerStopped ? error : new Error(`rendering ${inputs[i]!.file} failed: ${error.message}`);
      });
    }
  };
  try {
    // Two lanes per thread, so it never waits for the next article.
    await Promise.all(pool.flatMap((thread) => [lane(thread), lane(thread)]));
  } finally {
    await Promise.all(pool.map((thread) => thread.close()));
  }
  return { outcomes: results, threads };
}

function renderOutcome(render: typeof import("../content/markdown/render.ts").renderMarkdown, input: RenderInput): RenderOutcome {
  try {
    return { ok: true, rendered: render(input.markdown, input.file, input.bodyLine) };
  } catch (error) {
    if (error instanceof ArticleProblems) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

/** NEWS_ARCHIVE_THREADS=1 keeps rendering in one thread, e.g. on a machine busy with other work. */
function threadCount(): number {
  return countFromEnv("NEWS_ARCHIVE_THREADS", Math.min(os.availableParallelism(), MAX_THREADS));
}

/** Renders one article here: a render thread's work. */
export async function renderHere(input: RenderInput): Promise<RenderOutcome> {
  const { renderMarkdown } = await import("../content/markdown/render.ts");
  return renderOutcome(renderMarkdown, input);
}
