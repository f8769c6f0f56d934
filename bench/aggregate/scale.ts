/**
 * Speed, peak memory and accuracy of every aggregator on a simulated crowd of
 * ../shared/peers/data (default sim_large: 1M votes, 200k items, 1,000 annotators), next to
 * crowd-kit's figures. Each method runs in its own process so peak memory is its own.
 * Prints markdown.
 *
 *   npx tsx bench/aggregate/scale.ts [sim_large|sim_mid|sim_small] [method,method,...]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  aggregate,
  AGGREGATION_METHODS,
  createVoteMatrix,
  dawidSkene,
  updateDawidSkene,
  type AggregateOptions,
  type AggregationMethod,
  type VoteMatrix,
} from '../../src/core/aggregation/index.js';
import { krippendorffAlpha } from '../../src/core/agreement/index.js';
import { createRng } from '../../src/core/rng.js';
import { loadSimulatedMatrix, sharedRoot } from './crowd-sets.js';
import { CROWD_KIT, CROWD_KIT_METHODS } from './reference-figures.js';

interface Measurement {
  readonly name: string;
  readonly seconds: number[];
  /** CPU seconds (user + system) of the same runs: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number[];
  /** Null when the run has no labels (agreement). */
  readonly accuracy: number | null;
  readonly peakMb: number;
  readonly loadedMb: number;
  readonly loadSeconds: number;
  readonly detail: string;
}

const RUNS_UNDER_SECONDS = 20;

