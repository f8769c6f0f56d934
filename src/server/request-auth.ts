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

/**
 * Who is calling: a session cookie, or a bearer token (an invitation token or a session token).
 * Throws Unauthenticated when neither is valid, Forbidden when the role is below `least`.
 * @example const me = await authenticate(request, { people, clock }, 'admin')
 * Complexity: one or two indexed lookups.
 */
export async function authenticate(
  request: FastifyRequest,
  deps: { readonly people: PeopleStore; readonly clock: Clock },
  least: AnnotatorRole = 'annotator',
): Promise<Annotator> {
  const now = new Date(deps.clock.now()).toISOString();
  const cookie = request.cookies[SESSION_COOKIE];
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  let annotator: Annotator | undefined;
  for (const token of [cookie, bearer]) {
    if (token === undefined || token.length === 0 || annotator !== undefined) continue;
    const hash = hashToken(token);
    const fromSession = await deps.people.findSession(hash, now);
    annotator =
      fromSession !== undefined
        ? await deps.people.getAnnotator(fromSession)
        : token === bearer
          ? await deps.people.findAnnotatorByTokenHash(hash)
          : undefined;
  }
  if (annotator === undefined) throw new Unauthenticated('sign in with your invitation link');
  if (RANK[annotator.role] < RANK[least]) throw new Forbidden(`this needs the ${least} role`);
  return annotator;
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

/** Sends an error body with its status. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  return reply.code(status).send({ code, message });
}
