import type { FastifyRequest } from 'fastify';
import { Forbidden } from './request-auth.js';

/**
 * The refusal of an API request a browser made from another site: `Sec-Fetch-Site: cross-site` or
 * `same-site` (a sibling host), or an `Origin` that is not this server's own host. Scripts that
 * send neither header (curl, API clients with a bearer token) pass. With the SameSite=Strict
 * session cookie this keeps other sites from leasing items, answering or signing out as a person.
 * undefined when the request may go on.
 * @example app.addHook('onRequest', (request, _reply, done) => done(crossSiteRefusal(request)))
 * Complexity: O(1).
 */
export function crossSiteRefusal(request: FastifyRequest): Forbidden | undefined {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const foreign =
    site === 'cross-site' ||
    site === 'same-site' ||
    (origin !== undefined && originHost(origin) !== request.headers.host);
  return foreign ? new Forbidden('requests from other sites are refused') : undefined;
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
