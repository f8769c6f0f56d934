import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A `hilo` command running in a child process, with what it printed so far. */
export interface SpawnedCli {
  readonly pid: number;
  out(): string;
  err(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs `hilo ARGS` from source in a child process (for tests that need a second process, a
 * Ctrl-C or a kill).
 * @example const child = spawnHilo(['learn', '--every', '5', '--project', dir]);
 */
export function spawnHilo(args: readonly string[]): SpawnedCli {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'run-cli.ts'), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  if (child.pid === undefined) throw new Error(`could not start hilo ${args.join(' ')}`);
  return {
    pid: child.pid,
    out: () => out,
    err: () => err,
    exited,
    kill: (signal) => child.kill(signal),
  };
}

/**
 * Resolves once `read()` holds a match of `pattern`, polling what the child printed so far.
 * @example await until(() => child.out(), /round 1:/, 60_000)
 */
export async function until(read: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!pattern.test(read())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`no ${String(pattern)} within ${timeoutMs} ms; printed:\n${read()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
