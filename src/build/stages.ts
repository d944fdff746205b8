// Times the stages of a build, for the progress line on a terminal and for `npm run bench`.

export interface StageEvent {
  stage: string;
  /** Duration of this stage. */
  milliseconds: number;
  /** What it did, e.g. "10000 articles (9998 from cache)". */
  detail: string;
}

export type ProgressListener = (event: StageEvent) => void;

export class StageTimer {
  readonly stages: Record<string, number> = {};
  /** What each stage did, as shown in its progress line. */
  readonly details: Record<string, string> = {};
  constructor(private readonly listener: ProgressListener = () => {}) {}

  async time<T>(stage: string, work: () => Promise<T> | T, detail: (result: T) => string = () => ""): Promise<T> {
    const started = performance.now();
    const result = await work();
    const milliseconds = performance.now() - started;
    this.stages[stage] = (this.stages[stage] ?? 0) + milliseconds;
    this.details[stage] = detail(result);
    this.listener({ stage, milliseconds, detail: this.details[stage] });
    return result;
  }
}
