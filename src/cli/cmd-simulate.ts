import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { QUERY_STRATEGIES } from '../core/active-learning/query-strategy.js';
import { AGGREGATION_METHODS, type AggregateOptions } from '../core/aggregation/aggregate.js';
import {
  defaultLocalLabellerConfig,
  readCrowdFile,
  readSimulationFile,
  systemClock,
} from '../compose/index.js';
import { annotationCost } from '../core/cost/cost-model.js';
import type { LocalLabellerConfig } from '../core/project.js';
import { simulateActiveLearning } from '../pipeline/simulate/index.js';
import { parametricCrowd } from '../pipeline/simulate/index.js';
import type { SimulationData } from '../pipeline/simulate/index.js';
import { simulateHybrid } from '../pipeline/simulate/index.js';
import { simulateRelabel } from '../pipeline/simulate/index.js';
import { createLinkedomDocument } from '../report/linkedom-document.js';
import { renderSimulationHtml } from '../report/render-simulation-report.js';
import type { SimulationView } from '../report/simulation-view.js';
import type { CliIo } from './cli-io.js';
import { formatAl, formatHybrid, formatRelabel, parseAnnotators } from './cmd-simulate-format.js';
import { choiceFlag, integerFlag, listFlag, numberFlag, positiveFlag } from './flags.js';
import { cliLogger } from './with-project.js';

interface DataFlags {
  data: string;
  kind: string;
  labelField: string;
  textField: string;
  limit?: string;
  seed: string;
  epochs?: string;
  json?: string;
  html?: string;
}

interface AlFlags extends DataFlags {
  strategies: string;
  batch: string;
  initial: string;
  rounds: string;
  testShare: string;
  coldStart: string;
  repeats: string;
  untilTarget?: boolean;
}

interface RelabelFlags extends DataFlags {
  agreementField: string;
  shares: string;
  humanAccuracy: string;
  folds: string;
}

interface HybridFlags extends DataFlags {
  accept: string;
  humanBelow: string;
  annotators?: string;
  crowd?: string;
  overlap: string;
  overlapHumans: string;
  gold: string;
  batches: string;
  aggregation: string;
  machineCost: string;
  hourly: string;
  itemsPerHour: string;
  controlRate: string;
  fixedOverlap?: boolean;
}

