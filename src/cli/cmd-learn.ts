import type { Command } from 'commander';
import { learnLocal } from '../pipeline/learn-local.js';
import type { CliIo } from './cli-io.js';
import { withProject } from './compose.js';

interface LearnFlags {
  project: string;
  folds: string;
}

export function registerLearn(program: Command, io: CliIo): void {
  program
    .command('learn')
    .description(
      'Train the local labeller (hashed TF-IDF + logistic regression) on gold and verified labels.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--folds <n>', 'folds for out-of-fold votes on the training items (0 = none)', '5')
    .action(async (flags: LearnFlags) => {
      await withProject(flags.project, io, async (ctx) => {
        const report = await learnLocal({
          store: ctx.store,
          project: ctx.config,
          clock: ctx.clock,
          logger: ctx.logger,
          folds: Number(flags.folds),
        });
        io.out(
          `trained ${report.source} on ${report.trainedOn} items (${report.fromGold} gold, ${report.fromDecisions} verified) in ${report.seconds.toFixed(1)} s` +
            (report.crossFitAccuracy !== null
              ? `; cross-fitted accuracy ${(100 * report.crossFitAccuracy).toFixed(1)}%`
              : '') +
            '\n',
        );
      });
    });
}
