import type { FastifyInstance } from 'fastify';
import { checkAnswerBody } from '../contract/checks-api.js';
import { answerCheck, listCheckQueue } from '../pipeline/checks/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/** Checks sent to the page at a time; the page asks again as they are answered. */
const PAGE = 50;

/**
 * Reviewers (and admins): expert checks drawn from the pool that wait for a label, and answering
 * them; a plain annotator is refused (403).
 * @example await app.register(checkRoutes, deps)
 */
export async function checkRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  app.get('/api/checks', async (request) => {
    await authenticate(request, auth, 'reviewer');
    return listCheckQueue({ store: deps.store, project: deps.project, limit: PAGE });
  });
  app.post<{ Params: { itemId: string } }>('/api/checks/:itemId', async (request) => {
    const reviewer = await authenticate(request, auth, 'reviewer');
    const { label } = parseBody(checkAnswerBody, request.body);
    await answerCheck(deps, reviewer.id, { itemId: request.params.itemId, label });
    return { itemId: request.params.itemId, label };
  });
}
