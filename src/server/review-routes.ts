import type { FastifyInstance } from 'fastify';
import { settleBody } from '../contract/people-api.js';
import { listReviewItems, settleReview } from '../pipeline/people/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * Reviewers (and admins): items whose votes disagree or on which a rule fired, and settling them.
 * @example await app.register(reviewRoutes, deps)
 */
export async function reviewRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  app.get('/api/review', async (request) => {
    await authenticate(request, auth, 'reviewer');
    return { items: await listReviewItems(deps) };
  });
  app.post<{ Params: { itemId: string } }>('/api/review/:itemId', async (request) => {
    const reviewer = await authenticate(request, auth, 'reviewer');
    const { label } = parseBody(settleBody, request.body);
    const decision = await settleReview(deps, reviewer, { itemId: request.params.itemId, label });
    return { itemId: decision.itemId, label: decision.label };
  });
}
