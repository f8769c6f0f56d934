/**
 * Accuracy of every aggregator on every categorical crowd set of ../shared/datasets (README
 * section B), beside the README reference figures and crowd-kit's. Prints markdown.
 *
 *   npx tsx bench/aggregate/accuracy.ts
 */
import {
  aggregate,
  buildVoteMatrix,
  dawidSkene,
  type AggregateOptions,
  type AggregationResult,
  type BuiltVoteMatrix,
  type VoteMatrix,
} from '../../src/core/aggregation/index.js';
import { krippendorffAlpha } from '../../src/core/agreement/index.js';
import { createRng } from '../../src/core/rng.js';
import { loadRealCrowdSets, loadSimulatedCrowd, sharedRoot, type CrowdSet } from './crowd-sets.js';
import {
  CROWD_KIT,
  CROWD_KIT_ALPHA,
  CROWD_KIT_METHODS,
  README_REFERENCE,
} from './reference-figures.js';

type Run = (matrix: VoteMatrix, gold?: Int32Array) => AggregationResult;

const method =
  (options: AggregateOptions): Run =>
  (matrix, gold) =>
    aggregate(matrix, gold ? { ...options, gold } : options);

/** Columns of the table: our name → how it is run. */
const METHODS: readonly (readonly [string, Run])[] = [
  ['majority-vote', method({ method: 'majority-vote' })],
  ['wawa', method({ method: 'wawa' })],
  ['zero-based-skill', method({ method: 'zero-based-skill' })],
  ['dawid-skene', method({ method: 'dawid-skene' })],
  [
    'dawid-skene (README config)',
    (matrix, gold) =>
      dawidSkene(matrix, {
        maxIterations: 50,
        tolerance: 0,
        smoothing: 0.01,
        ...(gold ? { gold } : {}),
      }),
  ],
  ['one-coin-dawid-skene', method({ method: 'one-coin-dawid-skene' })],
  ['glad', method({ method: 'glad' })],
  ['mace', method({ method: 'mace' })],
  ['recommended', method({ method: 'recommended' })],
];

/** Share of gold items (outside `skip`) whose aggregated label is right. */
function accuracy(
  data: { readonly set: CrowdSet; readonly built: BuiltVoteMatrix },
  labels: Int32Array,
  skip?: Set<string>,
) {
  const { set, built } = data;
  let right = 0;
  let total = 0;
  for (const [item, truth] of set.gold) {
    if (skip?.has(item)) continue;
    const i = built.itemIndex.get(item);
    if (i === undefined) continue;
    total++;
    if (built.labels[labels[i] as number] === truth) right++;
  }
  return right / total;
}

/** A seeded 10% of the gold items, clamped; accuracy is then read on the other 90%. */
function goldSample(set: CrowdSet, built: BuiltVoteMatrix) {
  const rng = createRng(7);
  const gold = new Int32Array(built.matrix.numItems).fill(-1);
  const used = new Set<string>();
  for (const [item, truth] of set.gold) {
    const i = built.itemIndex.get(item);
    if (i === undefined || rng.next() >= 0.1) continue;
    gold[i] = built.labelIndex.get(truth) as number;
    used.add(item);
  }
  return { gold, used };
}

const f3 = (x: number) => x.toFixed(3);

function main(): void {
  const root = sharedRoot();
  if (!root) {
    console.log(
      '../shared is missing (no datasets): nothing to measure. Set HILO_SHARED to its path.',
    );
    return;
  }
  const sets = loadRealCrowdSets(root);
  const rows: string[] = [];
  const goldRows: string[] = [];
  const seconds = new Map<string, number>();
  const sums = new Map<string, number>();
  const alphaRows: string[] = [];
  for (const set of sets) {
    const built = buildVoteMatrix(set.votes, set.labels ? { labels: set.labels } : {});
    const gold = [...set.gold.keys()].filter((item) => built.itemIndex.has(item)).length;
    const cells: string[] = [];
    const goldCells: string[] = [];
    const sample = goldSample(set, built);
    for (const [name, run] of METHODS) {
      const start = performance.now();
      const value = accuracy({ set, built }, run(built.matrix).labels);
      seconds.set(name, (seconds.get(name) ?? 0) + (performance.now() - start) / 1000);
      sums.set(name, (sums.get(name) ?? 0) + value);
      cells.push(f3(value));
      const clamped = run(built.matrix, sample.gold).labels;
      goldCells.push(f3(accuracy({ set, built }, clamped, sample.used)));
    }
    const reference = README_REFERENCE[set.name];
    rows.push(
      `| ${set.name} | ${gold} | ${reference ? `${f3(reference.mv)} / ${f3(reference.ds)}` : '—'} | ${cells.join(' | ')} |`,
    );
    const kit = CROWD_KIT[set.name];
    if (kit) {
      const kitCells = METHODS.map(([ours]) => {
        const pair = CROWD_KIT_METHODS.find(([, name]) => name === ours);
        const figure = pair ? kit[pair[0]] : undefined;
        return figure ? f3(figure[0]) : '—';
      });
      rows.push(`| ↳ crowd-kit 1.4.1 | | | ${kitCells.join(' | ')} |`);
    }
    goldRows.push(`| ${set.name} | ${sample.used.size} | ${goldCells.join(' | ')} |`);
    const alpha = krippendorffAlpha(built.matrix);
    const kitAlpha = CROWD_KIT_ALPHA[set.name];
    alphaRows.push(
      `| ${set.name} | ${alpha.toFixed(4)} | ${kitAlpha === undefined ? '—' : kitAlpha.toFixed(4)} |`,
    );
  }
  const small = loadSimulatedCrowd(root, 'sim_small');
  const smallAlpha = krippendorffAlpha(buildVoteMatrix(small.votes).matrix);
  alphaRows.push(`| sim_small | ${smallAlpha.toFixed(12)} | ${CROWD_KIT_ALPHA.sim_small} |`);

  const header = `| data set | gold items | README MV / DS | ${METHODS.map(([name]) => name).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(METHODS.length + 3)}`;
  console.log('### Accuracy on gold (ours; crowd-kit below where peers/README has it)\n');
  console.log([header, rule, ...rows].join('\n'));
  const means = METHODS.map(([name]) => f3((sums.get(name) ?? 0) / sets.length));
  console.log(`| **mean of the ${sets.length} sets** | | | ${means.join(' | ')} |`);
  const times = METHODS.map(([name]) => (seconds.get(name) ?? 0).toFixed(2));
  console.log(`| seconds, all sets | | | ${times.join(' | ')} |`);
  console.log('\n### With 10% of the gold clamped (accuracy on the other 90%)\n');
  console.log(`| data set | gold used | ${METHODS.map(([name]) => name).join(' | ')} |`);
  console.log(`|${' --- |'.repeat(METHODS.length + 2)}`);
  console.log(goldRows.join('\n'));
  console.log("\n### Krippendorff's α (nominal), ours and crowd-kit's\n");
  console.log(['| data set | ours | crowd-kit |', '| --- | --- | --- |', ...alphaRows].join('\n'));
}

main();
