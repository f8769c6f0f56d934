import type { FastifyInstance } from 'fastify';
import type { DashboardPlotsResponse, PeoplePlotsResponse } from '../contract/people-api.js';
import {
  dashboardReport,
  dashboardReportVersion,
  peopleDashboard,
  refreshingCache,
} from '../pipeline/people/index.js';
import { createLinkedomDocument } from '../report/linkedom-document.js';
import { dashboardPlots } from './dashboard-plots.js';
import { peoplePlots } from './people-plots.js';
import { authenticate } from './request-auth.js';
import type { ServerDeps } from './server-deps.js';

/** Plots are drawn again at least this often, whatever the store says. */
const PLOTS_MAX_AGE_MS = 60_000;
/** People's plots follow every answer; drawn at most this often. */
const PEOPLE_PLOTS_MAX_AGE_MS = 10_000;

/**
 * Admin only: the report's calibration and cost–accuracy plots as SVG text, drawn on the server
 * by the report's plot functions. Gathering and drawing is not cheap, so the result is kept until
 * a run, the items or the stored calibrator change, or for a minute at most. People's agreement
 * histogram and quality over time, drawn by the same functions, are kept for 10 seconds.
 * @example await app.register(plotRoutes, deps)
 */
export async function plotRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const auth = { people: deps.store.people, clock: deps.clock };
  app.addHook('preHandler', async (request) => {
    await authenticate(request, auth, 'admin');
  });

  const plots = refreshingCache<DashboardPlotsResponse>({
    clock: deps.clock,
    maxAgeMs: PLOTS_MAX_AGE_MS,
    version: (last) => dashboardReportVersion(deps.store, last?.source ?? null),
    compute: async () =>
      dashboardPlots(await dashboardReport(deps), { document: createLinkedomDocument() }),
  });

  app.get('/api/admin/plots', async () => plots.get());

  const people = refreshingCache<PeoplePlotsResponse>({
    clock: deps.clock,
    maxAgeMs: PEOPLE_PLOTS_MAX_AGE_MS,
    version: () => Promise.resolve(''),
    compute: async () =>
      peoplePlots(await peopleDashboard(deps), { document: createLinkedomDocument() }),
  });
  app.get('/api/admin/people-plots', async () => people.get());
}
