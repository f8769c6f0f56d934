import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  QUERY_STRATEGIES,
  type QueryStrategyName,
} from '../core/active-learning/query-strategy.js';
import { HiloError } from '../core/errors.js';
import type { LocalLabellerConfig } from '../core/project.js';
import { openRecordSource } from '../files/open-record-source.js';
import { simulateActiveLearning, type AlSimulationResult } from '../pipeline/simulate-al.js';
import { readSimulationData, type SimulationData } from '../pipeline/simulate-data.js';
import { parseProjectConfig } from '../project/project-schema.js';
import type { CliIo } from './cli-io.js';
import { createLogger, systemClock } from './compose.js';

interface DataFlags {
  data: string;
  labelField: string;
  textField: string;
  limit?: string;
  seed: string;
  epochs?: string;
  json?: string;
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
        testShare: share('--test-share', flags.testShare),
        coldStart: flags.coldStart,
        repeats: whole('--repeats', flags.repeats, 1),
        untilTarget: flags.untilTarget ?? false,
        config: localConfig(flags),
        logger: createLogger(io),
        clock: systemClock,
      });
      await emit(io, flags.json, result, () => formatAl(data, result));
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
    .option('--json <file>', 'also write the result as JSON (- for stdout only)');
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
  const parsed = parseProjectConfig({ name: 'simulate', labels: ['a', 'b'] });
  if (!parsed.ok) throw new HiloError('INTERNAL', parsed.problems.join('; '));
  const base = parsed.config.labeller.local;
  return {
    ...base,
    seed: whole('--seed', flags.seed, 0),
    ...(flags.epochs ? { epochs: whole('--epochs', flags.epochs, 1) } : {}),
  };
}

async function emit(
  io: CliIo,
  json: string | undefined,
  result: unknown,
  text: () => string,
): Promise<void> {
  const body = `${JSON.stringify(result, null, 2)}\n`;
  if (json === '-') {
    io.out(body);
    return;
  }
  if (json) await writeFile(resolve(io.cwd, json), body, 'utf8');
  io.out(text());
}

function formatAl(data: SimulationData, r: AlSimulationResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `${data.file}: ${r.items} items, ${r.classes} labels; pool ${r.pool}, held out ${r.test}; ` +
      `full-data accuracy ${pct(r.fullDataAccuracy)}${r.repeats > 1 ? ` (mean of ${r.repeats} repeats)` : ''}`,
  ];
  for (const [name, s] of Object.entries(r.strategies)) {
    const last = s.rounds[s.rounds.length - 1];
    const reach =
      s.labelsToReach99 === null
        ? `${Math.round(100 * r.targetShare)}% of full-data accuracy not reached`
        : `${Math.round(100 * r.targetShare)}% of full-data accuracy at ${s.labelsToReach99} labels` +
          (s.savingVsRandom === null
            ? ''
            : ` (${s.savingVsRandom >= 0 ? '' : '+'}${pct(Math.abs(s.savingVsRandom))} ${s.savingVsRandom >= 0 ? 'fewer' : 'more'} than random)`);
    lines.push(
      `  ${name.padEnd(16)} ${last ? `${pct(last.accuracy)} after ${last.labels} labels` : ''}; ${reach}` +
        (s.stoppedAt === null ? '' : `; predictions stable at ${s.stoppedAt}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function whole(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new HiloError('INVALID_INPUT', `${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

function share(flag: string, value: string): number {
  const x = Number(value);
  if (!(x > 0 && x < 1))
    throw new HiloError('INVALID_INPUT', `${flag} must be between 0 and 1, got "${value}"`);
  return x;
}
