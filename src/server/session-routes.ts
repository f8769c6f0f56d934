import type { FastifyInstance } from 'fastify';
import { loginBody, type MeResponse } from '../contract/people-api.js';
import type { Annotator } from '../core/ports/people-store.js';
import { isoAt, peopleConfig } from '../pipeline/people/index.js';
import { hashToken, newToken } from '../pipeline/people/index.js';
import { authenticate, parseBody, SESSION_COOKIE, Unauthenticated } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * Sign-in (invitation token → HttpOnly, SameSite=Strict session cookie), sign-out and `me`.
 * @example await app.register(sessionRoutes, deps)
 */
export async function sessionRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const me = (a: Annotator): MeResponse => ({
    id: a.id,
    name: a.name,
    role: a.role,
    state: a.state,
    reason: a.suspendedReason ?? a.flaggedReason,
    project: {
      name: deps.project.name,
      fields: [...deps.project.fields],
      labels: deps.project.labels.map((l) => ({ name: l.name, description: l.description })),
      guidelines: deps.project.guidelines,
    },
  });

  app.post(
    '/api/login',
    { config: { rateLimit: { max: deps.rateLimits.loginPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { token } = parseBody(loginBody, request.body);
      const annotator = await deps.store.people.findAnnotatorByTokenHash(hashToken(token));
      if (annotator === undefined) throw new Unauthenticated('this invitation is not valid');
      const session = newToken();
      const days = peopleConfig(deps.project).sessionDays;
      const ms = days * 86_400_000;
      await deps.store.people.createSession(
        hashToken(session),
        annotator.id,
        isoAt(deps.clock, ms),
      );
      void reply.setCookie(SESSION_COOKIE, session, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: request.protocol === 'https',
        maxAge: ms / 1000,
      });
      return me(annotator);
    },
  );

  app.post('/api/logout', async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie !== undefined) await deps.store.people.deleteSession(hashToken(cookie));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request) =>
    me(await authenticate(request, { people: deps.store.people, clock: deps.clock })),
  );
}
