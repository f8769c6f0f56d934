import type { FastifyInstance } from 'fastify';
import { answerBody, nextQuery, undoBody } from '../contract/people-api.js';
import { nextItem } from '../pipeline/people/index.js';
import { submitAnswer } from '../pipeline/people/index.js';
import { undoAnswer } from '../pipeline/people/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * The annotator's loop: the next item (their own live lease first, so a reload shows the same
 * item; `?holding=<id>` skips the one the page already shows), answer or skip it, undo the last
 * answer. Only the project's fields of leased items are ever sent; gold comes back only after a
 * first answer.
 * @example await app.register(itemRoutes, deps)
 */
export async function itemRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  const perPerson = {
    max: deps.rateLimits.answersPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: { headers: Record<string, unknown>; ip: string }) =>
      String(request.headers.cookie ?? request.headers.authorization ?? request.ip),
  };

  app.get('/api/next', { config: { rateLimit: perPerson } }, async (request) => {
    const annotator = await authenticate(request, auth);
    const { holding } = parseBody(nextQuery, request.query);
    const held = holding === undefined ? [] : typeof holding === 'string' ? [holding] : holding;
    return { item: (await nextItem(deps, annotator, { holding: held })) ?? null };
  });

  app.post('/api/answers', { config: { rateLimit: perPerson } }, async (request) => {
    const annotator = await authenticate(request, auth);
    const body = parseBody(answerBody, request.body);
    return submitAnswer(deps, annotator, body);
  });

  app.post('/api/undo', async (request) => {
    const annotator = await authenticate(request, auth);
    const { itemId } = parseBody(undoBody, request.body);
    return undoAnswer(deps, annotator, itemId);
  });
}