function accuracy(labels: Int32Array, gold: Int32Array): number {
  let right = 0;
  let total = 0;
  for (let i = 0; i < gold.length; i++) {
    if ((gold[i] as number) < 0) continue;
    total++;
    if (labels[i] === gold[i]) right++;
  }
  return right / total;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/** Runs `work` once, and twice more when it is quick, like crowd-kit's median of 3. */
function timed<T>(work: () => T): { result: T; seconds: number[]; cpuSeconds: number[] } {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let result: T;
  do {
    const start = performance.now();
    const cpu = process.cpuUsage();
    result = work();
    const used = process.cpuUsage(cpu);
    seconds.push((performance.now() - start) / 1000);
    cpuSeconds.push((used.user + used.system) / 1e6);
  } while (seconds.length < 3 && (seconds[0] as number) < RUNS_UNDER_SECONDS);
  return { result, seconds, cpuSeconds };
}

/** Splits a matrix's votes by a predicate into matrix input. */
function votesWhere(matrix: VoteMatrix, keep: (v: number) => boolean) {
  const picked: number[] = [];
  for (let v = 0; v < matrix.numVotes; v++) if (keep(v)) picked.push(v);
  const take = (xs: Int32Array) => Int32Array.from(picked, (v) => xs[v] as number);
  return { item: take(matrix.item), annotator: take(matrix.annotator), label: take(matrix.label) };
}

/**
 * The incremental scenarios. spread: a random 1% of votes arrive late. batch: the last 1% of
 * items arrive with all their votes. local: the last 0.5% of items arrive, labelled only by
 * 20 of the annotators (their other votes on those items are dropped).
 */
function lateVotes(matrix: VoteMatrix, scenario: string) {
  const rng = createRng(3);
  const share = scenario === 'update-local' ? 0.005 : 0.01;
  const from = Math.floor(matrix.numItems * (1 - share));
  const late = new Uint8Array(matrix.numVotes);
  const keep = new Uint8Array(matrix.numVotes).fill(1);
  for (let v = 0; v < matrix.numVotes; v++) {
    const isNewItem = (matrix.item[v] as number) >= from;
    if (scenario === 'update-spread') late[v] = rng.next() < share ? 1 : 0;
    else if (scenario === 'update-batch') late[v] = isNewItem ? 1 : 0;
    else if (isNewItem) {
      const few = (matrix.annotator[v] as number) % 50 === 0;
      late[v] = few ? 1 : 0;
      keep[v] = few ? 1 : 0;
    }
  }
  return { late, keep, numItems: scenario === 'update-spread' ? matrix.numItems : from };
}

/** Returns seconds of the update and of a full re-run, and how well they agree. */
function updateScenario(matrix: VoteMatrix, scenario: string) {
  const { late, keep, numItems } = lateVotes(matrix, scenario);
  const base = createVoteMatrix({
    numClasses: matrix.numClasses,
    numItems,
    numAnnotators: matrix.numAnnotators,
    ...votesWhere(matrix, (v) => late[v] === 0 && keep[v] === 1),
  });
  const first = dawidSkene(base);
  const extra = votesWhere(matrix, (v) => late[v] === 1);
  const update = timed(() => updateDawidSkene(first.state, extra));
  const full = timed(() => dawidSkene(update.result.state.matrix));
  let same = 0;
  for (let i = 0; i < matrix.numItems; i++)
    if (update.result.labels[i] === full.result.labels[i]) same++;
  return {
    update,
    full,
    detail: `${extra.item.length} new votes; ${update.result.iterations} rounds vs ${full.result.iterations} sweeps; labels agree with the full re-run on ${((100 * same) / matrix.numItems).toFixed(2)}% of items; full re-run ${median(full.seconds).toFixed(2)} s (${median(full.cpuSeconds).toFixed(2)} CPU s)`,
    labels: update.result.labels,
  };
}

function child(dataset: string, name: string): void {
  const root = sharedRoot() as string;
  const loadStart = performance.now();
  const { matrix, gold } = loadSimulatedMatrix(root, dataset);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const loadedMb = process.memoryUsage().rss / 1e6;
  let seconds: number[];
  let cpuSeconds: number[];
  let labels: Int32Array;
  let detail: string;
  if (name.startsWith('update-')) {
    const outcome = updateScenario(matrix, name);
    seconds = outcome.update.seconds;
    cpuSeconds = outcome.update.cpuSeconds;
    labels = outcome.labels;
    detail = outcome.detail;
  } else if (name === 'krippendorff-alpha') {
    const run = timed(() => krippendorffAlpha(matrix));
    seconds = run.seconds;
    cpuSeconds = run.cpuSeconds;
    labels = new Int32Array(0);
    detail = `α = ${run.result.toFixed(4)} (crowd-kit: 0.2874 on sim_large)`;
  } else {
    const run = timed(() => aggregate(matrix, { method: name } as AggregateOptions));
    seconds = run.seconds;
    cpuSeconds = run.cpuSeconds;
    labels = run.result.labels;
    detail = `${run.result.iterations} sweeps${run.result.converged ? '' : ' (not converged)'}`;
  }
  const measurement: Measurement = {
    name,
    seconds,
    cpuSeconds,
    accuracy: labels.length > 0 ? accuracy(labels, gold) : null,
    peakMb: process.resourceUsage().maxRSS / 1024,
    loadedMb,
    loadSeconds,
    detail,
  };
  console.log(JSON.stringify(measurement));
}

function parent(dataset: string, only: string | undefined): void {
  const root = sharedRoot();
  if (!root) {
    console.log(
      '../shared is missing (no peers/data): nothing to measure. Set HILO_SHARED to its path.',
    );
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const names: string[] = [
    ...AGGREGATION_METHODS.filter((m: AggregationMethod) => m !== 'recommended'),
    'recommended',
    'update-spread',
    'update-batch',
    'update-local',
    'krippendorff-alpha',
  ];
  const results: Measurement[] = [];
  for (const name of names.filter((n) => !only || only.split(',').includes(n))) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', dataset, name], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{')) {
      console.error(`${name} failed:\n${run.stderr}`);
      continue;
    }
    results.push(JSON.parse(line) as Measurement);
  }
  const kit = CROWD_KIT[dataset] ?? {};
  console.log(`### ${dataset}: seconds (median of up to 3), accuracy, peak memory\n`);
  console.log(
    '| method | seconds (CPU s) | runs | accuracy | peak RSS MB (after load) | crowd-kit acc / s | speed-up wall (CPU) | notes |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const kitName = CROWD_KIT_METHODS.find(([, ours]) => ours === r.name)?.[0];
    const figure = kitName ? kit[kitName] : undefined;
    const s = median(r.seconds);
    const cpu = median(r.cpuSeconds);
    const kitCell = figure
      ? `${figure[0].toFixed(4)} / ${figure[1]}`
      : kitName && kitName in kit
        ? 'did not finish'
        : '—';
    const speed = figure
      ? `${(figure[1] / s).toFixed(0)}× (${(figure[1] / cpu).toFixed(0)}×)`
      : '—';
    const acc = typeof r.accuracy === 'number' ? r.accuracy.toFixed(4) : '—';
    console.log(
      `| ${r.name} | ${s.toFixed(2)} (${cpu.toFixed(2)}) | ${r.seconds.length} | ${acc} | ${r.peakMb.toFixed(0)} (${r.loadedMb.toFixed(0)}) | ${kitCell} | ${speed} | ${r.detail} |`,
    );
  }
  const load = results[0];
  if (load)
    console.log(
      `\nLoading and building the vote matrix: ${load.loadSeconds.toFixed(2)} s (not in the times above, as for crowd-kit).`,
    );
}

const args = process.argv.slice(2);
if (args[0] === '--child') child(args[1] as string, args[2] as string);
else parent(args[0] ?? 'sim_large', args[1]);
