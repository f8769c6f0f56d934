import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { HiloError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { buildQueue } from '../pipeline/people/index.js';
import { createCrowdModel } from '../pipeline/people/index.js';
import { invitationLink, inviteAnnotator } from '../server/auth-tokens.js';
import { createServer } from '../server/create-server.js';
import type { CliIo } from './cli-io.js';
import { openProjectContext, type ProjectContext } from './compose.js';

interface ServeFlags {
  project: string;
  host: string;
  port: string;
}

/** The built web UI, beside dist/ in the package (and beside src/ in a checkout). */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * An io that prints nothing, in this process's working directory: for tests and benchmarks that
 * start a server and drive it themselves.
 * @example const server = await startServer({ dir, host: '127.0.0.1', port: 0 }, silentIo('bench'))
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

export interface RunningServer {
  readonly url: string;
  /** The first admin's invitation link, when this start created them. */
  readonly adminLink: string | null;
  readonly app: FastifyInstance;
  readonly ctx: ProjectContext;
  close(): Promise<void>;
}

/**
 * Opens the project, fills the people queue, creates the first admin on first start, and
 * listens. Used by `hilo serve` and by tests and benchmarks.
 * @example const server = await startServer({ dir: 'spam', host: '127.0.0.1', port: 0 }, io)
 */
export async function startServer(
  options: {
    dir: string;
    host: string;
    port: number;
    rateLimits?: { loginPerMinute?: number; answersPerMinute?: number };
  },
  io: CliIo,
): Promise<RunningServer> {
  const ctx = await openProjectContext(options.dir, io);
  try {
    const deps = {
      store: ctx.store,
      project: ctx.config,
      clock: ctx.clock,
      rng: createRng(ctx.clock.now() >>> 0),
      // Fitted at the first overlap-zone answer and refitted in the background after that, so an
      // answer costs one item's posterior, not a fit of the project's votes.
      crowd: createCrowdModel({
        store: ctx.store,
        labels: ctx.config.labels.map((l) => l.name),
        onError: (error) => ctx.logger.warn(`crowd refit failed: ${String(error)}`),
      }),
    };
    const counts = await buildQueue(deps);
    ctx.logger.info(
      `queue: ${counts.tasks} items, ${counts.controls} controls, exam of ${counts.exam}`,
    );
    const app = await createServer({
      ...deps,
      webRoot: WEB_ROOT,
      version: io.version,
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    });
    const address = await app.listen({ host: options.host, port: options.port });
    const url = address.replace('://[::1]', '://localhost');
    let adminLink: string | null = null;
    const people = await ctx.store.people.listAnnotators();
    if (!people.some((a) => a.role === 'admin')) {
      const { token } = await inviteAnnotator(ctx.store.people, ctx.clock, {
        name: 'admin',
        role: 'admin',
      });
      adminLink = invitationLink(url, token);
    }
    return {
      url,
      adminLink,
      app,
      ctx,
      close: async () => {
        await app.close();
        await ctx.close();
      },
    };
  } catch (error) {
    await ctx.close();
    throw error;
  }
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'Serve the annotation web UI and its API: annotators, reviewers and the admin dashboard.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port', '4100')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new HiloError('INVALID_INPUT', `--port: "${flags.port}" is not a port`);
      const server = await startServer({ dir: flags.project, host: flags.host, port }, io);
      io.out(`hilo serving ${server.ctx.config.name} at ${server.url}\n`);
      if (server.adminLink !== null)
        io.out(
          `first admin created; open this link once to sign in (it is not shown again):\n  ${server.adminLink}\n`,
        );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
    });
}
