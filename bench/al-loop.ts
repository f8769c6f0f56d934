/**
 * The relabelling experiment and the hybrid loop on real data (see `hilo simulate relabel` and
 * `hilo simulate hybrid`).
 *
 *   npx tsx bench/al-loop.ts [--seed 1]
 *
 * relabel: Davidson et al. tweets (crowd vote shares) and ConvAbuse (expert judgements), labels
 * corrupted with probability 1 − agreement. hybrid: banking77 with parametric people, and the
 * sentiment sentences with people fitted by Dawid-Skene on the SP crowd (same task, same
 * labels), each at several policies. JSON goes to bench/out/, markdown tables to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { buildVoteMatrix } from '../src/core/aggregation/build-vote-matrix.js';
import { annotationCost } from '../src/core/cost/cost-model.js';
import { percent } from '../src/core/format/format-number.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../src/core/project.js';
import { fitCrowdAnnotators } from '../src/core/simulation/fit-crowd-annotators.js';
import { annotatorAccuracy } from '../src/core/simulation/simulated-annotator.js';
import {
  crowdForLabels,
  parametricCrowd,
  type SimulatedCrowd,
} from '../src/pipeline/simulate/index.js';
import { simulateHybrid, type HybridSimulationResult } from '../src/pipeline/simulate/index.js';
import { simulateRelabel } from '../src/pipeline/simulate/index.js';
import {
  banking77,
  convAbuse,
  davidson,
  sentences,
  spCrowd,
  subsample,
  type TextSet,
} from './al-data.js';
import { measure } from './al-speed.js';

const { values: args } = parseArgs({ options: { seed: { type: 'string', default: '1' } } });
const seed = Number(args.seed);
const OUT = new URL('./out/', import.meta.url);
mkdirSync(OUT, { recursive: true });

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 18,
  wordNgrams: 2,
  charNgrams: [2, 5],
  l2: 1e-4,
  epochs: 4,
  seed: 1,
};
const usd = (x: number) => `$${x.toFixed(0)}`;

console.log(
  `## relabel and hybrid (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}), seed ${seed}, local model with ${config.epochs} epochs\n`,
);

function relabel(load: () => TextSet | string, size: number): void {
  const loaded = load();
  if (typeof loaded === 'string') {
    console.log(`relabel: skipped, ${loaded}`);
    return;
  }
  const set = subsample(loaded, size, seed);
  const { result, cpu } = measure(() =>
    simulateRelabel({
      texts: set.texts,
      labels: set.labels,
      agreement: set.agreement as Float64Array,
      config,
      seed,
    }),
  );
  writeFileSync(new URL(`relabel-${set.name}.json`, OUT), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `### relabel: ${set.name} (${result.items} items, ${result.classes} labels, ${result.train} train / ${result.test} held out; ${cpu.toFixed(0)} s CPU)\n\n` +
      `${percent(result.noiseRate)} of training labels corrupted. Held-out accuracy trained on trusted labels ${percent(result.cleanAccuracy)}, on noisy labels ${percent(result.noisyAccuracy)}.\n\n` +
      '| sent back | items | wrong labels found (confidence / random) | label accuracy (confidence / random) | held-out accuracy (confidence / random) |\n| --- | --- | --- | --- | --- |',
  );
  for (const p of result.sweep) {
    console.log(
      `| ${percent(p.share)} | ${p.relabelled} | ${p.byConfidence.errorsFound} / ${p.random.errorsFound} | ${percent(p.byConfidence.labelAccuracy)} / ${percent(p.random.labelAccuracy)} | ${percent(p.byConfidence.testAccuracy)} / ${percent(p.random.testAccuracy)} |`,
    );
  }
  console.log('');
}

/** Threshold pairs per task: with two labels the top probability is never below 0.5. */
const POLICIES = {
  multiclass: [
    { accept: 0.99, humanBelow: 0.5 },
    { accept: 0.95, humanBelow: 0.5 },
    { accept: 0.9, humanBelow: 0.4 },
    { accept: 0.8, humanBelow: 0.3 },
    { accept: 0.6, humanBelow: 0.2 },
  ],
  binary: [
    { accept: 0.99, humanBelow: 0.7 },
    { accept: 0.95, humanBelow: 0.7 },
    { accept: 0.9, humanBelow: 0.65 },
    { accept: 0.8, humanBelow: 0.6 },
    { accept: 0.7, humanBelow: 0.55 },
  ],
};

