import type { FastifyInstance } from 'fastify';
import { appealBody, appealsQuery, appealVerdictBody } from '../contract/people-api.js';
import { HiloError } from '../core/errors.js';
import { fileAppeal, listAppeals, settleAppeal } from '../pipeline/people/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * Appeals: a person appeals a wrong scored answer to a control or exam item (suspended people
 * too: an appeal may lift the suspension); reviewers list and settle them.
 * @example await app.register(appealRoutes, deps)
 */
export async function appealRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };

  app.post('/api/appeals', async (request) => {
    const annotator = await authenticate(request, auth);
    return fileAppeal(deps, annotator, parseBody(appealBody, request.body));
  });

  app.get('/api/appeals', async (request) => {
    await authenticate(request, auth, 'reviewer');
    const { state } = parseBody(appealsQuery, request.query);
    return { appeals: await listAppeals(deps, state !== undefined ? { state } : {}) };
  });

  app.post<{ Params: { id: string } }>('/api/appeals/:id', async (request) => {
    const reviewer = await authenticate(request, auth, 'reviewer');
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new HiloError('INVALID_INPUT', 'an appeal id is a positive integer', { field: 'id' });
    const body = parseBody(appealVerdictBody, request.body);
    return settleAppeal(deps, reviewer, { id, ...body });
  });
}
