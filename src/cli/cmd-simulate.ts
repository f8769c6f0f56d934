import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  QUERY_STRATEGIES,
  type QueryStrategyName,
} from '../core/active-learning/query-strategy.js';
import { AGGREGATION_METHODS, type AggregateOptions } from '../core/aggregation/aggregate.js';
import { annotationCost } from '../core/cost/cost-model.js';
import { HiloError } from '../core/errors.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../core/project.js';
import { openRecordSource } from '../files/open-record-source.js';
import { simulateActiveLearning } from '../pipeline/simulate/index.js';
import { parametricCrowd } from '../pipeline/simulate/index.js';
import { readCrowdFit } from '../pipeline/simulate/index.js';
import { readSimulationData, type SimulationData } from '../pipeline/simulate/index.js';
import { simulateHybrid } from '../pipeline/simulate/index.js';
import { simulateRelabel } from '../pipeline/simulate/index.js';
import { createLinkedomDocument } from '../report/linkedom-document.js';
import { renderSimulationHtml } from '../report/render-simulation-report.js';
import type { SimulationView } from '../report/simulation-view.js';
import type { CliIo } from './cli-io.js';
import {
  bounded,
  formatAl,
  formatHybrid,
  formatRelabel,
  parseAnnotators,
  whole,
} from './cmd-simulate-format.js';
import { registerTournament } from './cmd-tournament.js';
import { createLogger, systemClock } from './compose.js';

interface DataFlags {
  data: string;
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

/** `hilo simulate …`, and `hilo tournament` (the other learning-loop command). */
export function registerSimulate(program: Command, io: CliIo): void {
  registerTournament(program, io);
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
      const strategies = flags.strategies.split(',').map((s) => s.trim());
      for (const s of strategies) {
        if (!(QUERY_STRATEGIES as readonly string[]).includes(s)) {
          throw new HiloError(
            'INVALID_INPUT',
            `--strategies: "${s}" is not one of ${QUERY_STRATEGIES.join(', ')}`,
          );
        }
      }
      if (flags.coldStart !== 'random' && flags.coldStart !== 'diverse') {
        throw new HiloError(
          'INVALID_INPUT',
          `--cold-start must be random or diverse, not "${flags.coldStart}"`,
        );
      }
      const data = await readData(io, flags);
      const result = simulateActiveLearning({
        texts: data.texts,
        labels: data.labels,
        strategies: strategies as QueryStrategyName[],
        batch: whole('--batch', flags.batch, 1),
        initial: whole('--initial', flags.initial, 1),
        rounds: whole('--rounds', flags.rounds, 0),
        seed: whole('--seed', flags.seed, 0),
        testShare: bounded('--test-share', flags.testShare, 0.01, 0.99),
        coldStart: flags.coldStart,
        repeats: whole('--repeats', flags.repeats, 1),
        untilTarget: flags.untilTarget ?? false,
        config: localConfig(flags),
        logger: createLogger(io),
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
        shares: flags.shares.split(',').map((s) => bounded('--shares', s, 0, 1)),
        humanAccuracy: bounded('--human-accuracy', flags.humanAccuracy, 0, 1),
        folds: whole('--folds', flags.folds, 2),
        seed: whole('--seed', flags.seed, 0),
        config: localConfig(flags),
        logger: createLogger(io),
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
      if (!(AGGREGATION_METHODS as readonly string[]).includes(flags.aggregation)) {
        throw new HiloError(
          'INVALID_INPUT',
          `--aggregation must be one of ${AGGREGATION_METHODS.join(', ')}`,
        );
      }
      const data = await readData(io, flags);
      const fromCrowd = flags.crowd
        ? await readCrowdFit(await openRecordSource(resolve(io.cwd, flags.crowd)))
        : null;
      const specs = flags.annotators ?? '0.9,0.85,0.8';
      const result = simulateHybrid({
        texts: data.texts,
        labels: data.labels,
        crowd:
          fromCrowd ?? ((labelSet) => parametricCrowd(parseAnnotators(specs, labelSet), labelSet)),
        policy: {
          accept: bounded('--accept', flags.accept, 0, 1.01),
          humanBelow: bounded('--human-below', flags.humanBelow, 0, 1.01),
        },
        gold: whole('--gold', flags.gold, 2),
        batches: whole('--batches', flags.batches, 1),
        unit: {
          machinePerItem: bounded('--machine-cost', flags.machineCost, 0, Infinity),
          annotation: annotationCost({
            hourlyRate: bounded('--hourly', flags.hourly, 0, Infinity),
            itemsPerHour: bounded('--items-per-hour', flags.itemsPerHour, 1e-9, Infinity),
          }),
          overlap: whole('--overlap', flags.overlap, 1),
          overlapZoneHumans: whole('--overlap-humans', flags.overlapHumans, 0),
          controlRate: bounded('--control-rate', flags.controlRate, 0, Infinity),
        },
        aggregation: { method: flags.aggregation } as AggregateOptions,
        dynamicOverlap: !flags.fixedOverlap,
        seed: whole('--seed', flags.seed, 0),
        config: localConfig(flags),
        logger: createLogger(io),
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
  const source = await openRecordSource(resolve(io.cwd, flags.data));
  return readSimulationData(source, {
    textFields: flags.textField.split(',').map((f) => f.trim()),
    labelField: flags.labelField,
    numberFields,
    ...(flags.limit ? { limit: whole('--limit', flags.limit, 1) } : {}),
  });
}

/** The project file's local-model defaults, with `--epochs` and `--seed` applied. */
function localConfig(flags: DataFlags): LocalLabellerConfig {
  return {
    ...PROJECT_DEFAULTS.labeller.local,
    seed: whole('--seed', flags.seed, 0),
    ...(flags.epochs ? { epochs: whole('--epochs', flags.epochs, 1) } : {}),
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
