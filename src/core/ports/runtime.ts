/** Wall-clock time, injected so the core stays reproducible. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Progress of long work; the CLI draws a bar on a terminal or prints periodic lines otherwise. */
export interface Progress {
  start(label: string, total: number): void;
  /** `done` items finished so far (absolute), `spendUsd` money spent so far. */
  update(done: number, spendUsd?: number): void;
  finish(message?: string): void;
}

/** One logger, passed in. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}
