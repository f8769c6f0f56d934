import { resolve } from 'node:path';
import type { Logger } from '../core/ports/index.js';
import { openProject } from '../compose/open-project.js';
import type { Project } from '../compose/project-handle.js';
import type { CliIo } from './cli-io.js';
import { createTerminalProgress } from './terminal-progress.js';

/**
 * Runs `work` with the project in DIR (relative to the io's working directory) open, logging and
 * drawing progress on stderr, and always closes it.
 * @example await withProject('spam', io, (ctx) => ctx.export({ file: 'out.csv' }))
 */
export async function withProject<T>(
  dir: string,
  io: CliIo,
  work: (ctx: Project) => Promise<T>,
): Promise<T> {
  const ctx = await openProject({
    dir: resolve(io.cwd, dir),
    env: io.env,
    logger: cliLogger(io),
    progress: createTerminalProgress({ stream: io.stderr }),
  });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

/**
 * Notes and warnings on stderr.
 * @example cliLogger(io).warn('retrying') // stderr: "warning: retrying"
 */
export function cliLogger(io: CliIo): Logger {
  return {
    info: (message) => io.err(`${message}\n`),
    warn: (message) => io.err(`warning: ${message}\n`),
  };
}
