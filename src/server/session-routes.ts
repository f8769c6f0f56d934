import type { FastifyInstance, FastifyReply } from 'fastify';
import { loginBody, type LoginResponse, type MeResponse } from '../contract/people-api.js';
import type { Annotator } from '../core/ports/people-store.js';
import { signIn, type SignInResult } from '../pipeline/people/index.js';
import { LoginGuard } from './login-guard.js';
import {
  authenticate,
  findCaller,
  noStore,
  parseBody,
  SESSION_COOKIE,
  sendError,
  Unauthenticated,
} from './request-auth.js';
import type { ServerDeps } from './server-deps.js';
import { taskView } from './task-view.js';

/** Why an invitation did not sign anyone in, in words that name no one. */
const REFUSED: Record<Exclude<SignInResult['status'], 'signed-in'>, string> = {
  used: 'this invitation was already used: ask the project’s admin for a new one',
  expired: 'this invitation expired: ask the project’s admin for a new one',
  unknown: 'this invitation link is not valid: ask the project’s admin for a new one',
};

/**
 * Sign-in (a single-use invitation token → an HttpOnly, SameSite=Strict session cookie, or with
 * `bearer: true` the session token in the body), sign-out (cookie or bearer) and `me`.
 * @example await app.register(sessionRoutes, deps)
 */
export async function sessionRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  const guard = new LoginGuard({
    clock: deps.clock,
    failuresPerAddress: deps.rateLimits.loginFailuresPerAddress,
    blockAfter: deps.rateLimits.loginBlockAfterFailures,
  });
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
      task: taskView(deps.project),
    },
  });

  app.post(
    '/api/login',
    { config: { rateLimit: { max: deps.rateLimits.loginPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      noStore(reply);
      const blocked = guard.blockedFor(request.ip);
      if (blocked > 0) return tooManyFailures(reply, blocked);
      const { token, bearer } = parseBody(loginBody, request.body);
      const result = await signIn(deps, token);
      if (result.status !== 'signed-in') {
        const wait = guard.fail(request.ip);
        if (wait > 0) return tooManyFailures(reply, wait);
        throw new Unauthenticated(REFUSED[result.status]);
      }
      if (!bearer)
        void reply.setCookie(SESSION_COOKIE, result.session, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure: request.protocol === 'https',
          expires: new Date(result.expiresAt),
        });
      const body: LoginResponse = {
        ...me(result.annotator),
        session: bearer ? result.session : null,
        sessionExpiresAt: result.expiresAt,
      };
      return body;
    },
  );

  app.post('/api/logout', async (request, reply) => {
    noStore(reply);
    // Every session the request carries ends, the cookie's and the bearer's.
    for (let caller = await findCaller(request, auth); caller !== undefined;) {
      await deps.store.people.deleteSession(caller.sessionHash);
      caller = await findCaller(request, auth);
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request) => me(await authenticate(request, auth)));
}

function tooManyFailures(reply: FastifyReply, waitMs: number): FastifyReply {
  const minutes = Math.ceil(waitMs / 60_000);
  void reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
  return sendError(
    reply,
    429,
    'RATE_LIMITED',
    `too many failed sign-ins from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
  );
}
