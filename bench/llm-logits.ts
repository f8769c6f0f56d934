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
import { cascadeOrdering, chooseCascade, type CascadePlan } from '../src/core/cascade/index.js';
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
import { certifyWholeSet } from './llm-logits-promise.js';
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
const T1_GRID = [0.5, 0.6, 0.7, 0.8, 0.9];
const root =
  process.env.HILO_DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const K = EMOTIONS.length;

/** A labeller of the pool as the promise sees it: a score to keep on and a label per item. */
interface Scored {
  readonly score: Float64Array;
  readonly predicted: Int32Array;
}

/** One configuration measured in a trial: what it keeps under the promise, and its cost. */
type Config = {
  readonly name: string;
  readonly run: (trial: TrialData) => Outcome;
};

/** Which items the machine keeps, with which label, and what the whole data set cost. */
interface Outcome {
  readonly kept: Uint8Array;
  readonly predicted: ArrayLike<number>;
  readonly cost: number;
}

interface TrialData {
  readonly data: EmotionVotes;
  readonly epsilon: number;
  /** 1 for the items drawn as checks; the first FIT of `order` may fit weights, the rest certify. */
  readonly checked: Uint8Array;
  readonly fitIds: Int32Array;
  /** The checks that carry the bound when FIT of them were spent on fitting. */
  readonly boundChecked: Uint8Array;
}

const modelCost = (models: readonly string[]) =>
  models.reduce((sum, m) => sum + (MODEL_SIZES_B[m] ?? Number.NaN) * USD_PER_B, 0);

function keptBy(s: Scored, threshold: number | null, checked: Uint8Array): Uint8Array {
  const kept = new Uint8Array(s.score.length);
  if (threshold === null) return kept;
  for (let i = 0; i < kept.length; i++) {
    kept[i] =
      checked[i] === 0 && (s.score[i] as number) >= threshold && s.predicted[i] !== -1 ? 1 : 0;
  }
  return kept;
}

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
  return {
    score: top.confidence.map((c) => (Number.isNaN(c) ? Number.NEGATIVE_INFINITY : c)),
    predicted: top.predicted,
  };
}

function single(model: string): Config {
  return {
    name: `${model} alone`,
    run: (t) => {
      const member = t.data.models.get(model) as MemberDistributions;
      const s = pooled([member], [1], 'linear');
      const threshold = certifyWholeSet({
        ...s,
        checked: t.checked,
        truth: t.data.truth,
        epsilon: t.epsilon,
        alpha: ALPHA,
      });
      const kept = keptBy(s, threshold, t.checked);
      return { kept, predicted: s.predicted, cost: priced(kept, t.data.n, modelCost([model])) };
    },
  };
}

function ensemble(models: readonly string[], pooling: Pooling, learned: boolean): Config {
  const short = models.map((m) => m.split('-')[0]).join(' + ');
  return {
    name: `${short}, ${pooling} pooling, ${learned ? `weights learned on ${FIT} checks` : 'equal weights'}`,
    run: (t) => {
      const members = models.map((m) => t.data.models.get(m) as MemberDistributions);
      let weights: ArrayLike<number> = new Float64Array(models.length).fill(1 / models.length);
      if (learned) {
        const pick = (m: MemberDistributions) => {
          const rows = new Float64Array(t.fitIds.length * (K + 1));
          t.fitIds.forEach((i, r) =>
            rows.set(m.rows.subarray(i * (K + 1), (i + 1) * (K + 1)), r * (K + 1)),
          );
          return { K, rows };
        };
        weights = learnWeights({
          members: members.map(pick),
          truth: Array.from(t.fitIds, (i) => t.data.truth[i] as number),
          pooling,
        }).weights;
      }
      const checked = learned ? t.boundChecked : t.checked;
      const s = pooled(members, weights, pooling);
      const threshold = certifyWholeSet({
        ...s,
        checked,
        truth: t.data.truth,
        epsilon: t.epsilon,
        alpha: ALPHA,
      });
      const kept = keptBy(s, threshold, t.checked);
      return { kept, predicted: s.predicted, cost: priced(kept, t.data.n, modelCost(models)) };
    },
  };
}

function cascade(weak: string, strong: string): Config {
  return {
    name: `cascade ${weak} → ${strong} (t1 ∈ {${T1_GRID.join(', ')}}, α split over them)`,
    run: (t) => {
      const answers = (model: string) => {
        const s = pooled([t.data.models.get(model) as MemberDistributions], [1], 'linear');
        return { predicted: s.predicted, confidence: s.score };
      };
      const choice = chooseCascade({
        stage1: answers(weak),
        stage2: answers(strong),
        t1Grid: T1_GRID,
        alpha: ALPHA,
        certify: (o, alpha) =>
          certifyWholeSet({
            score: o.score,
            predicted: o.predicted,
            checked: t.checked,
            truth: t.data.truth,
            epsilon: t.epsilon,
            alpha,
          }),
        checked: t.checked,
        prices: { stage1: modelCost([weak]), stage2: modelCost([strong]), people: PEOPLE_USD },
      });
      const plan: CascadePlan | null = choice.chosen;
      const ordering = cascadeOrdering({
        stage1: answers(weak),
        stage2: answers(strong),
        t1: plan?.t1 ?? 2,
      });
      const kept = keptBy(ordering, plan?.t2 ?? null, t.checked);
      const cost =
        plan?.cost ?? t.data.n * (modelCost([weak]) + modelCost([strong])) + t.data.n * PEOPLE_USD;
      return { kept, predicted: ordering.predicted, cost };
    },
  };
}

function configs(): Config[] {
  const all = Object.keys(MODEL_SIZES_B);
  const top2 = ['Mistral-7B-v0.1', 'Qwen-7B'];
  const ens = ensemble;
  return [
    ...all.map(single),
    ens(top2, 'linear', false),
    ens(top2, 'log', false),
    ens(top2, 'log', true),
    ens(all, 'log', true),
    ens(all, 'linear', true),
    cascade('Llama-2-7b-hf', 'Mistral-7B-v0.1'),
    cascade('Qwen-7B', 'Mistral-7B-v0.1'),
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
      const order = Int32Array.from(
        shuffled(
          Array.from({ length: data.n }, (_, i) => i),
          createRng(1000 + trial),
        ).slice(0, CHECKS),
      );
      const checked = new Uint8Array(data.n);
      for (const i of order) checked[i] = 1;
      const boundChecked = new Uint8Array(data.n);
      for (const i of order.subarray(FIT)) boundChecked[i] = 1;
      const t: TrialData = { data, epsilon, checked, fitIds: order.subarray(0, FIT), boundChecked };
      for (const config of list) {
        const { kept, predicted, cost } = config.run(t);
        let spared = 0;
        let wrong = 0;
        for (let i = 0; i < data.n; i++) {
          if (kept[i] !== 1) continue;
          spared++;
          if (predicted[i] !== data.truth[i]) wrong++;
        }
        const seen = trials.get(config.name) ?? [];
        seen.push({ spared: spared / data.n, error: wrong / data.n, cost });
        trials.set(config.name, seen);
      }
    }
    console.log(summariseTrials({ epsilon, trials, n: data.n, peopleUsd: PEOPLE_USD }));
  }
}

main();