function hybrid(
  name: string,
  set: TextSet,
  crowd: (labelSet: readonly string[]) => SimulatedCrowd,
  gold: number,
): void {
  const unit = {
    machinePerItem: 0,
    annotation: annotationCost({ hourlyRate: 15, itemsPerHour: 120 }),
    overlap: 3,
    overlapZoneHumans: 1,
    controlRate: 0.1,
  };
  const results: HybridSimulationResult[] = [];
  let cpuTotal = 0;
  for (const policy of new Set(set.labels).size === 2 ? POLICIES.binary : POLICIES.multiclass) {
    const { result, cpu } = measure(() =>
      simulateHybrid({
        texts: set.texts,
        labels: set.labels,
        crowd,
        policy,
        unit,
        gold,
        batches: 5,
        aggregation: { method: 'majority-vote' },
        seed,
        config,
      }),
    );
    cpuTotal += cpu;
    results.push(result);
  }
  writeFileSync(new URL(`hybrid-${name}.json`, OUT), `${JSON.stringify(results, null, 2)}\n`);
  const first = results[0] as HybridSimulationResult;
  console.log(
    `### hybrid: ${name} (${first.pool} pool items, ${first.gold} gold, ${first.classes} labels; ${cpuTotal.toFixed(0)} s CPU)\n\n` +
      `People: ${first.crowd}. Three people per item in the human zone and the all-human baseline; in the overlap zone one person plus the machine, a second and third person only while they disagree (dynamic overlap); majority vote; $15/h at 120 items/h ($0.125 per answer), 10% control tasks; machine cost 0 (local model); gold paid at one answer per item.\n\n` +
      `All human: accuracy ${percent(first.allHuman.accuracy.estimate)} [${percent(first.allHuman.accuracy.lower)}, ${percent(first.allHuman.accuracy.upper)}], cost ${usd(first.allHuman.cost)}. ` +
      `All machine (gold model): accuracy ${percent(first.allMachine.accuracy.estimate)} [${percent(first.allMachine.accuracy.lower)}, ${percent(first.allMachine.accuracy.upper)}], cost ${usd(first.allMachine.cost)}.\n\n` +
      '| accept ≥ | people only < | accept / overlap / human | people per overlap item | accuracy (95% CI) | accuracy of accepted | cost | saving vs all-human |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of results) {
    console.log(
      `| ${r.policy.accept} | ${r.policy.humanBelow} | ${r.zones.accept} / ${r.zones.overlap} / ${r.zones.human} | ${r.overlapPeoplePerItem.toFixed(2)} | ${percent(r.hybrid.accuracy.estimate)} [${percent(r.hybrid.accuracy.lower)}, ${percent(r.hybrid.accuracy.upper)}] | ${percent(r.zoneAccuracy.accept)} | ${usd(r.hybrid.cost)} | ${percent(r.savingVsHuman)} |`,
    );
  }
  console.log('');
}

relabel(davidson, 6000);
relabel(convAbuse, 5000);

const bank = banking77();
if (typeof bank === 'string') console.log(`hybrid banking77: skipped, ${bank}`);
else {
  hybrid(
    'banking77',
    subsample(bank, 4000, seed),
    (labelSet) =>
      parametricCrowd(
        [{ accuracy: 0.92 }, { accuracy: 0.88 }, { accuracy: 0.85 }, { accuracy: 0.8 }],
        labelSet,
      ),
    400,
  );
}

const reviews = sentences();
const sp = spCrowd();
if (typeof reviews === 'string' || typeof sp === 'string')
  console.log(`hybrid sentences: skipped, ${typeof reviews === 'string' ? reviews : sp}`);
else {
  const built = buildVoteMatrix(
    sp.map((v) => ({ item: v.task, annotator: v.worker, label: v.label })),
  );
  const fit = fitCrowdAnnotators(built.matrix, { names: built.annotators });
  const accuracies = fit.annotators
    .map((a) => annotatorAccuracy(a, fit.classPriors))
    .sort((a, b) => a - b);
  console.log(
    `SP crowd fitted by Dawid-Skene: ${fit.annotators.length} workers, accuracy quartiles ${[0.25, 0.5, 0.75].map((q) => percent(accuracies[Math.floor(q * accuracies.length)] as number)).join(' / ')}; drawn in proportion to their answers.\n`,
  );
  hybrid(
    'sentences',
    reviews,
    (labelSet) =>
      crowdForLabels(
        { ...fit, labels: built.labels, source: 'SP (active-crowd-toolkit)' },
        labelSet,
      ),
    200,
  );
}
