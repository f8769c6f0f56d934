import { z } from 'zod';
import { checkRoutes } from './checks-api.js';
import { payRoutes } from './pay-api.js';

/** The HTTP API of the annotation server, shared by server, web UI and OpenAPI document. */

export const errorBody = z.object({ code: z.string(), message: z.string() });

/** `bearer: true` (API clients): the session token comes back in the body, and no cookie is set. */
export const loginBody = z
  .object({ token: z.string().min(16).max(200), bearer: z.boolean().default(false) })
  .strict();

export const role = z.enum(['annotator', 'reviewer', 'admin']);
export const annotatorState = z.enum(['onboarding', 'active', 'suspended']);

/**
 * The project's task kind as the pages need it. `classify` and `rating` answer one label (a
 * rating project's labels are the scale's levels, lowest first, each description its anchor);
 * `multilabel` answers a set, sent as its set code (names in label order joined by `|`, '' the
 * empty set) with `minLabels`..`maxLabels` names; `pairwise` answers `a`, `b` or (when `tie`)
 * `tie`, with the fields holding the prompt and the two responses.
 */
export const taskView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('classify') }),
  z.object({ kind: z.literal('multilabel'), minLabels: z.number(), maxLabels: z.number() }),
  z.object({
    kind: z.literal('pairwise'),
    prompt: z.string(),
    a: z.string(),
    b: z.string(),
    tie: z.boolean(),
  }),
  z.object({ kind: z.literal('rating') }),
]);

export const meResponse = z.object({
  id: z.string(),
  name: z.string(),
  role,
  state: annotatorState,
  reason: z.string().nullable(),
  project: z.object({
    name: z.string(),
    fields: z.array(z.string()),
    labels: z.array(z.object({ name: z.string(), description: z.string() })),
    guidelines: z.string(),
    task: taskView,
  }),
});

/** The person signed in; `session` is the bearer token when asked for, else null (a cookie). */
export const loginResponse = meResponse.extend({
  session: z.string().nullable(),
  sessionExpiresAt: z.string(),
});

export const servedItem = z.object({
  itemId: z.string(),
  fields: z.record(z.string(), z.unknown()),
  expiresAt: z.string(),
  exam: z.boolean(),
  /** The machine's label, only when the project pre-annotates (`people.preAnnotate`). */
  suggestion: z
    .object({ label: z.string(), confidence: z.number().nullable() })
    .nullable()
    .optional(),
});

export const nextResponse = z.object({ item: servedItem.nullable() });

/** `holding`: items the page already shows (a prefetch), whose leases are not given back. */
export const nextQuery = z.object({
  holding: z
    .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(10)])
    .optional(),
});

export const answerBody = z
  .object({
    itemId: z.string().min(1),
    /**
     * The answer in the project's kind (a label, a verdict, a level; for multi-label the set's
     * names joined by `|`, `''` the empty set), checked by the people step; null skips.
     */
    label: z.string().max(10_000).nullable(),
    timeSpentMs: z.number().min(0).max(86_400_000),
  })
  .strict();

export const goldFeedback = z.object({
  correct: z.boolean(),
  goldLabel: z.string(),
  /** The gold answer as a person reads it: "toxic, insult", "B better", "4 — severe". */
  goldText: z.string(),
  /** The gold label's description (for a set, each label answered wrong), when wrong. */
  description: z.string().nullable(),
  /** The guideline paragraph that mentions the gold label, when the answer was wrong. */
  guideline: z.string().nullable(),
  appealable: z.boolean(),
});

export const answerResponse = z.object({
  feedback: goldFeedback.nullable(),
  state: annotatorState,
  reason: z.string().nullable(),
});

export const undoBody = z.object({ itemId: z.string().min(1) }).strict();

export const newAnnotatorBody = z
  .object({ name: z.string().min(1).max(100), role: role.default('annotator') })
  .strict();

/** A single-use invitation token, shown once, and when it expires (ISO-8601). */
export const invitation = z.object({
  id: z.string(),
  name: z.string(),
  role,
  token: z.string(),
  expiresAt: z.string(),
});

export const annotatorPatchBody = z
  .object({
    state: annotatorState.optional(),
    reason: z.string().max(500).nullable().optional(),
    discounted: z.boolean().optional(),
  })
  .strict();

export const annotatorStats = z.object({
  id: z.string(),
  name: z.string(),
  role,
  state: annotatorState,
  reason: z.string().nullable(),
  answers: z.number(),
  medianSeconds: z.number().nullable(),
  controls: z.number(),
  controlAccuracy: z.number().nullable(),
  controlInterval: z.object({ low: z.number(), high: z.number() }),
  agreement: z.number().nullable(),
  compared: z.number(),
  discounted: z.boolean(),
  flags: z.object({ disputed: z.number(), outvoted: z.number(), pasted: z.number() }),
});

