import { z } from 'zod';
import {
  DEFAULT_EMBEDDINGS_BATCH_SIZE,
  DEFAULT_EXPERT_ITEM_USD,
  PROJECT_DEFAULTS,
  type ProjectConfig,
} from '../core/project.js';
import type { AssertTrue, SameType } from '../core/same-type.js';

const D = PROJECT_DEFAULTS;
/** A label written as a bare string has no description. */
const NO_DESCRIPTION = '';

const labelObject = z
  .object({ name: z.string().min(1), description: z.string().default(NO_DESCRIPTION) })
  .strict();
const label = z.union(
  [
    z
      .string()
      .min(1)
      .transform((name): z.output<typeof labelObject> => ({ name, description: NO_DESCRIPTION })),
    labelObject,
  ],
  { error: 'expected a label name, or { name, description } with a non-empty name' },
);

const LLM = D.labeller.llm;
const llm = z
  .object({
    model: z.string().min(1).default(LLM.model),
    fewShot: z.number().int().min(0).max(64).default(LLM.fewShot),
    chainOfThought: z.boolean().default(LLM.chainOfThought),
    confidence: z.enum(['logprobs', 'self-consistency', 'auto']).default(LLM.confidence),
    samples: z.number().int().min(1).max(64).default(LLM.samples),
    temperature: z.number().min(0).max(2).default(LLM.temperature),
    askVerbalized: z.boolean().default(LLM.askVerbalized),
    maxTokens: z.number().int().min(1).default(LLM.maxTokens),
    concurrency: z.number().int().min(1).max(1024).default(LLM.concurrency),
    requestsPerMinute: z.number().int().min(1).default(LLM.requestsPerMinute),
    tokensPerMinute: z.number().int().min(1).default(LLM.tokensPerMinute),
    timeoutMs: z.number().int().min(100).default(LLM.timeoutMs),
    maxRetries: z.number().int().min(0).max(20).default(LLM.maxRetries),
  })
  .strict();

const LOCAL = D.labeller.local;
const mlp = z
  .object({
    hidden: z.number().int().min(1).max(4096).default(LOCAL.mlp.hidden),
    learningRate: z.number().positive().default(LOCAL.mlp.learningRate),
    dropout: z.number().min(0).max(0.9).default(LOCAL.mlp.dropout),
  })
  .strict();

const embeddings = z
  .object({
    model: z.string().min(1),
    baseUrl: z.string().min(1).optional(),
    apiKeyEnv: z.string().min(1).optional(),
    batchSize: z.number().int().min(1).max(4096).default(DEFAULT_EMBEDDINGS_BATCH_SIZE),
  })
  .strict();

const local = z
  .object({
    features: z
      .number()
      .int()
      .min(1024)
      .max(1 << 22)
      .default(LOCAL.features),
    wordNgrams: z.number().int().min(1).max(3).default(LOCAL.wordNgrams),
    charNgrams: z
      .tuple([z.number().int().min(0), z.number().int().min(0)])
      .default((): [number, number] => [LOCAL.charNgrams[0], LOCAL.charNgrams[1]]),
    l2: z.number().min(0).default(LOCAL.l2),
    epochs: z.number().int().min(1).max(200).default(LOCAL.epochs),
    seed: z.number().int().default(LOCAL.seed),
    classifier: z.enum(['logistic', 'mlp']).default(LOCAL.classifier),
    mlp: mlp.prefault({}),
    queryStrategy: z
      .enum(['random', 'least-confidence', 'margin', 'entropy'])
      .default(LOCAL.queryStrategy),
    input: z.enum(['text', 'embeddings']).default(LOCAL.input),
    embeddings: embeddings.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.input === 'embeddings' && value.embeddings === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['embeddings'],
        message:
          'input: embeddings needs the embedding model, e.g. embeddings: { model: text-embedding-3-small } (baseUrl and apiKeyEnv default to OPENAI_BASE_URL and OPENAI_API_KEY)',
      });
    }
  });

const modelPrice = z
  .object({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) })
  .strict();

const prices = z
  .object({
    models: z.record(z.string(), modelPrice).default(() => ({ ...D.prices.models })),
    humanHourlyUsd: z.number().min(0).default(D.prices.humanHourlyUsd),
    humanItemsPerHour: z.number().positive().default(D.prices.humanItemsPerHour),
    hostingPerHourUsd: z.number().min(0).default(D.prices.hostingPerHourUsd),
    // Optional in the type (configurations built by hand may leave it out); hilo.yaml fills it.
    expertItemUsd: z.number().min(0).default(DEFAULT_EXPERT_ITEM_USD).optional(),
  })
  .strict();

