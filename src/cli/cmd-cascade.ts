import type { Command } from 'commander';
import { percent, usd } from '../core/format/format-number.js';
import { HiloError } from '../core/errors.js';
import type { CascadeRouteReport } from '../pipeline/route/index.js';
import type { CliIo } from './cli-io.js';
import { integerFlag, numberFlag } from './flags.js';
import { withProject } from './with-project.js';

interface CascadeFlags {
  project: string;
  stages: string;
  maxError: string;
  confidence: string;
  t1?: string;
  peopleError: string;
  dryRun?: boolean;
  seed: string;
  json?: boolean;
}

export function registerCascade(program: Command, io: CliIo): void {
  program
    .command('cascade')
    .description(
      'Cheap model → stronger model → people under one whole-data-set promise, from expert checks drawn from the pool: the cheapest cascade whose final error is ≤ --max-error.',
    )
    .option('--project <dir>', 'project directory', '.')
    .requiredOption(
      '--stages <cheap,strong>',
      'the two machine labellers (vote sources), cheap first',
    )
    .option('--max-error <e>', 'largest share of wrong labels in the final data set', '0.05')
    .option('--confidence <c>', 'probability that the promise holds', '0.95')
    .option(
      '--t1 <a,b,…>',
      'stage-1 confidence thresholds to try, fixed in advance (each tested at (1 − confidence) / their number)',
    )
    .option('--people-error <e>', "people's error rate on the items sent to them", '0')
    .option('--dry-run', 'plan and print, write nothing')
    .option('--seed <n>', 'seed', '1')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nNeeds labelled expert checks: hilo checks draw, then answers in the Checks page or hilo import FILE --role check.\nKept items are decided "auto" by the stage that kept them; the rest go to people.',
    )
    .action(async (flags: CascadeFlags) => {
      const stages = flags.stages
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (stages.length !== 2) {
        throw new HiloError('INVALID_INPUT', '--stages takes two labellers: cheap,strong', {
          field: '--stages',
        });
      }
      const maxError = numberFlag('--max-error', flags.maxError, { min: 0, max: 1 });
      const confidence = numberFlag('--confidence', flags.confidence, { min: 0, max: 1 });
      const t1Grid =
        flags.t1 === undefined
          ? undefined
          : flags.t1.split(',').map((t) => numberFlag('--t1', t.trim(), { min: 0, max: 1 }));
      await withProject(flags.project, io, async (ctx) => {
        const report = await ctx.cascade({
          stages: [stages[0] as string, stages[1] as string],
          maxError,
          alpha: 1 - confidence,
          peopleError: numberFlag('--people-error', flags.peopleError, { min: 0, max: 1 }),
          write: flags.dryRun !== true,
          seed: integerFlag('--seed', flags.seed),
          ...(t1Grid === undefined ? {} : { t1Grid }),
        });
        io.out(
          flags.json
            ? `${JSON.stringify(report, null, 2)}\n`
            : formatCascade(report, maxError, confidence),
        );
      });
    });
}

/** The promise in words, what each stage keeps, and what it costs beside the alternatives. */
function formatCascade(r: CascadeRouteReport, maxError: number, confidence: number): string {
  const [cheap, strong] = r.stages;
  const c = r.chosen;
  const lines = [
    `cascade ${cheap} → ${strong} → people over ${r.items} pool items, ${r.checks} labelled expert checks` +
      (r.skippedChecks > 0 ? ` (${r.skippedChecks} skipped: not in the pool or no vote)` : ''),
  ];
  if (c === null) {
    lines.push(
      `nothing could be kept under the promise: every item goes to people (${usd(r.cost.peopleAlone)}).`,
      'more expert checks (hilo checks draw) or a looser --max-error give the test more room.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `promise: at most ${percent(maxError)} of the final labels are wrong, with ${percent(confidence)} confidence; it rests on the ${r.checks} expert checks (each stage-1 threshold tested at ${r.alphaPerT1.toPrecision(2)}).`,
    `stage 1 (${cheap}) keeps ${c.keptByStage1} items with confidence ≥ ${c.t1}; stage 2 (${strong}) runs on ${c.stage2Runs} and keeps ${c.keptByStage2}; people label ${c.people} (checks included).`,
    `cost: ${usd(r.cost.cascade)} (per item: ${usd(r.unit.stage1, 4)} + ${usd(r.unit.stage2, 4)} when run, people ${usd(r.unit.people, 4)})`,
    `  the strong model alone under the same promise: ${usd(r.cost.strongAlone)} (keeps ${r.strongAloneKept}); saved ${percent(saving(r.cost.cascade, r.cost.strongAlone))}`,
    `  people alone: ${usd(r.cost.peopleAlone)}; saved ${percent(saving(r.cost.cascade, r.cost.peopleAlone))}`,
    `  machine costs: ${r.unit.basis[0]}; ${r.unit.basis[1]}`,
  );
  if (!r.calibrated[0] || !r.calibrated[1]) {
    lines.push('note: a stage without a calibrator is read raw (hilo calibrate --source S first).');
  }
  lines.push(r.written > 0 ? `${r.written} decisions written.` : 'dry run: nothing written.');
  return `${lines.join('\n')}\n`;
}

function saving(cost: number, reference: number): number {
  return reference > 0 ? 1 - cost / reference : 0;
}
