import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createRng } from '../core/rng.js';
import {
  buildQueue,
  createCrowdModel,
  createLabellerSource,
  createLabelSetModel,
  inviteFirstAdmin,
} from '../pipeline/people/index.js';
import { createServer } from '../server/create-server.js';
import { openProject, type OpenProjectOptions } from './open-project.js';
import type { Project } from './project-handle.js';

/**
 * The built web UI, beside dist/ in the package (and beside src/ in a checkout).
 * @example existsSync(join(WEB_ROOT, 'index.html'))
 */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The project to serve and where to listen.
 * @example const options: ServeProjectOptions = { dir: 'spam', host: '127.0.0.1', port: 4100 }
 */
export interface ServeProjectOptions extends OpenProjectOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). */
  readonly trustProxy?: readonly string[];
  /** Reported by the OpenAPI document. */
  readonly version?: string;
  readonly rateLimits?: { loginPerMinute?: number; answersPerMinute?: number };
}

/**
 * A listening server with its open project.
 * @example const server = await serveProject(options); console.log(server.url); await server.close();
 */
export interface RunningServer {
  readonly url: string;
  /** The first admin's single-use invitation link, when this start created them. */
  readonly adminLink: string | null;
  /** That admin's id and when the link expires (ISO-8601), when this start created them. */
  readonly firstAdmin: { readonly id: string; readonly expiresAt: string } | null;
  readonly app: FastifyInstance;
  readonly project: Project;
  /** Stops listening and closes the project. */
  close(): Promise<void>;
}

/**
 * Opens the project, fills the people queue, listens, and creates the first admin on the first
 * start. What `hilo serve` runs; tests and benchmarks start a server the same way.
 * @example
 * const server = await serveProject({ dir: 'spam', host: '127.0.0.1', port: 0 });
 * console.log(server.url, server.adminLink);
 * await server.close();
 */
export async function serveProject(options: ServeProjectOptions): Promise<RunningServer> {
  const project = await openProject(options);
  try {
    const { store, config, clock, logger } = project;
    const labels = config.labels.map((l) => l.name);
    const onError = (error: unknown): void => logger.warn(`crowd refit failed: ${String(error)}`);
    const deps = {
      store,
      project: config,
      clock,
      rng: createRng(clock.now() >>> 0),
      // Fitted at the first overlap-zone answer and refitted in the background after that, so an
      // answer costs one item's posterior, not a fit of the project's votes.
      // A multi-label project's answers are sets: its crowd is one of yes/no questions.
      ...(config.kind === 'multilabel'
        ? { labelSets: createLabelSetModel({ store, labels, onError }) }
        : { crowd: createCrowdModel({ store, labels, onError }) }),
      // Read once a second, not on every answer; a finished label run shows within that time.
      labeller: createLabellerSource({ store, clock }),
    };
    const counts = await buildQueue(deps);
    logger.info(
      `queue: ${counts.tasks} items (${counts.audit} drawn for audit, first), ${counts.controls} controls, exam of ${counts.exam}`,
    );
    const app = await createServer({
      ...deps,
      webRoot: WEB_ROOT,
      ...(options.version ? { version: options.version } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    });
    const address = await app.listen({ host: options.host, port: options.port });
    const url = address.replace('://[::1]', '://localhost');
    const first = await inviteFirstAdmin(store.people, clock, {
      baseUrl: url,
      hours: config.people.invitationHours,
    });
    return {
      url,
      adminLink: first?.link ?? null,
      firstAdmin: first && { id: first.id, expiresAt: first.expiresAt },
      app,
      project,
      close: async () => {
        await app.close();
        await project.close();
      },
    };
  } catch (error) {
    await project.close();
    throw error;
  }
}
