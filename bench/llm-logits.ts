/**
 * Several machines, one promise, on real LLM distributions: each of five open 7B LLMs alone,
 * ensembles of them, and cascades of two (weaker first), under one whole-data-set promise —
 * final error ≤ ε with probability ≥ 1 − α, from expert checks drawn uniformly from the pool.
 * Per trial: draw the checks, choose what the machine keeps, and measure against the gold of
 * every item the share spared from experts (checked items never count), the final error (items
 * labelled by experts, checks included, count as right), and the cost.
 *
 *   npx tsx bench/llm-logits.ts [--trials 100] [--checks 500] [--fit 200] [--epsilon 0.05,0.1]
 *                               [--alpha 0.05] [--usd-per-b 0.0001]
 *
 * Data: ../shared/datasets/llm-logits-emotion (or $HILO_DATASETS); says so when it is missing.
 * Cost: a model's item costs its parameter count (billions) × --usd-per-b; an expert's item
 * costs hilo's default people price (prices.humanHourlyUsd / prices.humanItemsPerHour).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  cascadeOrdering,
  certifyWithChecks,
  chooseCascade,
  type LabelledCheck,
} from '../src/core/cascade/index.js';
import { cellScores, wholeSetPromise } from '../src/core/checks/index.js';
import {
  learnWeights,
  poolDistributions,
  pooledTopLabel,
  type MemberDistributions,
  type Pooling,
} from '../src/core/ensemble/index.js';
import { PROJECT_DEFAULTS } from '../src/core/project.js';
import { createRng, shuffled } from '../src/core/rng.js';
import { EMOTIONS, MODEL_SIZES_B, readEmotionVotes, type EmotionVotes } from './llm-logits-data.js';
import { summariseTrials, type Trial } from './llm-logits-report.js';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '100' },
    checks: { type: 'string', default: '500' },
    fit: { type: 'string', default: '200' },
    epsilon: { type: 'string', default: '0.05,0.1' },
    alpha: { type: 'string', default: '0.05' },
    'usd-per-b': { type: 'string', default: '0.0001' },
  },
});
const TRIALS = Number(args.trials);
const CHECKS = Number(args.checks);
const FIT = Number(args.fit);
const ALPHA = Number(args.alpha);
const USD_PER_B = Number(args['usd-per-b']);
const PEOPLE_USD =
  PROJECT_DEFAULTS.prices.humanHourlyUsd / PROJECT_DEFAULTS.prices.humanItemsPerHour;
/** Stage-1 thresholds of the cascade, fixed before any check is seen; α is split over them. */
const T1_GRID = [0.5, 0.6, 0.7, 0.8, 0.9];
const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const K = EMOTIONS.length;

/** A labeller of the pool as the promise sees it: a score to keep on and a label per item. */
interface Scored {
  readonly score: Float64Array;
  readonly predicted: Int32Array;
}

/** Which items the machine keeps, with which label, and what the whole data set cost. */
interface Outcome {
  readonly kept: Uint8Array;
  readonly predicted: ArrayLike<number>;
  readonly cost: number;
  /** Cascades: the share of items the stronger model is run on. */
  readonly stage2Share?: number;
}

/** One configuration measured in a trial. */
interface Config {
  readonly name: string;
  readonly run: (trial: TrialData) => Outcome;
}

interface TrialData {
  readonly data: EmotionVotes;
  readonly epsilon: number;
  readonly seed: number;
  /** Every drawn check (uniform over the pool), in draw order. */
  readonly drawn: Int32Array;
}

const modelCost = (models: readonly string[]) =>
  models.reduce((sum, m) => sum + (MODEL_SIZES_B[m] ?? Number.NaN) * USD_PER_B, 0);

/** The pool's USD: every model on every item, people on every item not kept (checks included). */
function priced(kept: Uint8Array, n: number, perItemModels: number): number {
  let keptCount = 0;
  for (const k of kept) keptCount += k;
  return n * perItemModels + (n - keptCount) * PEOPLE_USD;
}