const qualityBucket = z.object({
  start: z.string(),
  answers: z.number(),
  controls: z.number(),
  controlAccuracy: z.number().nullable(),
  compared: z.number(),
  agreement: z.number().nullable(),
});

/** Agreement among people on overlap items: per item (the least agreed), mean and histogram. */
export const agreementSummary = z.object({
  items: z.number(),
  mean: z.number().nullable(),
  unanimous: z.number(),
  bins: z.array(z.object({ from: z.number(), to: z.number(), items: z.number() })),
  lowest: z.array(
    z.object({
      itemId: z.string(),
      answers: z.number(),
      agreement: z.number(),
      labels: z.record(z.string(), z.number()),
    }),
  ),
});

/** Control accuracy and agreement per hour or day, for the project and per person. */
export const qualityOverTime = z.object({
  unit: z.enum(['hour', 'day']),
  project: z.array(qualityBucket),
  people: z.array(z.object({ id: z.string(), buckets: z.array(qualityBucket) })),
});

export const dashboardResponse = z.object({
  zones: z.array(
    z.object({ zone: z.string(), items: z.number(), done: z.number(), answers: z.number() }),
  ),
  throughput: z.object({
    hours: z.array(z.object({ start: z.string(), answers: z.number() })),
    lastHour: z.number(),
    lastDay: z.number(),
    perPersonHour: z.number().nullable(),
  }),
  annotators: z.array(annotatorStats),
  suspended: z.number(),
  underReview: z.number(),
  hoursSpent: z.number(),
  peopleSpendUsd: z.number(),
  machineSpendUsd: z.number(),
  spendUsd: z.number(),
  agreement: agreementSummary,
  quality: qualityOverTime,
});

/** One of the report's plots as SVG text, or null with the caption saying why it is missing. */
export const dashboardPlot = z.object({ svg: z.string().nullable(), caption: z.string() });

export const dashboardPlotsResponse = z.object({
  generatedAt: z.string().nullable(),
  /** The machine labeller the plots score. */
  source: z.string().nullable(),
  calibration: dashboardPlot,
  costAccuracy: dashboardPlot,
  /** Pool items by routing zone, from the same gathering as the plots; null before any labeller. */
  routing: z
    .object({
      pool: z.number(),
      accept: z.number(),
      overlap: z.number(),
      human: z.number(),
      unrouted: z.number(),
    })
    .nullable(),
  notes: z.array(z.string()),
});

/** People's agreement histogram and quality over time, drawn by the report's plot functions. */
export const peoplePlotsResponse = z.object({
  agreement: dashboardPlot,
  quality: dashboardPlot,
});

export const reviewResponse = z.object({
  items: z.array(
    z.object({
      itemId: z.string(),
      fields: z.record(z.string(), z.unknown()),
      reason: z.string(),
      votes: z.array(
        z.object({
          source: z.string(),
          /** Who cast it: a person's name (with their id only beside a shared name), else the source. */
          name: z.string(),
          label: z.string().nullable(),
          timeSpentMs: z.number().nullable(),
        }),
      ),
      comments: z.array(z.object({ name: z.string(), text: z.string(), at: z.string() })),
      machine: z.record(z.string(), z.number()).nullable(),
    }),
  ),
});

/** The reviewer's answer, in the same form as an annotator's (`''` is an empty multi-label set). */
export const settleBody = z.object({ label: z.string().max(10_000) }).strict();

export const appealBody = z
  .object({ itemId: z.string().min(1), comment: z.string().trim().min(1).max(2000) })
  .strict();

export const appealState = z.enum(['open', 'upheld', 'rejected']);

export const appeal = z.object({
  id: z.number(),
  annotatorId: z.string(),
  itemId: z.string(),
  comment: z.string(),
  state: appealState,
  note: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  settledBy: z.string().nullable(),
});

export const appealsQuery = z.object({ state: appealState.optional() });

