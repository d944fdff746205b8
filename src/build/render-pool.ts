// Renders many articles on several cores. remark parses markdown at about 370 articles a second
// on one core; a cold build of 10,000 articles spent 21 s there. Threads pay for themselves only
// when there are many articles: each loads remark once (a few hundred ms), so a handful of edited
// articles is rendered in the calling thread instead.
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { countFromEnv } from "../util/env-count.ts";
import { startModuleWorker } from "../util/module-worker.ts";
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

type Reply = { id: number; outcome: RenderOutcome } | { id: number; error: string };

/** Renders every input, outcomes in input order; says how many threads did it. */
export async function renderMany(inputs: readonly RenderInput[]): Promise<{ outcomes: RenderOutcome[]; threads: number }> {
  const threads = threadCount();
  if (inputs.length === 0) return { outcomes: [], threads: 1 };
  if (inputs.length < POOL_THRESHOLD || threads < 2) {
    const { renderMarkdown } = await import("../content/markdown/render.ts");
    return { outcomes: inputs.map((i) => renderOutcome(renderMarkdown, i)), threads: 1 };
  }

  const results = new Array<RenderOutcome>(inputs.length);
  const workers = Array.from({ length: threads }, () => startModuleWorker(import.meta.url, "runRenderWorker"));
  try {
    // Each thread takes the next article when it finishes one, so a slow article holds up no one.
    let next = 0;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              if (next < inputs.length) {
                const id = next++;
                inFlight += 1;
                worker.postMessage({ id, input: inputs[id] });
              } else if (inFlight === 0) resolve();
            };
            worker.on("message", (reply: Reply) => {
              if ("error" in reply) return reject(new Error(`rendering ${inputs[reply.id]!.file} failed: ${reply.error}`));
              inFlight -= 1;
              results[reply.id] = reply.outcome;
              send();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`a render thread stopped (exit code ${code})`)));
            // Two in flight per thread, so it never waits for the next message.
            send();
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
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

/** Entry point inside a render thread. */
export async function runRenderWorker(): Promise<void> {
  const { renderMarkdown } = await import("../content/markdown/render.ts");
  const port = parentPort!;
  port.on("message", ({ id, input }: { id: number; input: RenderInput }) => {
    try {
      port.postMessage({ id, outcome: renderOutcome(renderMarkdown, input) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message } satisfies Reply);
    }
  });
}