function pooled(
  members: readonly MemberDistributions[],
  weights: ArrayLike<number>,
  pooling: Pooling,
): Scored {
  const top = pooledTopLabel(poolDistributions({ members, weights, pooling }), K);
  // Items no member labelled score −1: last in every order, and never kept.
  return { score: top.confidence.map((c) => (Number.isNaN(c) ? -1 : c)), predicted: top.predicted };
}

/** The whole-set promise on one score, with `fit` of the drawn checks spent on fitting it. */
function promise(s: Scored, t: TrialData, fit: number): Uint8Array {
  const checkOf = (index: number) => ({ index, stratum: 'all', stratumSize: t.data.n });
  const { accept } = wholeSetPromise({
    score: s.score,
    checks: Array.from(t.drawn.subarray(fit), (index) => ({
      ...checkOf(index),
      right: s.predicted[index] === t.data.truth[index],
    })),
    fitted: Array.from(t.drawn.subarray(0, fit), checkOf),
    maxError: t.epsilon,
    alpha: ALPHA,
    seed: t.seed,
  });
  for (let i = 0; i < accept.length; i++) if ((s.predicted[i] as number) < 0) accept[i] = 0;
  return accept;
}

function single(model: string): Config {
  return {
    name: `${model} alone`,
    run: (t) => {
      const s = pooled([t.data.models.get(model) as MemberDistributions], [1], 'linear');
      const kept = promise(s, t, 0);
      return { kept, predicted: s.predicted, cost: priced(kept, t.data.n, modelCost([model])) };
    },
  };
}

function ensemble(models: readonly string[], pooling: Pooling, learned: boolean): Config {
  const short = models.map((m) => m.split('-')[0]).join(' + ');
  return {
    name: `ensemble ${short}, ${pooling} pooling, ${learned ? `weights learned on ${FIT} of the checks` : 'equal weights'}`,
    run: (t) => {
      const members = models.map((m) => t.data.models.get(m) as MemberDistributions);
      let weights: ArrayLike<number> = new Float64Array(models.length).fill(1 / models.length);
      if (learned) {
        const fitIds = t.drawn.subarray(0, FIT);
        const pick = (m: MemberDistributions): MemberDistributions => {
          const rows = new Float64Array(fitIds.length * (K + 1));
          fitIds.forEach((i, r) =>
            rows.set(m.rows.subarray(i * (K + 1), (i + 1) * (K + 1)), r * (K + 1)),
          );
          return { K, rows };
        };
        const truth = Array.from(fitIds, (i) => t.data.truth[i] as number);
        weights = learnWeights({ members: members.map(pick), truth, pooling }).weights;
      }
      const s = pooled(members, weights, pooling);
      const kept = promise(s, t, learned ? FIT : 0);
      return { kept, predicted: s.predicted, cost: priced(kept, t.data.n, modelCost(models)) };
    },
  };
}

/**
 * A cascade of two models, weaker first. `fit` > 0 calibrates each stage's confidence on that
 * many of the checks (the share of them each model got right per predicted label × confidence
 * band, `cellScores`), so the two stages' scores speak the same language; those checks stay
 * expert-labelled and the rest carry the bound.
 */
