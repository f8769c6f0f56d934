import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answerBody, nextQuery, undoBody } from '../contract/people-api.js';
import { nextItem } from '../pipeline/people/index.js';
import { submitAnswer } from '../pipeline/people/index.js';
import { undoAnswer } from '../pipeline/people/index.js';
import { parseBody, rememberedCallers, requireRole } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * The annotator's loop: the next item (their own live lease first, so a reload shows the same
 * item; `?holding=<id>` skips the one the page already shows), answer or skip it, undo the last
 * answer. Only the project's fields of leased items are ever sent; gold comes back only after a
 * first answer. Each route is rate-limited per signed-in person (whatever cookies or headers come
 * with the request), and per address for requests without a valid session.
 * @example await app.register(itemRoutes, deps)
 */
export async function itemRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const callerOf = rememberedCallers({ people: deps.store.people, clock: deps.clock });
  const perPerson = {
    config: {
      rateLimit: {
        max: deps.rateLimits.answersPerMinute,
        timeWindow: 60_000,
        keyGenerator: async (request: FastifyRequest) => {
          const caller = await callerOf(request);
          return caller === undefined ? `address:${request.ip}` : `person:${caller.annotator.id}`;
        },
      },
    },
  };
  const annotator = async (request: FastifyRequest) =>
    requireRole(await callerOf(request), 'annotator');

  app.get('/api/next', perPerson, async (request) => {
    const me = await annotator(request);
    const { holding } = parseBody(nextQuery, request.query);
    const held = holding === undefined ? [] : typeof holding === 'string' ? [holding] : holding;
    return { item: (await nextItem(deps, me, { holding: held })) ?? null };
  });

  app.post('/api/answers', perPerson, async (request) => {
    const me = await annotator(request);
    return submitAnswer(deps, me, parseBody(answerBody, request.body));
  });

  app.post('/api/undo', perPerson, async (request) => {
    const me = await annotator(request);
    const { itemId } = parseBody(undoBody, request.body);
    return undoAnswer(deps, me, itemId);
  });
}