/** `hilo simulate al|relabel|hybrid`. */
export function registerSimulate(program: Command, io: CliIo): void {
  const simulate = program
    .command('simulate')
    .description(
      'Replay a labelled data set through the loop with simulated annotators, without a project.',
    );

  dataOptions(simulate.command('al'))
    .description(
      'Active-learning curves: held-out accuracy per round for each query strategy, against random.',
    )
    .option(
      '--strategies <list>',
      `comma-separated: ${QUERY_STRATEGIES.join(',')}`,
      'random,margin,entropy,badge',
    )
    .option('--batch <n>', 'items labelled per round', '25')
    .option(
      '--initial <n>',
      'items labelled before the first round (the same for every strategy)',
      '50',
    )
    .option('--rounds <n>', 'query rounds after the initial set', '10')
    .option('--test-share <x>', 'share of items held out to measure accuracy', '0.2')
    .option('--cold-start <how>', 'initial set: random|diverse (k-means++)', 'random')
    .option('--repeats <n>', 'repetitions with seeds S, S+1, …; curves are averaged', '1')
    .option('--until-target', 'stop each curve once it reaches 99% of the full-data accuracy')
    .addHelpText(
      'after',
      '\nExample:\n  hilo simulate al --data bank.csv --label-field category --strategies random,margin,badge --batch 100 --rounds 20 --json al.json',
    )
    .action(async (flags: AlFlags) => {
      const strategies = listFlag('--strategies', flags.strategies, QUERY_STRATEGIES);
      const coldStart = choiceFlag('--cold-start', flags.coldStart, ['random', 'diverse'] as const);
      const data = await readData(io, flags);
      const result = simulateActiveLearning({
        texts: data.texts,
        labels: data.labels,
        strategies,
        batch: integerFlag('--batch', flags.batch, { min: 1 }),
        initial: integerFlag('--initial', flags.initial, { min: 1 }),
        rounds: integerFlag('--rounds', flags.rounds, { min: 0 }),
        seed: integerFlag('--seed', flags.seed, { min: 0 }),
        testShare: numberFlag('--test-share', flags.testShare, { min: 0.01, max: 0.99 }),
        coldStart,
        repeats: integerFlag('--repeats', flags.repeats, { min: 1 }),
        untilTarget: flags.untilTarget ?? false,
        config: localConfig(flags),
        logger: cliLogger(io),
        clock: systemClock,
      });
      await emit(io, flags, { kind: 'al', title: data.file, result }, () =>
        formatAl(data.file, result),
      );
    });

  dataOptions(simulate.command('relabel'))
    .description(
      'Noisy single labels from a multi-annotator set; sweep the share sent back to people, by model confidence vs at random.',
    )
    .requiredOption(
      '--agreement-field <name>',
      'column with the share of annotators who gave the label (0..1)',
    )
    .option(
      '--shares <list>',
      'shares of the training items sent back to people',
      '0,0.05,0.1,0.2,0.3,0.5',
    )
    .option('--human-accuracy <x>', 'accuracy of the person who relabels', '1')
    .option('--folds <n>', 'cross-fitting folds of the model that judges each label', '5')
    .addHelpText(
      'after',
      '\nExample:\n  hilo simulate relabel --data tweets.jsonl --agreement-field agreement --json relabel.json',
    )
    .action(async (flags: RelabelFlags) => {
      const data = await readData(io, flags, [flags.agreementField]);
      const result = simulateRelabel({
        texts: data.texts,
        labels: data.labels,
        agreement: data.numbers[flags.agreementField] as Float64Array,
        shares: flags.shares.split(',').map((s) => numberFlag('--shares', s, { min: 0, max: 1 })),
        humanAccuracy: numberFlag('--human-accuracy', flags.humanAccuracy, { min: 0, max: 1 }),
        folds: integerFlag('--folds', flags.folds, { min: 2 }),
        seed: integerFlag('--seed', flags.seed, { min: 0 }),
        config: localConfig(flags),
        logger: cliLogger(io),
      });
      await emit(io, flags, { kind: 'relabel', title: data.file, result }, () =>
        formatRelabel(data.file, result),
      );
    });

  dataOptions(simulate.command('hybrid'))
    .description(
      'The whole hybrid loop at a policy with simulated people: final accuracy and cost against all-human and all-machine.',
    )
    .option('--accept <x>', 'accept the machine label at or above this confidence', '0.9')
    .option('--human-below <x>', 'people only below this confidence; overlap in between', '0.5')
    .option(
      '--annotators <list>',
      'parametric people: accuracies, "spam", or ACC@LABEL:SHARE (biased)',
      '0.9,0.85,0.8',
    )
    .option(
      '--crowd <file>',
      'fit the people by Dawid-Skene on real answers (worker,task,label) instead',
    )
    .option('--overlap <n>', 'people per item in the human zone and the all-human baseline', '3')
    .option('--overlap-humans <n>', 'people per item in the overlap zone, besides the machine', '1')
    .option(
      '--fixed-overlap',
      'never add people in the overlap zone (default: add up to --overlap while they disagree)',
    )
    .option('--gold <n>', 'items with expert labels the first model learns from', '200')
    .option('--batches <n>', 'the pool arrives in batches; the model retrains after each', '5')
    .option(
      '--aggregation <method>',
      `how votes become a label: ${AGGREGATION_METHODS.join('|')}`,
      'majority-vote',
    )
    .option('--machine-cost <usd>', 'machine cost per item', '0')
    .option('--hourly <usd>', 'annotator pay per hour', '15')
    .option('--items-per-hour <n>', 'items one person labels per hour', '120')
    .option('--control-rate <x>', 'control tasks per real task', '0.1')
    .addHelpText(
      'after',
      '\nExample:\n  hilo simulate hybrid --data bank.csv --label-field category --accept 0.95 --human-below 0.6 --annotators 0.92,0.88,spam',
    )
    .action(async (flags: HybridFlags) => {
      const aggregation = choiceFlag('--aggregation', flags.aggregation, AGGREGATION_METHODS);
      const data = await readData(io, flags);
      const fromCrowd = flags.crowd ? await readCrowdFile(resolve(io.cwd, flags.crowd)) : null;
      const specs = flags.annotators ?? '0.9,0.85,0.8';
      const result = simulateHybrid({
        texts: data.texts,
        labels: data.labels,
        crowd:
          fromCrowd ?? ((labelSet) => parametricCrowd(parseAnnotators(specs, labelSet), labelSet)),
        policy: {
          accept: numberFlag('--accept', flags.accept, { min: 0, max: 1.01 }),
          humanBelow: numberFlag('--human-below', flags.humanBelow, { min: 0, max: 1.01 }),
        },
        gold: integerFlag('--gold', flags.gold, { min: 2 }),
        batches: integerFlag('--batches', flags.batches, { min: 1 }),
        unit: {
          machinePerItem: numberFlag('--machine-cost', flags.machineCost, { min: 0 }),
          annotation: annotationCost({
            hourlyRate: numberFlag('--hourly', flags.hourly, { min: 0 }),
            itemsPerHour: positiveFlag('--items-per-hour', flags.itemsPerHour),
          }),
          overlap: integerFlag('--overlap', flags.overlap, { min: 1 }),
          overlapZoneHumans: integerFlag('--overlap-humans', flags.overlapHumans, { min: 0 }),
          controlRate: numberFlag('--control-rate', flags.controlRate, { min: 0 }),
        },
        aggregation: { method: aggregation } as AggregateOptions,
        dynamicOverlap: !flags.fixedOverlap,
        seed: integerFlag('--seed', flags.seed, { min: 0 }),
        config: localConfig(flags),
        logger: cliLogger(io),
      });
      await emit(io, flags, { kind: 'hybrid', title: data.file, result }, () =>
        formatHybrid(data.file, result),
      );
    });
}

