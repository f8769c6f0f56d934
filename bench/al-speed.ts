/** Timings of the query strategies on a large synthetic pool (part of bench/al.ts). */
import { badge } from '../src/core/active-learning/badge.js';
import { contrastiveScores } from '../src/core/active-learning/contrastive-scores.js';
import { coreSet, labelledDistances } from '../src/core/active-learning/core-set.js';
import { createNearestLabelled } from '../src/core/active-learning/nearest-labelled.js';
import type { PoolEmbeddings, PoolPredictions } from '../src/core/active-learning/pool-data.js';
import { topScored } from '../src/core/active-learning/top-scored.js';
import {
  entropyScores,
  leastConfidenceScores,
  marginScores,
} from '../src/core/active-learning/uncertainty-scores.js';
import { createRng } from '../src/core/rng.js';

/** Runs `work` once and returns its result with wall and CPU (user + system) seconds. */
export function measure<T>(work: () => T): { result: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = work();
  const cpu = process.cpuUsage(cpu0);
  return { result, wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** The fastest of `runs` runs (after one warm-up), in milliseconds of wall and CPU time. */
function best(runs: number, work: () => unknown): { wall: number; cpu: number } {
  work();
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const m = measure(work);
    wall = Math.min(wall, 1000 * m.wall);
    cpu = Math.min(cpu, 1000 * m.cpu);
  }
  return { wall, cpu };
}

/**
 * A pool of `items` predictions over `classes` (softmax of scaled normals: a mix of confident
 * and unsure rows) and unit `dimension`-d embeddings, then each strategy's selection of one
 * batch. Returns printable lines.
 */
export function scoringBench(options: {
  readonly items: number;
  readonly classes: number;
  readonly dimension: number;
  readonly batch: number;
  readonly seed: number;
}): string[] {
  const { items: n, classes: K, dimension: d, batch } = options;
  const rng = createRng(options.seed);
  const probabilities = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const o = i * K;
    const scale = 1 + 4 * rng.next();
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(scale * rng.normal());
      probabilities[o + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) probabilities[o + k] = (probabilities[o + k] as number) / sum;
  }
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      values[i * d + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < d; j++) values[i * d + j] = (values[i * d + j] as number) / Math.sqrt(norm);
  }
  const predictions: PoolPredictions = { probabilities, classCount: K };
  const embeddings: PoolEmbeddings = { values, dimension: d };
  const labelled = new Uint8Array(n);
  const initial = Array.from({ length: 500 }, () => rng.int(n));
  for (const i of initial) labelled[i] = 1;
  const lines = [
    `pool of ${n} items, ${K} classes, ${d}-d embeddings, batch ${batch} (${labelled.reduce((a, b) => a + b, 0)} labelled):`,
  ];
  const report = (name: string, t: { wall: number; cpu: number }, target?: number) =>
    lines.push(
      `  ${name.padEnd(34)} ${t.wall.toFixed(0).padStart(6)} ms wall ${t.cpu.toFixed(0).padStart(6)} ms CPU${target ? `   (target < ${target} ms: ${t.cpu < target ? 'met' : 'NOT met'} on CPU, ${t.wall < target ? 'met' : 'not met'} on wall)` : ''}`,
    );
  const uncertainty = {
    margin: marginScores,
    'least confidence': leastConfidenceScores,
    entropy: entropyScores,
  };
  for (const [name, score] of Object.entries(uncertainty)) {
    report(
      `${name} (score + top ${batch})`,
      best(5, () => topScored(score(predictions), batch, createRng(1), labelled)),
      name === 'margin' ? 200 : undefined,
    );
  }
  report(
    `badge (batch ${batch})`,
    best(1, () =>
      badge({ predictions, embeddings, count: batch, rng: createRng(1), excluded: labelled }),
    ),
    5000,
  );
  const distances = labelledDistances(embeddings, labelled);
  report(
    `core-set (one round, batch ${batch})`,
    best(1, () => coreSet({ embeddings, count: batch, rng: createRng(1), labelled, distances })),
  );
  const nearest = createNearestLabelled(embeddings, 10);
  nearest.add(initial);
  const next = Array.from({ length: batch }, () => rng.int(n));
  const cal = measure(() => {
    nearest.add(next);
    return topScored(contrastiveScores(predictions, nearest), batch, createRng(1), labelled);
  });
  report(`cal (one round: ${batch} new neighbours + scores)`, {
    wall: 1000 * cal.wall,
    cpu: 1000 * cal.cpu,
  });
  return lines;
}
