import type { Command } from 'commander';
import type { HeldLock } from '../core/ports/index.js';
import {
  readableInstant,
  type LearnLoopRound,
  type LearnReport,
  type LearnRoundReport,
} from '../pipeline/learn/index.js';
import type { CliIo } from './cli-io.js';
import { percent } from '../core/format/format-number.js';
import { integerFlag, positiveFlag } from './flags.js';
import type { Interrupts } from './interrupt.js';
import { withProject } from './with-project.js';

interface LearnFlags {
  project: string;
  folds: string;
  every?: string;
  interval: string;
  seed: string;
  wait?: boolean;
}

export function registerLearn(program: Command, io: CliIo, interrupts: Interrupts): void {
  program
    .command('learn')
    .description(
      'Train the local labeller (logistic regression or MLP over hashed TF-IDF or embeddings) on gold and verified labels, then re-score the people queue.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--folds <n>', 'folds for out-of-fold votes on the training items (0 = none)', '5')
    .option(
      '--every <n>',
      'keep running: retrain whenever N new verified labels arrived (Ctrl-C stops)',
    )
    .option('--interval <seconds>', 'with --every: seconds between looks at the store', '30')
    .option('--seed <n>', 'seed of the random queue strategy', '1')
    .option(
      '--wait',
      'when another trainer holds the learn lock, wait for it to finish instead of exiting (code 4)',
    )
    .addHelpText(
      'after',
      [
        '',
        'hilo.yaml labeller.local: classifier (logistic or mlp) over input (text, or embeddings from',
        'the embeddings block); queryStrategy (margin, least-confidence, entropy or random) orders',
        'the queue. With --every, each round also relabels the items when the local model is',
        'labeller.default.',
        '',
        'One trainer at a time per project database: while another `hilo learn` runs, this one exits',
        'with code 4 naming it (pid, host, since when), or waits with --wait. A trainer that was',
        'killed holds the lock until it lapses, two minutes after its last renewal.',
      ].join('\n'),
    )
    .action(async (flags: LearnFlags) => {
      const waitFor = flags.wait === true;
      const options = {
        folds: integerFlag('--folds', flags.folds, { min: 0 }),
        seed: integerFlag('--seed', flags.seed),
        wait: waitFor,
        onWaiting: (held: HeldLock) =>
          io.err(
            `waiting for the learn lock: ${held.holder} has held it since ${readableInstant(held.since)}\n`,
          ),
      };
      await withProject(flags.project, io, async (ctx) => {
        if (flags.every === undefined) {
          // A first Ctrl-C ends a wait at once, or lets the training finish and free the lock.
          const signal = interrupts.signal(
            'stopping after this training (Ctrl-C again to quit at once)',
          );
          const round = await ctx.learn({ ...options, signal });
          io.out(`${learnedLine(round.learn)}\n${queueLine(round)}`);
          return;
        }
        const every = integerFlag('--every', flags.every, { min: 1 });
        const intervalMs = 1000 * positiveFlag('--interval', flags.interval);
        const signal = interrupts.signal(
          'stopping after the step in progress (Ctrl-C again to quit at once)',
        );
        io.out(
          `learning every ${every} new verified labels, looking every ${intervalMs / 1000} s (Ctrl-C stops)\n`,
        );
        const report = await ctx.learnLoop({
          ...options,
          every,
          intervalMs,
          signal,
          onRound: (round) => io.out(roundLine(round)),
        });
        io.out(
          `stopped after ${report.rounds} round${report.rounds === 1 ? '' : 's'}` +
            (report.lastVersion !== null ? `; newest model:local@${report.lastVersion}` : '') +
            '\n',
        );
      });
    });
}

/** What one training did, with the version's gold scores. */
function learnedLine(r: LearnReport): string {
  const classifier =
    (r.classifier === 'mlp' ? 'an MLP' : 'logistic regression') +
    (r.input === 'embeddings' ? ' over embeddings' : '');
  return (
    `trained ${r.source} on ${r.trainedOn} items (${r.fromGold} gold, ${r.fromDecisions} verified) with ${classifier} in ${r.seconds.toFixed(1)} s` +
    (r.crossFitAccuracy !== null
      ? `; cross-fitted ${r.measure} ${percent(r.crossFitAccuracy)}`
      : '') +
    (r.heldOut !== null
      ? `; held-out ${r.measure} ${percent(r.heldOut.accuracy)}, macro-F1 ${percent(r.heldOut.macroF1)} on ${r.heldOut.items} test items`
      : '')
  );
}

function queueLine(round: LearnRoundReport): string {
  const { rescored, strategy } = round.rescore;
  return rescored > 0 ? `people queue: ${rescored} waiting items re-scored by ${strategy}\n` : '';
}

/** One line per round of `--every`: version, training size, cross-fitted accuracy, time. */
function roundLine(round: LearnLoopRound): string {
  const { learn } = round;
  return (
    `round ${round.round}: ${learn.source} trained on ${learn.trainedOn} items` +
    `, cross-fit ${learn.crossFitAccuracy !== null ? percent(learn.crossFitAccuracy) : '—'}` +
    (learn.heldOut !== null ? `, held-out ${percent(learn.heldOut.accuracy)}` : '') +
    `, ${round.seconds.toFixed(1)} s` +
    ` (${round.arrived} new labels` +
    (round.relabelled !== null ? `, ${round.relabelled} relabelled` : '') +
    `, ${round.rescore.rescored} queued items re-scored)\n`
  );
}
