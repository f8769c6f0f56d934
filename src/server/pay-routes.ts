import type { FastifyInstance } from 'fastify';
import { payPeriodQuery } from '../contract/pay-api.js';
import { monthToDate, payPeriod, type PayPeriod } from '../core/pay/pay-period.js';
import {
  annotatorLeaderboard,
  payReport,
  peopleConfig,
  rankPeople,
  refreshingCache,
  type RankedPerson,
} from '../pipeline/people/index.js';
import { authenticate, parseBody } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/** How long annotators' leaderboard is kept: every person opening the page shares one count. */
export const LEADERBOARD_MAX_AGE_MS = 60_000;

/**
 * The leaderboard for everyone signed in (names only as `people.leaderboard` allows, never pay,
 * counted at most once a minute per period) and the pay report for admins (counted on every
 * request); both over `?from=&to=` (whole UTC days, both included), by default the month so far.
 * @example await app.register(payRoutes, deps)
 */
export async function payRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  const periodOf = (query: unknown): PayPeriod => {
    const { from, to } = parseBody(payPeriodQuery, query);
    const month = monthToDate(deps.clock.now());
    return payPeriod(from ?? month.from, to ?? month.to);
  };

  const boards = new Map<string, { get(): Promise<RankedPerson[]> }>();
  const rankedIn = (period: PayPeriod): Promise<RankedPerson[]> => {
    const key = `${period.from}/${period.to}`;
    let board = boards.get(key);
    if (board === undefined) {
      // A few periods are asked for at a time (this month, last month); forget the rest.
      if (boards.size >= 16) boards.clear();
      board = refreshingCache({
        clock: deps.clock,
        maxAgeMs: LEADERBOARD_MAX_AGE_MS,
        version: async () => key,
        compute: async () => rankPeople((await payReport(deps, period)).people),
      });
      boards.set(key, board);
    }
    return board.get();
  };

  app.get('/api/leaderboard', async (request) => {
    const me = await authenticate(request, auth);
    const period = periodOf(request.query);
    const mode = peopleConfig(deps.project).leaderboard;
    const ranked = mode === 'off' ? [] : await rankedIn(period);
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
