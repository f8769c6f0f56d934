import { percent } from '../core/format/format-number.js';
import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import { ITEM_ROLES } from '../core/types.js';
import type { Evaluation } from '../pipeline/calibrate/index.js';
import { currentLabeller, labellerLine, voteCommand } from '../pipeline/label/index.js';
import type { CliIo } from './cli-io.js';
import { listFlag } from './flags.js';
import { kindLines } from './format-kind-evaluation.js';
import { withProject } from './with-project.js';

interface EvalFlags {
  project: string;
  source?: string;
  roles: string;
  json?: boolean;
}

export function registerEval(program: Command, io: CliIo): void {
  program
    .command('eval')
    .description(
      "Score a labeller's votes on held-out items with trusted labels: accuracy, macro-F1, confused pairs, and the kind's own metrics (multi-label F1 and Hamming loss; rating MAE, κ, α, within ±k; pairwise per-verdict F1 and ties).",
    )
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--source <source>',
      'vote source to score, e.g. model:local@2 or llm:gpt-4o-mini#… (default: the labeller of the newest finished label run)',
    )
    .option('--roles <list>', 'roles whose trusted labels are used', 'test')
    .option('--json', 'print JSON')
    .action(async (flags: EvalFlags) => {
      const roles = listFlag('--roles', flags.roles, ITEM_ROLES);
      await withProject(flags.project, io, async (ctx) => {
        const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
        ctx.logger.info(labellerLine(labeller));
        const source = labeller.id;
        const evaluation = await ctx.evaluate({ source, roles });
        if (evaluation.scored === 0) {
          throw new HiloError(
            'NOT_FOUND',
            `no ${roles.join('/')} items with a vote from ${source}: import held-out gold with --role test and give it votes with ${voteCommand(source)}`,
          );
        }
        io.out(
          flags.json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluation(evaluation),
        );
      });
    });
}

/** The evaluation as the few lines a person reads. */
export function formatEvaluation(ev: Evaluation): string {
  const lines = [
    `${ev.source} on ${ev.scored} held-out items${ev.abstained > 0 ? ` (+${ev.abstained} abstentions)` : ''}${ev.unlabelled > 0 ? `, ${ev.unlabelled} not labelled yet` : ''}`,
    ...(ev.kind
      ? kindLines(ev.kind, ev)
      : [`  accuracy ${percent(ev.metrics.accuracy)}   macro-F1 ${percent(ev.metrics.macroF1)}`]),
  ];
  if (ev.confusedPairs.length > 0) {
    lines.push('  most confused (gold → predicted):');
    for (const pair of ev.confusedPairs) {
      lines.push(
        `    ${pair.gold} → ${pair.predicted}: ${pair.count} (${percent(pair.rate)} of ${pair.gold})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
