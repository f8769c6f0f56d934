import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** A `hilo` child process with its output collected. */
export interface SpawnedCli {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  out(): string;
  err(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  readonly pid: number;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the first output line matching `pattern`. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * Starts `hilo ARGS` from source in a child process (e2e/run-cli.ts under tsx), for tests that
 * need real processes: several workers at once, a kill.
 * @example const label = spawnCli(['label', '--project', dir], { OPENAI_BASE_URL: url });
 */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): SpawnedCli {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'run-cli.ts'), ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const scan = (): void => {
    for (const wait of [...waiting]) {
      const found = out.split('\n').find((l) => wait.pattern.test(l));
      if (found === undefined) continue;
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(found);
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    scan();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error(`could not start hilo ${args.join(' ')}`);
  return {
    child,
    pid: child.pid,
    kill: (signal) => child.kill(signal),
    out: () => out,
    err: () => err,
    exited,
    line: (pattern, timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line like ${String(pattern)}; stderr: ${err}`)),
          timeoutMs,
        );
        void exited.then(() => setTimeout(() => reject(new Error(`exited: ${err}`)), 100));
        waiting.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        scan();
      }),
  };
}

/**
 * Runs `hilo ARGS` from source in a child process (for tests that need a second process, a
 * Ctrl-C or a kill).
 * @example const child = spawnHilo(['learn', '--every', '5', '--project', dir]);
 */
export function spawnHilo(args: readonly string[]): SpawnedCli {
  return spawnCli(args);
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
