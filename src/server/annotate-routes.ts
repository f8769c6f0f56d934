import type { FastifyInstance } from 'fastify';
import { flagBody, type ProgressResponse } from '../contract/people-api.js';
import {
  annotatorProgress,
  flagItem,
  projectTally,
  refreshingCache,
} from '../pipeline/people/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/** How long the project's side of progress is kept before it is counted again. */
const TALLY_MS = 30_000;

/**
 * What the annotate page shows beside the item: progress (the person's figures fresh, the
 * project's counted at most every 30 s) and the flag / comment key.
 * @example await app.register(annotateRoutes, deps)
 */
export async function annotateRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  const tally = refreshingCache({
    clock: deps.clock,
    maxAgeMs: TALLY_MS,
    version: async () => 'queue',
    compute: () => projectTally(deps),
  });

  app.get('/api/progress', async (request): Promise<ProgressResponse> => {
    const annotator = await authenticate(request, auth);
    return annotatorProgress(deps, annotator, await tally.get());
  });

  app.post('/api/flags', async (request) => {
    const annotator = await authenticate(request, auth);
    const body = parseBody(flagBody, request.body);
    await flagItem(deps, annotator, body);
    return { ok: true };
  });
}