const P = D.people;
const people = z
  .object({
    leaseMinutes: z.number().positive().default(P.leaseMinutes),
    overlap: z
      .object({
        human: z.number().int().min(1).default(P.overlap.human),
        overlap: z.number().int().min(1).default(P.overlap.overlap),
        max: z.number().int().min(1).default(P.overlap.max),
      })
      .strict()
      .prefault({}),
    targetPosterior: z.number().min(0).max(1).default(P.targetPosterior),
    controlRate: z.number().min(0).max(1).default(P.controlRate),
    controlFeedback: z.boolean().default(P.controlFeedback),
    liveDecisions: z.boolean().default(P.liveDecisions),
    exam: z
      .object({
        size: z.number().int().min(0).default(P.exam.size),
        threshold: z.number().min(0).max(1).default(P.exam.threshold),
      })
      .strict()
      .prefault({}),
    rules: z
      .object({
        fastMs: z.number().min(0).default(P.rules.fastMs),
        fastCount: z.number().int().min(0).default(P.rules.fastCount),
        fastWindow: z.number().int().min(0).default(P.rules.fastWindow),
        minControls: z.number().int().min(0).default(P.rules.minControls),
        controlAccuracy: z.number().min(0).max(1).default(P.rules.controlAccuracy),
        sameLabelRun: z.number().int().min(0).default(P.rules.sameLabelRun),
      })
      .strict()
      .prefault({}),
    sessionDays: z.number().positive().default(P.sessionDays),
    pay: z
      .object({
        basis: z.enum(['answer', 'hour']).default(P.pay.basis),
        bonus: z
          .object({
            controlAccuracyAtLeast: z
              .number()
              .min(0)
              .max(1)
              .default(P.pay.bonus.controlAccuracyAtLeast),
            minControls: z.number().int().min(0).default(P.pay.bonus.minControls),
            percent: z.number().min(0).default(P.pay.bonus.percent),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    leaderboard: z.enum(['names', 'anonymous', 'off']).default(P.leaderboard),
    invitationHours: z.number().positive().default(P.invitationHours),
    preAnnotate: z.boolean().default(P.preAnnotate),
    machineChecks: z
      .object({
        disputeBelow: z.number().min(0).max(1).default(P.machineChecks.disputeBelow),
        disputeConfidence: z.number().min(0).max(1).default(P.machineChecks.disputeConfidence),
        majorityAbove: z.number().min(0).max(1).default(P.machineChecks.majorityAbove),
        majorityOthers: z.number().int().min(0).default(P.machineChecks.majorityOthers),
        pastedShare: z.number().min(0).max(1).default(P.machineChecks.pastedShare),
        pastedMinAnswers: z.number().int().min(0).default(P.machineChecks.pastedMinAnswers),
        readingCharsPerSecond: z.number().min(0).default(P.machineChecks.readingCharsPerSecond),
      })
      .strict()
      .prefault({}),
    skillMatching: z.number().min(0).max(1).default(P.skillMatching),
  })
  .strict();

/**
 * The schema of hilo.yaml: every default comes from `PROJECT_DEFAULTS`. Unknown keys are
 * errors, so typos do not pass silently.
 */
export const projectSchema = z
  .object({
    name: z.string().min(1),
    // Other kinds are named so a file that asks for one is refused clearly, never run as classify.
    kind: z
      .enum(['classify', 'multilabel', 'pairwise', 'rating'])
      .default(D.kind)
      .refine(
        (k): boolean => k === 'classify',
        'only kind "classify" is carried through labelling, routing and annotation so far; multilabel, pairwise and rating projects are not yet',
      ),
    fields: z
      .array(z.string().min(1))
      .min(1)
      .default(() => [...D.fields]),
    labels: z
      .array(label)
      .min(2)
      .refine(
        (ls) => new Set(ls.map((l) => l.name)).size === ls.length,
        'label names must be unique',
      ),
    guidelines: z.string().default(D.guidelines),
    labeller: z
      .object({
        default: z.enum(['local', 'llm']).default(D.labeller.default),
        llm: llm.prefault({}),
        local: local.prefault({}),
      })
      .strict()
      .prefault({}),
    prices: prices.prefault({}),
    database: z.string().nullable().default(D.database),
    people: people.prefault({}),
  })
  .strict();

/** Fails to compile when hilo.yaml's schema and `ProjectConfig` disagree on any key or type. */
type _SchemaMatchesConfig = AssertTrue<SameType<z.output<typeof projectSchema>, ProjectConfig>>;

/**
 * Validates parsed YAML; returns the config or the list of problems, each naming its key.
 * @example parseProjectConfig({ name: 'spam', labels: ['spam', 'ham'] }) // { ok: true, config: { …, fields: ['text'] } }
 */
export function parseProjectConfig(
  raw: unknown,
): { ok: true; config: ProjectConfig } | { ok: false; problems: string[] } {
  const result = projectSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${key}: ${issue.message}`;
  });
  return { ok: false, problems };
}
