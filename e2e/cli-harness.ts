import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../src/cli/cli-io.js';
import { main } from '../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `hilo ARGS` in-process with captured output. */
export async function hilo(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
): Promise<CliResult> {
  let out = '';
  let err = '';
  let code = 0;
  const io: CliIo = {
    version: 'test',
    env: { ...env },
    cwd,
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stderr: { isTTY: false, write: (t: string) => ((err += t), true) },
    setExitCode: (c) => void (code = c),
    exitCode: () => code,
  };
  const exit = await main(args, io);
  return { code: exit, out, err };
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `hilo-${prefix}-`));
}

export async function writeJsonl(
  path: string,
  rows: readonly Record<string, unknown>[],
): Promise<string> {
  await writeFile(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8');
  return path;
}

/** The records of a JSON-lines file, in order. */
export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
