import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { openApiDocument } from '../contract/openapi-document.js';
import { HiloError } from '../core/errors.js';
import { adminRoutes } from './admin-routes.js';
import { appealRoutes } from './appeal-routes.js';
import { checkRoutes } from './check-routes.js';
import { annotateRoutes } from './annotate-routes.js';
import { httpStatus } from './http-status.js';
import { itemRoutes } from './item-routes.js';
import { payRoutes } from './pay-routes.js';
import { plotRoutes } from './plot-routes.js';
import { Forbidden, sendError, Unauthenticated } from './request-auth.js';
import { reviewRoutes } from './review-routes.js';
import { DEFAULT_RATE_LIMITS, type RateLimits, type ServerDeps } from './server-deps.js';
import { crossSiteRefusal } from './cross-site-guard.js';
import { sessionRoutes } from './session-routes.js';

export interface ServerOptions extends Omit<ServerDeps, 'rateLimits'> {
  /** The built web UI (web/dist); not served when absent. */
  readonly webRoot?: string;
  readonly rateLimits?: Partial<RateLimits>;
  readonly version?: string;
  readonly logger?: boolean;
  /**
   * Addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` names the client; sign-in
   * limits then count per client, not per proxy. Requests from any other address keep their
   * connection's address, so a client cannot choose its own by sending the header.
   */
  readonly trustProxy?: readonly string[];
}

/** Item content is untrusted: the UI runs only its own scripts, whatever an item holds. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The annotation server: JSON API (one plugin per resource), its OpenAPI document at
 * /api/openapi.json, and the built web UI. Neutral error codes become HTTP statuses here only.
 * @example const app = await createServer({ store, project, clock, rng }); await app.listen({ port: 4100 })
 * Complexity: O(routes) to build.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    ...(options.trustProxy && options.trustProxy.length > 0
      ? { trustProxy: [...options.trustProxy] }
      : {}),
  });
  const deps: ServerDeps = {
    store: options.store,
    project: options.project,
    clock: options.clock,
    rng: options.rng,
    ...(options.crowd === undefined ? {} : { crowd: options.crowd }),
    ...(options.labelSets === undefined ? {} : { labelSets: options.labelSets }),
    ...(options.labeller === undefined ? {} : { labeller: options.labeller }),
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
  };
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Unauthenticated)
      return sendError(reply, 401, 'UNAUTHENTICATED', error.message);
    if (error instanceof Forbidden) return sendError(reply, 403, 'FORBIDDEN', error.message);
    if (error instanceof HiloError)
      return sendError(reply, httpStatus(error.code), error.code, error.message);
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429)
      return sendError(reply, 429, 'RATE_LIMITED', 'too many requests; slow down');
    if (status !== undefined && status >= 400 && status < 500)
      return sendError(reply, status, 'INVALID_INPUT', (error as Error).message);
    app.log.error(error);
    return sendError(reply, 500, 'INTERNAL', 'internal error');
  });
  // A callback hook, not an async one: it runs on every response, and spares a promise each.
  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply.headers(SECURITY_HEADERS);
    done(null, payload);
  });

  // Before any route, and before rate limits count the request.
  app.addHook('onRequest', (request, _reply, done) => {
    done(request.url.startsWith('/api/') ? crossSiteRefusal(request) : undefined);
  });

  app.get('/api/openapi.json', async () => openApiDocument(options.version ?? '0.0.0'));
  await app.register(sessionRoutes, deps);
  await app.register(itemRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(plotRoutes, deps);
  await app.register(reviewRoutes, deps);
  await app.register(appealRoutes, deps);
  await app.register(checkRoutes, deps);
  await app.register(payRoutes, deps);
  await app.register(annotateRoutes, deps);

  const webRoot = options.webRoot;
  if (webRoot !== undefined && existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      webRoot !== undefined &&
      existsSync(join(webRoot, 'index.html'))
    ) {
      return reply.sendFile('index.html');
    }
    return sendError(
      reply,
      404,
      'NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    );
  });
  return app;
}
