import { resolve } from 'node:path';
import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import { count as figure, usd } from '../core/format/format-number.js';
import type { CheckStatus, DrawPoolChecksReport } from '../pipeline/checks/index.js';
import { currentLabeller, labellerLine } from '../pipeline/label/index.js';
import type { CliIo } from './cli-io.js';
import { choiceFlag, integerFlag, numberFlag } from './flags.js';
import { withProject } from './with-project.js';

interface DrawFlags {
  project: string;
  count?: string;
  budget?: string;
  design: string;
  source?: string;
  seed: string;
}

export function registerChecks(program: Command, io: CliIo): void {
  const checks = program
    .command('checks')
    .description(
      'Expert checks drawn from the pool: draw, status, export (answers: hilo import --role check).',
    );

  checks
    .command('status', { isDefault: true })
    .description(
      'How many checks were drawn and answered, per stratum, and their cost (the default).',
    )
    .option('--project <dir>', 'project directory', '.')
    .action(async (flags: { project: string }) => {
      await withProject(flags.project, io, async (ctx) => {
        io.out(formatStatus(await ctx.checks.status()));
      });
    });

  checks
    .command('draw')
    .description(
      'Draw pool items for experts to label, uniformly or stratified by the machine’s confidence; a second draw tops up.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--count <n>', 'new checks to draw')
    .option('--budget <usd>', 'instead of --count: what to spend, at prices.expertItemUsd per item')
    .option(
      '--design <design>',
      'uniform | stratified (predicted label × confidence band)',
      'stratified',
    )
    .option(
      '--source <labeller>',
      'the labeller whose confidence the draw reads (default: current)',
    )
    .option('--seed <n>', 'seed of the draw', '1')
    .addHelpText(
      'after',
      '\nExamples:\n  hilo checks draw --count 200\n  hilo checks draw --budget 150 --design uniform',
    )
    .action(async (flags: DrawFlags) => {
      if ((flags.count === undefined) === (flags.budget === undefined)) {
        throw new HiloError('INVALID_INPUT', 'give one of --count or --budget');
      }
      const amount =
        flags.count !== undefined
          ? { count: integerFlag('--count', flags.count, { min: 1 }) }
          : { budgetUsd: numberFlag('--budget', flags.budget ?? '', { min: 0 }) };
      const design = choiceFlag('--design', flags.design, ['uniform', 'stratified'] as const);
      const seed = integerFlag('--seed', flags.seed);
      await withProject(flags.project, io, async (ctx) => {
        const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
        ctx.logger.info(labellerLine(labeller));
        const report = await ctx.checks.draw({ source: labeller.id, ...amount, design, seed });
        io.out(formatDraw(report, labeller.id));
      });
    });

  checks
    .command('export')
    .argument('<file>', 'output file: .jsonl, .csv, .tsv or .parquet (by extension)')
    .description(
      'Write one row per drawn item (id, the project’s fields, label) for experts to fill in.',
    )
    .option('--project <dir>', 'project directory', '.')
    .action(async (file: string, flags: { project: string }) => {
      await withProject(flags.project, io, async (ctx) => {
        const path = resolve(io.cwd, file);
        const { written } = await ctx.checks.export({ file: path });
        io.out(
          `wrote ${written} checks to ${path}\nnext: experts fill in the label column, then \`hilo import ${file} --role check\`\n`,
        );
      });
    });
}

function formatDraw(r: DrawPoolChecksReport & { costUsd: number }, source: string): string {
  const lines = [
    `draw ${r.draw}: ${figure(r.added)} new checks from ${figure(r.poolItems)} pool items scored by ${source}` +
      ` (${r.calibrated ? 'calibrated' : 'raw, not calibrated'} confidence); ${figure(r.total)} checks in all`,
  ];
  if (r.withoutLabel > 0)
    lines.push(
      `${figure(r.withoutLabel)} pool items have no label from ${source}: stratum none@<0.5`,
    );
  lines.push('stratum                 pool items   checks   new   probability');
  for (const s of r.strata) {
    lines.push(
      `${s.stratum.padEnd(22)} ${String(s.size).padStart(11)} ${String(s.drawn).padStart(8)} ${String(s.added).padStart(5)}   ${(s.drawn / s.size).toFixed(4)}`,
    );
  }
  lines.push(
    `cost: ${usd(r.costUsd)} for the new checks at ${usd(r.added > 0 ? r.costUsd / r.added : 0)} per item (prices.expertItemUsd)`,
    'next: reviewers answer them in `hilo serve` (Checks), or `hilo checks export FILE` for experts elsewhere and `hilo import FILE --role check`',
  );
  return `${lines.join('\n')}\n`;
}

function formatStatus(s: CheckStatus): string {
  if (s.drawn === 0) return 'no checks drawn yet: run `hilo checks draw --count N`\n';
  const lines = [
    `${figure(s.drawn)} checks drawn in ${s.draws} draw${s.draws === 1 ? '' : 's'}, ${figure(s.labelled)} labelled by experts, ${figure(s.drawn - s.labelled)} waiting`,
    'stratum                 pool items   checks   labelled',
  ];
  for (const st of s.strata) {
    lines.push(
      `${st.stratum.padEnd(22)} ${String(st.size).padStart(11)} ${String(st.drawn).padStart(8)} ${String(st.labelled).padStart(10)}`,
    );
  }
  lines.push(
    `cost so far: ${usd(s.costSoFar)} (${usd(s.expertItemUsd)} per item, prices.expertItemUsd); ${usd(s.costToGo)} for the ${figure(s.drawn - s.labelled)} still waiting`,
  );
  return `${lines.join('\n')}\n`;
}