function dataOptions(command: Command): Command {
  return command
    .requiredOption('--data <file>', 'labelled JSONL, CSV/TSV (header row) or Parquet file')
    .option('--label-field <name>', 'column with the true label', 'label')
    .option(
      '--kind <kind>',
      'classify, pairwise (text fields: prompt,a,b; verdicts a, b, tie) or rating (each level a class)',
      'classify',
    )
    .option(
      '--text-field <names>',
      'column(s) with the text, comma-separated (joined by newlines)',
      'text',
    )
    .option('--limit <n>', 'read only the first n records')
    .option('--seed <n>', 'seed of every random choice', '1')
    .option('--epochs <n>', 'training passes of the local model (default: the project default)')
    .option('--json <file>', 'also write the result as JSON (- for stdout only)')
    .option('--html <file>', 'also write the result as an HTML report with its plot and table');
}

async function readData(
  io: CliIo,
  flags: DataFlags,
  numberFields: readonly string[] = [],
): Promise<SimulationData> {
  return readSimulationFile(resolve(io.cwd, flags.data), {
    kind: choiceFlag('--kind', flags.kind, ['classify', 'pairwise', 'rating'] as const),
    textFields: flags.textField.split(',').map((f) => f.trim()),
    labelField: flags.labelField,
    numberFields,
    ...(flags.limit ? { limit: integerFlag('--limit', flags.limit, { min: 1 }) } : {}),
  });
}

/** The project file's local-model defaults, with `--epochs` and `--seed` applied. */
function localConfig(flags: DataFlags): LocalLabellerConfig {
  return {
    ...defaultLocalLabellerConfig(),
    seed: integerFlag('--seed', flags.seed, { min: 0 }),
    ...(flags.epochs ? { epochs: integerFlag('--epochs', flags.epochs, { min: 1 }) } : {}),
  };
}

async function emit(
  io: CliIo,
  flags: DataFlags,
  view: SimulationView,
  text: () => string,
): Promise<void> {
  if (flags.html) {
    const page = renderSimulationHtml(
      [view],
      { document: createLinkedomDocument() },
      new Date(systemClock.now()).toISOString(),
    );
    await writeFile(resolve(io.cwd, flags.html), page, 'utf8');
  }
  const body = `${JSON.stringify(view.result, null, 2)}\n`;
  if (flags.json === '-') {
    io.out(body);
    return;
  }
  if (flags.json) await writeFile(resolve(io.cwd, flags.json), body, 'utf8');
  io.out(text());
}
