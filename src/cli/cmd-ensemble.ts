import type { Command } from 'commander';
import type { EnsembleReport } from '../pipeline/route/index.js';
import type { CliIo } from './cli-io.js';
import { choiceFlag } from './flags.js';
import { withProject } from './with-project.js';

interface EnsembleFlags {
  project: string;
  sources: string;
  pooling: string;
  name?: string;
  json?: boolean;
}

const POOLINGS = ['linear', 'log'] as const;

export function registerEnsemble(program: Command, io: CliIo): void {
  program
    .command('ensemble')
    .description(
      'Pool several machine labellers of the same items into one more labeller, ensemble:<name>, with weights learned on gold; then calibrate and route it like any labeller.',
    )
    .option('--project <dir>', 'project directory', '.')
    .requiredOption(
      '--sources <a,b,…>',
      'the machine labellers to pool (vote sources), comma-separated',
    )
    .option(
      '--pooling <p>',
      'linear (average the probabilities: cautious) or log (geometric mean: agreeing members sharpen each other)',
      'log',
    )
    .option(
      '--name <name>',
      'name of the ensemble (default: the pooling and a hash of the sources)',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nEach member is read through its calibrator when `hilo calibrate` fitted one; mass outside the label set stays outside.\nNext: hilo calibrate --source ensemble:<name>, then hilo route --source ensemble:<name>.',
    )
    .action(async (flags: EnsembleFlags) => {
      const pooling = choiceFlag('--pooling', flags.pooling, POOLINGS);
      const sources = flags.sources
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      await withProject(flags.project, io, async (ctx) => {
        const report = await ctx.ensemble({
          sources,
          pooling,
          ...(flags.name === undefined ? {} : { name: flags.name }),
        });
        io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatEnsemble(report));
      });
    });
}

/** What was pooled, with which weights and why, and what to run next. */
function formatEnsemble(r: EnsembleReport): string {
  const { spec } = r;
  const lines = [
    `${r.source}: ${spec.pooling} pooling of ${spec.sources.length} labellers, ${r.voted} items voted` +
      (r.unlabelled > 0 ? ` (${r.unlabelled} items no member labelled got no vote)` : ''),
    spec.weightsFrom === 'gold'
      ? `weights learned on ${spec.goldItems} gold items (maximum likelihood of the gold labels):`
      : 'no gold item with a member vote: equal weights:',
  ];
  spec.sources.forEach((source, j) => {
    const weight = spec.weights[j] ?? 0;
    lines.push(
      `  ${source}  ${weight.toFixed(3)}${r.calibrated[j] ? '' : '  (no calibrator: raw distribution)'}`,
    );
  });
  if (r.goldLogLikelihood) {
    lines.push(
      `mean log-likelihood of gold: ${r.goldLogLikelihood.learned.toFixed(4)} (equal weights: ${r.goldLogLikelihood.equal.toFixed(4)})`,
    );
  }
  lines.push(`next: hilo calibrate --source ${r.source}, then hilo route --source ${r.source}`);
  return `${lines.join('\n')}\n`;
}
