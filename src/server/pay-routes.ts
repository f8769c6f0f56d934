import type { FastifyInstance } from 'fastify';
import { payPeriodQuery } from '../contract/pay-api.js';
import { monthToDate, payPeriod, type PayPeriod } from '../core/pay/pay-period.js';
import {
  annotatorLeaderboard,
  payReport,
  peopleConfig,
  rankPeople,
} from '../pipeline/people/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/**
 * The leaderboard for everyone signed in (names only as `people.leaderboard` allows, never pay)
 * and the pay report for admins; both over `?from=&to=` (whole UTC days, both included),
 * by default the month so far.
 * @example await app.register(payRoutes, deps)
 */
export async function payRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  const periodOf = (query: unknown): PayPeriod => {
    const { from, to } = parseBody(payPeriodQuery, query);
    const month = monthToDate(deps.clock.now());
    return payPeriod(from ?? month.from, to ?? month.to);
  };

  app.get('/api/leaderboard', async (request) => {
    const me = await authenticate(request, auth);
    const period = periodOf(request.query);
    const mode = peopleConfig(deps.project).leaderboard;
    const ranked = mode === 'off' ? [] : rankPeople((await payReport(deps, period)).people);
    return annotatorLeaderboard(ranked, { me: me.id, mode, period });
  });

  app.get('/api/admin/pay', async (request) => {
    await authenticate(request, auth, 'admin');
    const report = await payReport(deps, periodOf(request.query));
    return {
      ...report,
      leaderboard: peopleConfig(deps.project).leaderboard,
      people: rankPeople(report.people),
    };
  });
}
