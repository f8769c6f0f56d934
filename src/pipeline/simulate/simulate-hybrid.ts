import type { AggregateOptions } from '../../core/aggregation/aggregate.js';
import { randomSample } from '../../core/active-learning/top-scored.js';
import { humanBaselineCost } from '../../core/cost/cost-model.js';
import { hybridCost, type UnitCosts } from '../../core/cost/hybrid-cost.js';
import { HiloError } from '../../core/errors.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import { clopperPearson, type Interval } from '../../core/routing/clopper-pearson.js';
import { createRng, shuffled } from '../../core/rng.js';
import { drawAnnotators } from '../../core/simulation/draw-annotators.js';
import { annotate } from '../../core/simulation/simulated-annotator.js';
import { VoteLog, type SimulatedCrowd } from './simulate-crowd.js';
import {
  argmaxRows,
  featurizeForSimulation,
  predictItems,
  trainOnItems,
} from './simulate-model.js';
import { indexLabels, subSeed } from './simulate-split.js';

/** Where each item goes, by the machine's top probability. */
export interface HybridPolicy {
  /** Accept the machine's label at or above this confidence. */
  readonly accept: number;
  /** Below this, people only; between it and `accept`, people and the machine together. */
  readonly humanBelow: number;
}

export interface SimulateHybridOptions {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  /** Builds the simulated people for the data's label set (its order indexes their matrices). */
  readonly crowd: (labelSet: readonly string[]) => SimulatedCrowd;
  readonly policy: HybridPolicy;
  /** Items with expert labels the first model is trained on (default 200). */
  readonly gold?: number;
  /** The pool arrives in this many batches; the model retrains after each (default 5). */
  readonly batches?: number;
  /** Prices and staffing; `overlap` people per item in the human zone and the all-human baseline. */
  readonly unit: Omit<UnitCosts, 'auditRate'>;
  /**
   * In the overlap zone, start with `unit.overlapZoneHumans` people and add more (up to
   * `unit.overlap`) until one agrees with the machine's label or two agree with each other —
   * DESIGN's dynamic overlap. Default true; false asks exactly `overlapZoneHumans`.
   */
  readonly dynamicOverlap?: boolean;
  /** Cost of one gold label (an expert); default one annotation. */
  readonly goldCost?: number;
  /** How the votes of people (and the machine, in the overlap zone) become a label. */
  readonly aggregation?: AggregateOptions;
  readonly seed?: number;
  readonly config: LocalLabellerConfig;
  readonly logger?: Logger;
}

export interface HybridArm {
  /** Share of pool items whose final label is the true one, with a 95% Clopper–Pearson interval. */
  readonly accuracy: Interval;
  readonly cost: number;
  readonly costPerItem: number;
}

export interface HybridSimulationResult {
  readonly items: number;
  readonly pool: number;
  readonly gold: number;
  readonly classes: number;
  readonly crowd: string;
  readonly policy: HybridPolicy;
  readonly zones: { readonly accept: number; readonly overlap: number; readonly human: number };
  /** Mean people asked per overlap-zone item. */
  readonly overlapPeoplePerItem: number;
  /** Accuracy within each zone (NaN for an empty zone). */
  readonly zoneAccuracy: {
    readonly accept: number;
    readonly overlap: number;
    readonly human: number;
  };
  readonly hybrid: HybridArm;
  readonly allHuman: HybridArm;
  readonly allMachine: HybridArm;
  /** 1 − hybrid cost / all-human cost. */
  readonly savingVsHuman: number;
}

const ZONE_NAMES = ['accept', 'overlap', 'human'] as const;

/**
 * The whole hybrid loop on a labelled data set with simulated people: a model trained on `gold`
 * expert labels scores the first batch of the pool; items are accepted, sent to people with the
 * machine as one more voter (overlap), or sent to people alone (human) by the policy; votes are
 * aggregated; the model retrains on gold plus every decided item and scores the next batch. The
 * result is the final accuracy and cost of that plan against two baselines on the same pool:
 * all-human (`overlap` simulated people per item, same aggregation) and all-machine (the gold
 * model alone). Costs come from the cost model (hybridCost, humanBaselineCost); gold is paid in
 * the hybrid and all-machine arms.
 * @example simulateHybrid({ texts, labels, crowd: (ls) => parametricCrowd([{ accuracy: 0.9 }, { accuracy: 0.85 }, { accuracy: 0.8 }], ls), policy: { accept: 0.9, humanBelow: 0.5 }, unit, config })
 * Complexity: batches trainings on ≤ n items, plus an aggregation of the votes per batch.
 * @throws HiloError INVALID_INPUT on thresholds out of order or sizes that cannot work.
 */
