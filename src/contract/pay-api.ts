import { z } from 'zod';
import type { AnnotatorRole, AnnotatorState } from '../core/ports/people-store.js';

/** The pay and leaderboard part of the HTTP API. */

// Declared here rather than imported, so that people-api.ts can list these routes without a cycle.
const roles: readonly [AnnotatorRole, ...AnnotatorRole[]] = ['annotator', 'reviewer', 'admin'];
const states: readonly [AnnotatorState, ...AnnotatorState[]] = [
  'onboarding',
  'active',
  'suspended',
];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both days included; default the month so far (UTC). */
export const payPeriodQuery = z.object({ from: day.optional(), to: day.optional() }).strict();

const period = z.object({ from: z.string(), to: z.string(), start: z.string(), end: z.string() });

const publicRow = z.object({
  rank: z.number(),
  name: z.string().nullable(),
  you: z.boolean(),
  answers: z.number(),
  controlAccuracy: z.number().nullable(),
  score: z.number(),
});

export const leaderboardResponse = z.object({
  mode: z.enum(['names', 'anonymous', 'off']),
  period,
  top: z.array(publicRow),
  you: publicRow.nullable(),
  ranked: z.number(),
});

const rankedPerson = z.object({
  rank: z.number(),
  score: z.number(),
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  state: z.enum(states),
  discounted: z.boolean(),
  answers: z.number(),
  decided: z.number(),
  accepted: z.number(),
  controls: z.number(),
  controlsCorrect: z.number(),
  controlAccuracy: z.number().nullable(),
  controlInterval: z.object({ low: z.number(), high: z.number() }),
  hours: z.number(),
  baseUsd: z.number(),
  bonusUsd: z.number(),
  totalUsd: z.number(),
  bonusEarned: z.boolean(),
});

export const payResponse = z.object({
  period,
  rate: z.object({ basis: z.enum(['answer', 'hour']), usd: z.number() }),
  bonus: z.object({
    controlAccuracyAtLeast: z.number(),
    minControls: z.number(),
    percent: z.number(),
  }),
  leaderboard: z.enum(['names', 'anonymous', 'off']),
  people: z.array(rankedPerson),
  totals: z.object({
    answers: z.number(),
    hours: z.number(),
    baseUsd: z.number(),
    bonusUsd: z.number(),
    totalUsd: z.number(),
  }),
});

export type LeaderboardResponse = z.infer<typeof leaderboardResponse>;
export type PayResponse = z.infer<typeof payResponse>;

/** The routes of this part, listed in the OpenAPI document with the others. */
export const payRoutes = [
  {
    method: 'get',
    path: '/api/leaderboard',
    summary:
      'My rank and the top people by quality-weighted score (?from=&to=, days included; names as the project allows)',
    body: null,
    response: leaderboardResponse,
    auth: 'any',
  },
  {
    method: 'get',
    path: '/api/admin/pay',
    summary: 'Everyone’s figures and pay for a period (?from=&to=, days included), for payroll',
    body: null,
    response: payResponse,
    auth: 'admin',
  },
] as const;
