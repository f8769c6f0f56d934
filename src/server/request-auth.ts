import type { FastifyReply, FastifyRequest } from 'fastify';
import { HiloError } from '../core/errors.js';
import type { Annotator, AnnotatorRole, PeopleStore } from '../core/ports/people-store.js';
import type { Clock } from '../core/ports/runtime.js';
import { hashToken } from '../pipeline/people/index.js';

export const SESSION_COOKIE = 'hilo_session';

/** Refused for want of a valid session or token (HTTP 401). */
export class Unauthenticated extends Error {}
/** Refused for want of a role (HTTP 403). */
export class Forbidden extends Error {}

const RANK: Record<AnnotatorRole, number> = { annotator: 0, reviewer: 1, admin: 2 };

/** What authentication needs. */
export interface AuthDeps {
  readonly people: PeopleStore;
  readonly clock: Clock;
}

/** A signed-in caller: the person and the hash of the session token they came with. */
export interface Caller {
  readonly annotator: Annotator;
  readonly sessionHash: string;
}

/**
 * Who is calling, from a session token: the session cookie, or `Authorization: Bearer <session>`
 * (from `POST /api/login` with `bearer: true`). An invitation token is no credential here: it
 * only signs in, once. undefined when neither names a live session of an existing person.
 * @example const caller = await findCaller(request, { people, clock })
 * Complexity: one or two session lookups and one annotator lookup.
 */
export async function findCaller(
  request: FastifyRequest,
  deps: AuthDeps,
): Promise<Caller | undefined> {
  const now = new Date(deps.clock.now()).toISOString();
  const cookie = request.cookies[SESSION_COOKIE];
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  for (const token of [cookie, bearer]) {
    if (token === undefined || token.length === 0) continue;
    const sessionHash = hashToken(token);
    const id = await deps.people.findSession(sessionHash, now);
    const annotator = id === undefined ? undefined : await deps.people.getAnnotator(id);
    if (annotator !== undefined) return { annotator, sessionHash };
  }
  return undefined;
}

/**
 * The caller's person when their role is at least `least`: throws Unauthenticated without a
 * caller, Forbidden when the role is below.
 * @example const me = requireRole(await callerOf(request), 'reviewer')
 */
export function requireRole(caller: Caller | undefined, least: AnnotatorRole): Annotator {
  if (caller === undefined) throw new Unauthenticated('sign in with your invitation link');
  if (RANK[caller.annotator.role] < RANK[least])
    throw new Forbidden(`this needs the ${least} role`);
  return caller.annotator;
}

/**
 * Who is calling (see findCaller); throws Unauthenticated when no session is valid, Forbidden
 * when the role is below `least`.
 * @example const me = await authenticate(request, { people, clock }, 'admin')
 * Complexity: one or two indexed lookups.
 */
export async function authenticate(
  request: FastifyRequest,
  deps: AuthDeps,
  least: AnnotatorRole = 'annotator',
): Promise<Annotator> {
  return requireRole(await findCaller(request, deps), least);
}

/**
 * findCaller remembered per request, so a rate limit keyed on the caller and the route's handler
 * look the session up once.
 * @example const callerOf = rememberedCallers(auth); const caller = await callerOf(request)
 * Complexity: one findCaller per request.
 */
export function rememberedCallers(
  deps: AuthDeps,
): (request: FastifyRequest) => Promise<Caller | undefined> {
  const seen = new WeakMap<FastifyRequest, Promise<Caller | undefined>>();
  return (request) => {
    let caller = seen.get(request);
    if (caller === undefined) {
      caller = findCaller(request, deps);
      seen.set(request, caller);
    }
    return caller;
  };
}

/**
 * Validates a body with a zod-like schema once, at the edge; INVALID_INPUT names the field.
 * @example const body = parseBody(answerBody, request.body)
 */
export function parseBody<T>(
  schema: {
    safeParse(v: unknown):
      | { success: true; data: T }
      | {
          success: false;
          error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
        };
  },
  body: unknown,
): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HiloError('INVALID_INPUT', issue?.message ?? 'invalid body', {
    field: issue?.path.map(String).join('.') ?? '',
  });
}

/** Keeps a response that carries a secret (an invitation or session token) out of every cache. */
export function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store');
}

/** Sends an error body with its status. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  return reply.code(status).send({ code, message });
}
