import { z } from 'zod';
import {
  DEFAULT_EMBEDDINGS_BATCH_SIZE,
  DEFAULT_EXPERT_ITEM_USD,
  PROJECT_DEFAULTS,
  type LabelDef,
  type MultilabelOptions,
  type PairwiseOptions,
  type ProjectConfig,
} from '../core/project.js';
import { LABEL_SET_SEPARATOR } from '../core/task-kind/index.js';
import { dedupSettings, importSettings } from './import-dedup-schema.js';
import type { TaskKind } from '../core/types.js';
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
    confidence: z
      .enum(['logprobs', 'self-consistency', 'auto', 'verbalized'])
      .default(LLM.confidence),
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

const ML = D.multilabel;
const multilabel = z
  .object({
    minLabels: z.number().int().min(0).default(ML.minLabels),
    maxLabels: z.number().int().min(1).nullable().default(ML.maxLabels),
    measure: z.enum(['exact', 'per-label']).default(ML.measure),
  })
  .strict();

const PW = D.pairwise;
const pairwise = z
  .object({
    prompt: z.string().min(1).default(PW.prompt),
    a: z.string().min(1).default(PW.a),
    b: z.string().min(1).default(PW.b),
    systemA: z.string().min(1).nullable().default(PW.systemA),
    systemB: z.string().min(1).nullable().default(PW.systemB),
    swap: z.boolean().default(PW.swap),
  })
  .strict();

const RT = D.rating;
const input = z
  .object({
    maxLineMiB: z.number().positive().default(D.input.maxLineMiB),
    gzipMaxRatio: z.number().min(1).default(D.input.gzipMaxRatio),
    gzipMinMiB: z.number().min(0).default(D.input.gzipMinMiB),
  })
  .strict();

const rating = z
  .object({
    measure: z.enum(['exact', 'within-k']).default(RT.measure),
    withinK: z.number().int().min(0).default(RT.withinK),
  })
  .strict();

/**
 * The schema of hilo.yaml: every default comes from `PROJECT_DEFAULTS`. Unknown keys are
 * errors, so typos do not pass silently. A pairwise project may leave out `labels` (a, b, tie)
 * and `fields` (its prompt and response fields); every other kind names its labels.
 */
export const projectSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['classify', 'multilabel', 'pairwise', 'rating']).default(D.kind),
    fields: z.array(z.string().min(1)).min(1).optional(),
    labels: z
      .array(label)
      .min(2)
      .refine(
        (ls) => new Set(ls.map((l) => l.name)).size === ls.length,
        'label names must be unique',
      )
      .optional(),
    guidelines: z.string().default(D.guidelines),
    labeller: z
      .object({
        default: z.enum(['local', 'llm']).default(D.labeller.default),
        leaseSeconds: z.number().min(0.5).max(86_400).default(D.labeller.leaseSeconds),
        llm: llm.prefault({}),
        local: local.prefault({}),
      })
      .strict()
      .prefault({}),
    prices: prices.prefault({}),
    database: z.string().nullable().default(D.database),
    people: people.prefault({}),
    multilabel: multilabel.prefault({}),
    pairwise: pairwise.prefault({}),
    rating: rating.prefault({}),
    import: importSettings.prefault({}),
    dedup: dedupSettings.prefault({}),
    input: input.prefault({}),
  })
  .strict()
  .superRefine((raw, ctx) => {
    for (const problem of kindProblems(raw)) ctx.addIssue({ code: 'custom', ...problem });
  })
  .transform(({ labels, fields, ...rest }): ProjectConfig => ({
    ...rest,
    fields: fields ?? defaultFields(rest.kind, rest.pairwise),
    labels: labels ?? PAIRWISE_LABELS,
  }));

const PAIRWISE_LABELS: readonly LabelDef[] = [
  { name: 'a', description: 'the first response (A) is better' },
  { name: 'b', description: 'the second response (B) is better' },
  { name: 'tie', description: 'neither is better' },
];

function defaultFields(kind: TaskKind, options: PairwiseOptions): readonly string[] {
  return kind === 'pairwise' ? [options.prompt, options.a, options.b] : [...D.fields];
}

interface KindInput {
  readonly kind: TaskKind;
  readonly labels?: readonly LabelDef[] | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly multilabel: MultilabelOptions;
  readonly pairwise: PairwiseOptions;
}

/** What a kind asks of the label set and fields, each problem naming its key. */
function kindProblems(raw: KindInput): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const { kind, labels } = raw;
  if (labels === undefined) {
    if (kind !== 'pairwise') problems.push({ path: ['labels'], message: 'required' });
  } else if (kind === 'pairwise') {
    const names = labels.map((l) => l.name).join(',');
    if (names !== 'a,b' && names !== 'a,b,tie') {
      problems.push({
        path: ['labels'],
        message: `a pairwise project's labels are a, b and (optionally) tie, in that order; got ${names}`,
      });
    }
  } else if (kind === 'multilabel') {
    const bad = labels.find((l) => l.name.includes(LABEL_SET_SEPARATOR));
    if (bad) {
      problems.push({
        path: ['labels'],
        message: `a multi-label project's label names cannot contain "${LABEL_SET_SEPARATOR}" (it joins a set): ${bad.name}`,
      });
    }
    const { minLabels, maxLabels } = raw.multilabel;
    if (maxLabels !== null && maxLabels > labels.length) {
      problems.push({
        path: ['multilabel', 'maxLabels'],
        message: `${maxLabels} is more than the ${labels.length} labels`,
      });
    }
    if (minLabels > (maxLabels ?? labels.length)) {
      problems.push({
        path: ['multilabel', 'minLabels'],
        message: `${minLabels} is more than maxLabels (${maxLabels ?? labels.length})`,
      });
    }
  }
  if (kind === 'pairwise') {
    const { prompt, a, b } = raw.pairwise;
    if (new Set([prompt, a, b]).size < 3) {
      problems.push({
        path: ['pairwise'],
        message: `prompt, a and b must be three different fields; got ${prompt}, ${a}, ${b}`,
      });
    }
    const fields = raw.fields;
    if (fields !== undefined) {
      const missing = [a, b].filter((f) => !fields.includes(f));
      if (missing.length > 0) {
        problems.push({
          path: ['fields'],
          message: `a pairwise project shows both responses; add ${missing.join(', ')} to fields`,
        });
      }
    }
  }
  return problems;
}

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
