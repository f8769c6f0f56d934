import type { FastifyInstance } from 'fastify';
import { annotatorPatchBody, newAnnotatorBody, type Invitation } from '../contract/people-api.js';
import { HiloError } from '../core/errors.js';
import { changeAnnotatorState, peopleDashboard } from '../pipeline/people/index.js';
import {
  inviteAnnotator,
  peopleConfig,
  reinviteAnnotator,
  type IssuedInvitation,
} from '../pipeline/people/index.js';
import { authenticate, noStore, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * Admin only: invite people (single-use links, re-issued on request), suspend or reinstate them
 * (reversible, with a reason; reinstating starts the rules afresh), the dashboard.
 * @example await app.register(adminRoutes, deps)
 */
export async function adminRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  app.addHook('preHandler', async (request) => {
    await authenticate(request, auth, 'admin');
  });

  app.get('/api/dashboard', async () => peopleDashboard(deps));
  app.get('/api/annotators', async () => peopleDashboard(deps));

  const hours = peopleConfig(deps.project).invitationHours;
  const sent = ({ annotator, token, expiresAt }: IssuedInvitation): Invitation => ({
    id: annotator.id,
    name: annotator.name,
    role: annotator.role,
    token,
    expiresAt,
  });

  app.post('/api/annotators', async (request, reply) => {
    noStore(reply);
    const body = parseBody(newAnnotatorBody, request.body);
    return sent(await inviteAnnotator(deps.store.people, deps.clock, { ...body, hours }));
  });

  app.post<{ Params: { id: string } }>('/api/annotators/:id/invitation', async (request, reply) => {
    noStore(reply);
    const id = request.params.id;
    return sent(await reinviteAnnotator(deps.store.people, deps.clock, { id, hours }));
  });

  app.patch<{ Params: { id: string } }>('/api/annotators/:id', async (request) => {
    const body = parseBody(annotatorPatchBody, request.body);
    // Reinstating starts a fresh window for the rules.
    await changeAnnotatorState(deps, request.params.id, body);
    const stats = (await peopleDashboard(deps)).annotators.find((a) => a.id === request.params.id);
    if (stats === undefined)
      throw new HiloError('NOT_FOUND', `annotator "${request.params.id}" does not exist`);
    return stats;
  });
}
