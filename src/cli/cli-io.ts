import { readFileSync } from 'node:fs';
import type { ProcessSignals } from './interrupt.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  readonly stderr: {
    readonly isTTY?: boolean;
    readonly columns?: number;
    write(text: string): boolean;
  };
  /** Set by a command that succeeded with a warning-worthy result. */
  setExitCode(code: number): void;
  exitCode(): number;
  /** Ctrl-C and SIGTERM, and the forced exit of a second Ctrl-C; absent when run in-process. */
  readonly signals?: ProcessSignals;
}

/** The real process's streams, environment and signals. */
export function processIo(): CliIo {
  let code = 0;
  return {
    version: packageVersion(),
    env: process.env,
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stderr: process.stderr,
    setExitCode: (value) => {
      code = value;
    },
    exitCode: () => code,
    signals: process,
  };
}

/**
 * An io that prints nothing, in this process's working directory: for tests and benchmarks that
 * run commands in-process.
 * @example await main(['init', dir, '--labels', 'spam,ham'], silentIo('test'))
 */
export function silentIo(version: string): CliIo {
  return {
    version,
    env: {},
    cwd: process.cwd(),
    out: () => undefined,
    err: () => undefined,
    stderr: { write: () => true },
    setExitCode: () => undefined,
    exitCode: () => 0,
  };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
