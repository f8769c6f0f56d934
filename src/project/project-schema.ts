import { z } from 'zod';
import { DEFAULT_MLP } from '../core/local-model/mlp-classifier.js';
import { DEFAULT_PEOPLE_CONFIG, type ProjectConfig } from '../core/project.js';

const label = z.union([
  z
    .string()
    .min(1)
    .transform((name) => ({ name, description: '' })),
  z.object({ name: z.string().min(1), description: z.string().default('') }).strict(),
]);

const llm = z
  .object({
    model: z.string().min(1).default('gpt-4o-mini'),
    fewShot: z.number().int().min(0).max(64).default(0),
    chainOfThought: z.boolean().default(false),
    confidence: z.enum(['logprobs', 'self-consistency', 'auto']).default('auto'),
    samples: z.number().int().min(1).max(64).default(5),
    temperature: z.number().min(0).max(2).default(0.7),
    askVerbalized: z.boolean().default(false),
    maxTokens: z.number().int().min(1).default(16),
    concurrency: z.number().int().min(1).max(1024).default(8),
    requestsPerMinute: z.number().int().min(1).default(500),
    tokensPerMinute: z.number().int().min(1).default(200_000),
    timeoutMs: z.number().int().min(100).default(60_000),
    maxRetries: z.number().int().min(0).max(20).default(5),
  })
  .strict();

const mlp = z
  .object({
    hidden: z.number().int().min(1).max(4096).default(DEFAULT_MLP.hidden),
    learningRate: z.number().positive().default(DEFAULT_MLP.learningRate),
    dropout: z.number().min(0).max(0.9).default(DEFAULT_MLP.dropout),
  })
  .strict();

const embeddings = z
  .object({
    model: z.string().min(1),
    baseUrl: z.string().min(1).optional(),
    apiKeyEnv: z.string().min(1).optional(),
    batchSize: z.number().int().min(1).max(4096).default(64),
  })
  .strict();

const local = z
  .object({
    features: z
      .number()
      .int()
      .min(1024)
      .max(1 << 22)
      .default(1 << 18),
    wordNgrams: z.number().int().min(1).max(3).default(2),
    charNgrams: z.tuple([z.number().int().min(0), z.number().int().min(0)]).default([3, 5]),
    l2: z.number().min(0).default(1e-5),
    epochs: z.number().int().min(1).max(200).default(10),
    seed: z.number().int().default(1),
    classifier: z.enum(['logistic', 'mlp']).default('logistic'),
    mlp: mlp.default(() => mlp.parse({})),
    queryStrategy: z.enum(['random', 'least-confidence', 'margin', 'entropy']).default('margin'),
    input: z.enum(['text', 'embeddings']).default('text'),
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
    models: z.record(z.string(), modelPrice).default({}),
    humanHourlyUsd: z.number().min(0).default(15),
    humanItemsPerHour: z.number().positive().default(120),
    hostingPerHourUsd: z.number().min(0).default(0),
  })
  .strict();

const D = DEFAULT_PEOPLE_CONFIG;
const people = z
  .object({
    leaseMinutes: z.number().positive().default(D.leaseMinutes),
    overlap: z
      .object({
        human: z.number().int().min(1).default(D.overlap.human),
        overlap: z.number().int().min(1).default(D.overlap.overlap),
        max: z.number().int().min(1).default(D.overlap.max),
      })
      .strict()
      .default(() => ({ ...D.overlap })),
    targetPosterior: z.number().min(0).max(1).default(D.targetPosterior),
    controlRate: z.number().min(0).max(1).default(D.controlRate),
    controlFeedback: z.boolean().default(D.controlFeedback),
    exam: z
      .object({
        size: z.number().int().min(0).default(D.exam.size),
        threshold: z.number().min(0).max(1).default(D.exam.threshold),
      })
      .strict()
      .default(() => ({ ...D.exam })),
    rules: z
      .object({
        fastMs: z.number().min(0).default(D.rules.fastMs),
        fastCount: z.number().int().min(0).default(D.rules.fastCount),
        fastWindow: z.number().int().min(0).default(D.rules.fastWindow),
        minControls: z.number().int().min(0).default(D.rules.minControls),
        controlAccuracy: z.number().min(0).max(1).default(D.rules.controlAccuracy),
        sameLabelRun: z.number().int().min(0).default(D.rules.sameLabelRun),
      })
      .strict()
      .default(() => ({ ...D.rules })),
    sessionDays: z.number().positive().default(D.sessionDays),
  })
  .strict();

/** The schema of hilo.yaml. Unknown keys are errors, so typos do not pass silently. */
export const projectSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['classify', 'multilabel', 'pairwise']).default('classify'),
    fields: z.array(z.string().min(1)).min(1).default(['text']),
    labels: z
      .array(label)
      .min(2)
      .refine(
        (ls) => new Set(ls.map((l) => l.name)).size === ls.length,
        'label names must be unique',
      ),
    guidelines: z.string().default(''),
    labeller: z
      .object({
        default: z.enum(['local', 'llm']).default('local'),
        llm: llm.default(() => llm.parse({})),
        local: local.default(() => local.parse({})),
      })
      .strict()
      .default(() => ({ default: 'local' as const, llm: llm.parse({}), local: local.parse({}) })),
    prices: prices.default(() => prices.parse({})),
    database: z.string().nullable().default(null),
    people: people.default(() => people.parse({})),
  })
  .strict();

/** Validates parsed YAML; returns the config or the list of problems, each naming its key. */
export function parseProjectConfig(
  raw: unknown,
): { ok: true; config: ProjectConfig } | { ok: false; problems: string[] } {
  const result = projectSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data as ProjectConfig };
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${key}: ${issue.message}`;
  });
  return { ok: false, problems };
}
