import { percent } from '../core/format/format-number.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runDemo, type DemoStep } from '../compose/index.js';
import type { CliIo } from './cli-io.js';
import { formatEvaluation } from './cmd-eval.js';
import { integerFlag } from './flags.js';
import { createTerminalProgress } from './terminal-progress.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'Run the whole first pass offline on the shipped banking77 data (77 intents, CC BY 4.0).',
    )
    .option('--dir <dir>', 'where to create the demo project (default: a new temporary directory)')
    .option('--folds <n>', 'cross-fit folds for out-of-fold gold votes (0 = none: fastest)', '0')
    .action(async (flags: { dir?: string; folds: string }) => {
      const started = performance.now();
      const { dir } = await runDemo({
        ...(flags.dir !== undefined ? { dir: resolve(io.cwd, flags.dir) } : {}),
        folds: integerFlag('--folds', flags.folds, { min: 0 }),
        progress: createTerminalProgress({ stream: io.stderr }),
        onStep: (step) => io.out(stepLine(step)),
      });
      io.out(
        `demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s; try: hilo export out.csv --project ${dir}\n`,
      );
    });
}

/** What each step of the demo did, numbered as a person follows it. */
function stepLine(s: DemoStep): string {
  switch (s.step) {
    case 'created':
      return `hilo demo: banking77 (Casanueva et al. 2020, CC BY 4.0), ${s.labels} intents, project in ${s.dir}\n`;
    case 'imported':
      return `1. imported ${s.gold} gold items (training) and ${s.test} held-out test items\n`;
    case 'learned':
      return (
        `2. trained ${s.learn.source} on ${s.learn.trainedOn} items in ${s.learn.seconds.toFixed(1)} s` +
        (s.learn.crossFitAccuracy !== null
          ? ` (out-of-fold accuracy ${percent(s.learn.crossFitAccuracy)})`
          : '') +
        '\n'
      );
    case 'labelled':
      return `3. labelled ${s.run.labelled} items with a probability for each of the ${s.labels} labels in ${s.run.seconds.toFixed(1)} s\n`;
    case 'evaluated':
      return `4. ${formatEvaluation(s.evaluation)}`;
    case 'exported':
      return `5. exported ${s.written} items to ${s.file}\n`;
  }
}