function cascade(weak: string, strong: string, fit = 0): Config {
  return {
    name: `cascade ${weak} → ${strong}${fit > 0 ? `, confidences calibrated on ${fit} of the checks` : ''}`,
    run: (t) => {
      const fitted = Array.from(t.drawn.subarray(0, fit), (index) => ({
        index,
        stratum: 'all',
        stratumSize: t.data.n,
      }));
      const answers = (model: string) => {
        const s = pooled([t.data.models.get(model) as MemberDistributions], [1], 'linear');
        if (fit === 0) return { predicted: s.predicted, confidence: s.score };
        const right = fitted.map((c) => ({
          ...c,
          right: s.predicted[c.index] === t.data.truth[c.index],
        }));
        return { predicted: s.predicted, confidence: cellScores(s.score, s.predicted, right) };
      };
      const stage1 = answers(weak);
      const stage2 = answers(strong);
      const checks: LabelledCheck[] = Array.from(t.drawn.subarray(fit), (index) => ({
        index,
        stratum: 'all',
        stratumSize: t.data.n,
        label: t.data.truth[index] as number,
      }));
      const certify = certifyWithChecks({ checks, fitted, maxError: t.epsilon, seed: t.seed });
      const prices = { stage1: modelCost([weak]), stage2: modelCost([strong]), people: PEOPLE_USD };
      const choice = chooseCascade({
        stage1,
        stage2,
        t1Grid: T1_GRID,
        alpha: ALPHA,
        certify,
        prices,
      });
      const ordering = cascadeOrdering({ stage1, stage2, t1: choice.chosen?.t1 ?? 2 });
      const kept = choice.chosen ? certify(ordering, choice.alphaPerT1) : new Uint8Array(t.data.n);
      const key = `${weak} → ${strong}${fit > 0 ? ' (calibrated)' : ''}`;
      chosenT1.set(key, [...(chosenT1.get(key) ?? []), choice.chosen?.t1 ?? null]);
      const cost = choice.chosen?.cost ?? t.data.n * (prices.stage1 + prices.stage2 + PEOPLE_USD);
      const stage2Share = (choice.chosen?.stage2Runs ?? t.data.n) / t.data.n;
      return { kept, predicted: ordering.predicted, cost, stage2Share };
    },
  };
}

/** The stage-1 threshold each cascade chose per trial (null: nothing certified). */
const chosenT1 = new Map<string, (number | null)[]>();

function configs(): Config[] {
  const all = Object.keys(MODEL_SIZES_B);
  const top2 = ['Mistral-7B-v0.1', 'Qwen-7B'];
  return [
    ...all.map(single),
    ensemble(top2, 'linear', false),
    ensemble(top2, 'log', false),
    ensemble(top2, 'log', true),
    ensemble(all, 'log', false),
    ensemble(all, 'log', true),
    ensemble(all, 'linear', true),
    cascade('Llama-2-7b-hf', 'Mistral-7B-v0.1'),
    cascade('falcon-7b', 'Mistral-7B-v0.1'),
    cascade('Qwen-7B', 'Mistral-7B-v0.1'),
    cascade('Llama-2-7b-hf', 'Mistral-7B-v0.1', FIT),
  ];
}

function main(): void {
  const data = readEmotionVotes(root);
  if (typeof data === 'string') {
    console.log(data);
    return;
  }
  const list = configs();
  console.log(
    `llm-logits-emotion: ${data.n} items, ${data.models.size} models; ${CHECKS} uniform checks, α = ${ALPHA}, ${TRIALS} trials; ` +
      `model cost $${USD_PER_B} per billion parameters per item, people $${PEOPLE_USD.toFixed(3)} per item`,
  );
  for (const epsilon of (args.epsilon ?? '').split(',').map(Number)) {
    const trials = new Map<string, Trial[]>();
    for (let trial = 0; trial < TRIALS; trial++) {
      const drawn = Int32Array.from(
        shuffled(
          Array.from({ length: data.n }, (_, i) => i),
          createRng(1000 + trial),
        ).slice(0, CHECKS),
      );
      const t: TrialData = { data, epsilon, seed: trial, drawn };
      for (const config of list) {
        const { kept, predicted, cost, stage2Share } = config.run(t);
        let spared = 0;
        let wrong = 0;
        for (let i = 0; i < data.n; i++) {
          if (kept[i] !== 1) continue;
          spared++;
          if (predicted[i] !== data.truth[i]) wrong++;
        }
        const seen = trials.get(config.name) ?? [];
        seen.push({
          spared: spared / data.n,
          error: wrong / data.n,
          cost,
          stage2Share: stage2Share ?? null,
        });
        trials.set(config.name, seen);
      }
    }
    console.log(
      summariseTrials({
        epsilon,
        trials,
        n: data.n,
        peopleUsd: PEOPLE_USD,
        strong: 'Mistral-7B-v0.1 alone',
      }),
    );
    for (const [pair, t1s] of chosenT1) {
      const counts = new Map<string, number>();
      for (const t1 of t1s)
        counts.set(String(t1 ?? 'none'), (counts.get(String(t1 ?? 'none')) ?? 0) + 1);
      console.log(`chosen t1 for ${pair}: ${[...counts].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    }
    chosenT1.clear();
  }
}

main();