export function simulateHybrid(options: SimulateHybridOptions): HybridSimulationResult {
  const { texts, policy, unit, config } = options;
  const seed = options.seed ?? 1;
  const batches = options.batches ?? 5;
  const method = options.aggregation ?? { method: 'majority-vote' };
  if (!(policy.humanBelow >= 0 && policy.humanBelow <= policy.accept)) {
    throw new HiloError(
      'INVALID_INPUT',
      `thresholds need 0 ≤ human-below ≤ accept, got ${policy.humanBelow} and ${policy.accept}`,
    );
  }
  const { labelSet, classes } = indexLabels(options.labels);
  const K = labelSet.length;
  const crowd = options.crowd(labelSet);
  if (crowd.annotators.some((a) => a.classCount !== K))
    throw new HiloError('INVALID_INPUT', "the crowd does not use the data's labels");
  const n = texts.length;
  const goldCount = options.gold ?? 200;
  if (!(goldCount >= 2 && goldCount < n))
    throw new HiloError('INVALID_INPUT', `gold must be 2..${n - 1} items, got ${goldCount}`);
  const gold = randomSample(n, goldCount, createRng(subSeed(seed, 'gold')));
  const isGold = new Uint8Array(n);
  for (const i of gold) isGold[i] = 1;
  const pool = Int32Array.from(
    shuffled(
      Array.from({ length: n }, (_, i) => i).filter((i) => isGold[i] !== 1),
      createRng(subSeed(seed, 'arrival')),
    ),
  );
  const features = featurizeForSimulation(
    texts,
    Int32Array.from({ length: n }, (_, i) => i),
    config,
  );
  const train = (items: ArrayLike<number>, labels: Int32Array, round: number) =>
    trainOnItems({
      features,
      items,
      labels,
      classCount: K,
      config,
      rng: createRng(subSeed(seed, `train:${round}`)),
    });
  const people = crowd.annotators.length;
  const machine = people; // the machine votes as annotator index `people`
  const humansPerItem = Math.round(unit.overlap);
  const overlapHumans = Math.round(unit.overlapZoneHumans);

  // Hybrid arm.
  const dynamic = options.dynamicOverlap ?? true;
  let overlapAnswers = 0;
  const final = new Int32Array(n).fill(-1);
  const zone = new Int8Array(n).fill(-1);
  const votes = new VoteLog(K);
  const rng = createRng(subSeed(seed, 'people'));
  const known = Int32Array.from(classes); // training labels: gold is true, decided items get their decision
  let trainOn = Array.from(gold);
  const size = Math.ceil(pool.length / batches);
  let goldModelAccuracy = Number.NaN;
  for (let b = 0; b * size < pool.length; b++) {
    const batch = pool.subarray(b * size, Math.min(pool.length, (b + 1) * size));
    const model = train(trainOn, known, b);
    const p = predictItems(model, features, batch);
    const guess = argmaxRows(p, K);
    if (b === 0) {
      const byItem = new Int32Array(n);
      argmaxRows(predictItems(model, features, pool), K).forEach(
        (k, a) => (byItem[pool[a] as number] = k),
      );
      goldModelAccuracy = accuracyOn(byItem, pool, classes);
    }
    batch.forEach((item, r) => {
      const confidence = p[r * K + (guess[r] as number)] as number;
      const z = confidence >= policy.accept ? 0 : confidence >= policy.humanBelow ? 1 : 2;
      zone[item] = z;
      if (z === 0) {
        final[item] = guess[r] as number;
        return;
      }
      const truth = classes[item] as number;
      const drawn = drawAnnotators(
        people,
        z === 1 && !dynamic ? overlapHumans : humansPerItem,
        rng,
        crowd.weights ?? undefined,
      );
      if (z === 2) {
        for (const a of drawn) votes.add(item, a, annotate(crowd.annotators[a]!, truth, rng));
        return;
      }
      // Overlap: people join the machine, more of them while they do not settle the label.
      const answers: number[] = [];
      for (const a of drawn) {
        const enough = !dynamic || overlapHumans === 0 || settled(answers, guess[r] as number);
        if (answers.length >= overlapHumans && enough) break;
        const answer = annotate(crowd.annotators[a]!, truth, rng);
        answers.push(answer);
        votes.add(item, a, answer);
      }
      overlapAnswers += answers.length;
      votes.addSoft(item, machine, p.subarray(r * K, (r + 1) * K));
    });
    const decided = votes.decide({ items: n, annotators: people + 1, method: { ...method, seed } });
    trainOn = Array.from(gold);
    for (let i = 0; i < n; i++) {
      if (zone[i] === 1 || zone[i] === 2) {
        final[i] = decided[i] as number;
        known[i] = decided[i] as number;
        trainOn.push(i);
      }
    }
    options.logger?.info(
      `hybrid: batch ${b + 1}/${batches}: ${countZones(zone, batch).join('/')} accept/overlap/human`,
    );
  }
  const counts = countZones(zone, pool);
  const zoneAccuracy = Object.fromEntries(
    ZONE_NAMES.map((name, z) => [
      name,
      accuracyOn(
        final,
        pool.filter((i) => zone[i] === z),
        classes,
      ),
    ]),
  ) as HybridSimulationResult['zoneAccuracy'];
  const goldSpend = goldCount * (options.goldCost ?? unit.annotation);
  const hybridTotal =
    hybridCost(
      { accept: counts[0], overlap: counts[1], human: counts[2] },
      // People actually asked per overlap item (dynamic overlap varies it): the cost is linear in it.
      { ...unit, overlapZoneHumans: counts[1] > 0 ? overlapAnswers / counts[1] : 0, auditRate: 0 },
    ).total + goldSpend;

  // All-human arm: `overlap` simulated people on every pool item, same aggregation.
  const humanVotes = new VoteLog(K);
  const humanRng = createRng(subSeed(seed, 'all-human'));
  for (const item of pool) {
    for (const a of drawAnnotators(people, humansPerItem, humanRng, crowd.weights ?? undefined)) {
      humanVotes.add(item, a, annotate(crowd.annotators[a]!, classes[item] as number, humanRng));
    }
  }
  const humanLabels = humanVotes.decide({
    items: n,
    annotators: people,
    method: { ...method, seed },
  });
  const humanTotal = humanBaselineCost({
    items: pool.length,
    controlRate: unit.controlRate,
    overlap: unit.overlap,
    annotationCost: unit.annotation,
  });
  const machineTotal = pool.length * unit.machinePerItem + goldSpend;

  const arm = (correct: number, cost: number): HybridArm => ({
    accuracy: clopperPearson(correct, pool.length),
    cost,
    costPerItem: cost / pool.length,
  });
  const hybridCorrect = Math.round(accuracyOn(final, pool, classes) * pool.length);
  return {
    items: n,
    pool: pool.length,
    gold: goldCount,
    classes: K,
    crowd: crowd.description,
    policy,
    zones: { accept: counts[0], overlap: counts[1], human: counts[2] },
    overlapPeoplePerItem: counts[1] > 0 ? overlapAnswers / counts[1] : 0,
    zoneAccuracy,
    hybrid: arm(hybridCorrect, hybridTotal),
    allHuman: arm(Math.round(accuracyOn(humanLabels, pool, classes) * pool.length), humanTotal),
    allMachine: arm(Math.round(goldModelAccuracy * pool.length), machineTotal),
    savingVsHuman: humanTotal > 0 ? 1 - hybridTotal / humanTotal : 0,
  };
}

/**
 * Whether the people's answers so far settle an overlap item: every one of them agrees with
 * the machine, or two of them agree with each other. O(answers²), answers ≤ overlap.
 */
function settled(answers: readonly number[], machine: number): boolean {
  if (answers.length > 0 && answers.every((a) => a === machine)) return true;
  return answers.some((a, i) => answers.indexOf(a) !== i);
}

/** Share of the given items whose label (indexed by item) is the true class; NaN for none. O(items). */
function accuracyOn(labels: Int32Array, items: ArrayLike<number>, classes: Int32Array): number {
  if (items.length === 0) return Number.NaN;
  let right = 0;
  for (let a = 0; a < items.length; a++) {
    const i = items[a] as number;
    if (labels[i] === classes[i]) right++;
  }
  return right / items.length;
}

function countZones(zone: Int8Array, items: ArrayLike<number>): [number, number, number] {
  const counts: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < items.length; a++) {
    const z = zone[items[a] as number] as number;
    if (z >= 0) counts[z as 0 | 1 | 2]++;
  }
  return counts;
}