export const appealsResponse = z.object({
  appeals: z.array(
    appeal.extend({
      annotatorName: z.string(),
      kind: z.enum(['control', 'exam']),
      label: z.string(),
      goldLabel: z.string(),
      fields: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const appealVerdictBody = z
  .object({
    state: z.enum(['upheld', 'rejected']),
    note: z.string().trim().max(2000).default(''),
    /** Upheld only: the gold label was wrong; the person's answer becomes the gold label. */
    fixGold: z.boolean().default(false),
  })
  .strict();
export const flagBody = z
  .object({ itemId: z.string().min(1), comment: z.string().min(1).max(1000) })
  .strict();

const doneOfTarget = z.object({ done: z.number(), target: z.number() });

export const progressResponse = z.object({ mine: doneOfTarget, project: doneOfTarget });

export type MeResponse = z.infer<typeof meResponse>;
export type TaskView = z.infer<typeof taskView>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type ServedItemBody = z.infer<typeof servedItem>;
export type AnswerBody = z.infer<typeof answerBody>;
export type AnswerResponse = z.infer<typeof answerResponse>;
export type DashboardResponse = z.infer<typeof dashboardResponse>;
export type DashboardPlotsResponse = z.infer<typeof dashboardPlotsResponse>;
export type PeoplePlotsResponse = z.infer<typeof peoplePlotsResponse>;
export type ReviewResponse = z.infer<typeof reviewResponse>;
export type GoldFeedbackBody = z.infer<typeof goldFeedback>;
export type AppealBody = z.infer<typeof appeal>;
export type AppealsResponse = z.infer<typeof appealsResponse>;
export type AppealVerdictBody = z.input<typeof appealVerdictBody>;
export type ProgressResponse = z.infer<typeof progressResponse>;
export type Invitation = z.infer<typeof invitation>;

/** Every route with its schemas: the source of the OpenAPI document. */
export const peopleRoutes = [
  {
    method: 'post',
    path: '/api/login',
    summary:
      'Redeem a single-use invitation token for a session: a cookie, or with bearer: true a token in the body',
    body: loginBody,
    response: loginResponse,
    auth: 'none',
  },
  {
    method: 'post',
    path: '/api/logout',
    summary: 'End the session (cookie or bearer)',
    body: null,
    response: null,
    auth: 'any',
  },
  {
    method: 'get',
    path: '/api/me',
    summary: 'Who am I, and the project as annotators see it',
    body: null,
    response: meResponse,
    auth: 'any',
  },
  {
    method: 'get',
    path: '/api/next',
    summary: 'Lease the next item',
    body: null,
    response: nextResponse,
    auth: 'any',
  },
  {
    method: 'post',
    path: '/api/answers',
    summary: 'Answer (or skip, label null) a leased item',
    body: answerBody,
    response: answerResponse,
    auth: 'any',
  },
  {
    method: 'post',
    path: '/api/undo',
    summary: 'Re-open my last answer on an item',
    body: undoBody,
    response: servedItem,
    auth: 'any',
  },
  {
    method: 'post',
    path: '/api/flags',
    summary: 'Flag an item given to me, with a comment, for a reviewer',
    body: flagBody,
    response: null,
    auth: 'any',
  },
  {
    method: 'get',
    path: '/api/progress',
    summary: 'My answers and the project’s, each against its target',
    body: null,
    response: progressResponse,
    auth: 'any',
  },
  {
    method: 'get',
    path: '/api/annotators',
    summary: 'People and their quality',
    body: null,
    response: dashboardResponse,
    auth: 'admin',
  },
  {
    method: 'post',
    path: '/api/annotators',
    summary: 'Invite a person (a single-use link)',
    body: newAnnotatorBody,
    response: invitation,
    auth: 'admin',
  },
  {
    method: 'post',
    path: '/api/annotators/{id}/invitation',
    summary: 'A new single-use link for a person; their unused ones stop working',
    body: null,
    response: invitation,
    auth: 'admin',
  },
  {
    method: 'patch',
    path: '/api/annotators/{id}',
    summary: 'Suspend or reinstate a person',
    body: annotatorPatchBody,
    response: annotatorStats,
    auth: 'admin',
  },
  {
    method: 'get',
    path: '/api/dashboard',
    summary: 'Progress, throughput, quality and spend',
    body: null,
    response: dashboardResponse,
    auth: 'admin',
  },
  {
    method: 'get',
    path: '/api/admin/plots',
    summary: 'The report’s calibration and cost–accuracy plots as SVG',
    body: null,
    response: dashboardPlotsResponse,
    auth: 'admin',
  },
  {
    method: 'get',
    path: '/api/admin/people-plots',
    summary: 'Agreement among people and quality over time as SVG',
    body: null,
    response: peoplePlotsResponse,
    auth: 'admin',
  },
  {
    method: 'get',
    path: '/api/review',
    summary: 'Items waiting for a reviewer',
    body: null,
    response: reviewResponse,
    auth: 'reviewer',
  },
  {
    method: 'post',
    path: '/api/review/{itemId}',
    summary: 'Settle an item',
    body: settleBody,
    response: null,
    auth: 'reviewer',
  },
  {
    method: 'post',
    path: '/api/appeals',
    summary: 'Appeal how my wrong answer to a control or exam item was scored',
    body: appealBody,
    response: appeal,
    auth: 'any',
  },
  {
    method: 'get',
    path: '/api/appeals',
    summary: 'Appeals, oldest first (?state=open|upheld|rejected)',
    body: null,
    response: appealsResponse,
    auth: 'reviewer',
  },
  {
    method: 'post',
    path: '/api/appeals/{id}',
    summary: 'Uphold or reject an appeal; upholding corrects the score',
    body: appealVerdictBody,
    response: appeal,
    auth: 'reviewer',
  },
  ...payRoutes,
  ...checkRoutes,
] as const;
