import { percent } from '../core/format/format-number.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AggregationMethod } from '../core/aggregation/aggregation-types.js';
import { agreementTable, type AggregateReport } from '../pipeline/votes/index.js';
import { printableText } from '../core/format/printable-text.js';
import type { CliIo } from './cli-io.js';
import { encodingOption, withEncodingOption } from './encoding-flag.js';
import { choiceFlag, integerFlag } from './flags.js';
import { kindAgreementText } from './kind-agreement-text.js';
import { taskShapeOf } from '../core/task-kind/index.js';
import { withProject } from './with-project.js';
import { timingsLine } from './aggregate-timings.js';

/** Short names of the CLI → aggregation methods. */
const METHODS = {
  mv: 'majority-vote',
  wawa: 'wawa',
  ds: 'dawid-skene',
  onecoin: 'one-coin-dawid-skene',
  glad: 'glad',
  mace: 'mace',
  zbs: 'zero-based-skill',
  recommended: 'recommended',
} as const satisfies Record<string, AggregationMethod>;
const METHOD_NAMES = Object.keys(METHODS) as (keyof typeof METHODS)[];

export function registerVotes(program: Command, io: CliIo): void {
  withEncodingOption(program.command('import-votes'))
    .argument(
      '<file>',
      "existing annotations in crowd-kit's long format: CSV/JSONL with worker,task,label",
    )
    .description(
      "Import people's votes (items are created when missing); re-importing adds nothing.",
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--worker-field <name>', 'column with the annotator id', 'worker')
    .option('--task-field <name>', 'column with the item id', 'task')
    .option('--label-field <name>', 'column with the label', 'label')
    .option('--truth <file>', 'ground truth, columns task,label (or item/truth/true_label)')
    .option(
      '--truth-role <role>',
      'test: measure only; gold: clamp those items in aggregation',
      'test',
    )
    .option('--skip-invalid', 'store the good rows and report every bad one')
    .action(
      async (
        file: string,
        flags: {
          project: string;
          workerField: string;
          taskField: string;
          labelField: string;
          truth?: string;
          truthRole: string;
          skipInvalid?: boolean;
          encoding?: string;
        },
      ) => {
        const truthRole = choiceFlag('--truth-role', flags.truthRole, ['test', 'gold'] as const);
        await withProject(flags.project, io, async (ctx) => {
          const report = await ctx.importVotes({
            file: resolve(io.cwd, file),
            workerField: flags.workerField,
            taskField: flags.taskField,
            labelField: flags.labelField,
            skipInvalid: flags.skipInvalid ?? false,
            ...encodingOption(flags.encoding),
          });
          for (const s of report.skipped)
            io.err(
              `skipped ${report.file}, line ${s.line}${s.field ? `, field "${printableText(s.field)}"` : ''}: ${printableText(s.reason)}\n`,
            );
          io.out(
            `imported ${report.added} votes from ${report.annotators} annotators (${report.alreadyStored} already stored, ${report.itemsCreated} items created)` +
              ` in ${seconds(report.seconds.read + report.seconds.store)}: read and checked in ${seconds(report.seconds.read)}, stored in ${seconds(report.seconds.store)}\n`,
          );
          if (flags.truth) {
            const truth = await ctx.importTruth({
              file: resolve(io.cwd, flags.truth),
              role: truthRole,
              ...encodingOption(flags.encoding),
            });
            io.out(`set the ${truthRole} label of ${truth.updated + truth.created} items\n`);
          }
        });
      },
    );

  program
    .command('aggregate')
    .description('Combine all votes (people and models) into one decision per item.')
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--method <name>',
      `${METHOD_NAMES.join('|')}|median (default: median for kind rating, else recommended)`,
    )
    .option('--people-only', 'leave machine labellers out of the aggregation')
    .option(
      '--keep-discounted',
      'keep the votes of people a control-accuracy rule discounted (dropped by default)',
    )
    .option('--max-iterations <n>', 'EM iterations at most')
    .option('--seed <n>', 'seed for tie-breaking', '0')
    .option(
      '--timings',
      'print on stderr the seconds spent reading votes, fitting, writing decisions and the rest, and the peak memory',
    )
    .addHelpText(
      'after',
      "\nrecommended = Dawid-Skene with confusion matrices shrunk toward the crowd's (see BENCHMARKS.md)" +
        '\nmultilabel: the method runs on every label as a yes/no question; the decided set is the most probable within minLabels..maxLabels' +
        "\npairwise: Dawid-Skene over a, b (and tie); machine judges' votes count as annotators" +
        "\nrating: median = recommended Dawid-Skene read by its posterior median (order-respecting); another method's level is its posterior mode (within-k: the best ±k window)",
    )
    .action(
      async (flags: {
        project: string;
        method?: string;
        peopleOnly?: boolean;
        keepDiscounted?: boolean;
        maxIterations?: string;
        seed: string;
        timings?: boolean;
      }) => {
        const report = await withProject(flags.project, io, async (ctx) => {
          const rating = ctx.config.kind === 'rating';
          const name = choiceFlag('--method', flags.method ?? (rating ? 'median' : 'recommended'), [
            ...METHOD_NAMES,
            'median',
          ] as const);
          const options = {
            method: name === 'median' ? ('recommended' as const) : METHODS[name],
            ...(rating || name === 'median'
              ? { decide: name === 'median' ? ('median' as const) : ('mode' as const) }
              : {}),
            includeMachines: !flags.peopleOnly,
            keepDiscounted: flags.keepDiscounted ?? false,
            seed: integerFlag('--seed', flags.seed),
            ...(flags.maxIterations !== undefined
              ? { maxIterations: integerFlag('--max-iterations', flags.maxIterations, { min: 1 }) }
              : {}),
          };
          const done = await ctx.aggregate(options);
          printAggregate(io, done);
          return done;
        });
        if (flags.timings) {
          io.err(
            timingsLine(report.timings, {
              uptimeSeconds: process.uptime(),
              peakRssBytes: process.resourceUsage().maxRSS * 1024,
            }),
          );
        }
      },
    );

  program
    .command('agreement')
    .description(
      'Agreement among annotators: percent, Fleiss κ, Krippendorff α, and each annotator against the aggregate.',
    )
    .addHelpText(
      'after',
      '\nmultilabel: the nominal figures compare whole sets; then α with the MASI distance and α and Fleiss κ per label' +
        '\nrating: α ordinal and interval, mean |difference|, and quadratic-weighted κ for every pair of raters sharing 20+ items' +
        "\npairwise: each machine judge against people's plurality verdict (agreement, κ, agreement without ties), its tie share and how often it picks the first response",
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--with-machines', 'count machine labellers as raters')
    .option('--samples <n>', 'bootstrap resamples for the 95% intervals', '500')
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        project: string;
        withMachines?: boolean;
        samples: string;
        json?: boolean;
      }) => {
        const samples = integerFlag('--samples', flags.samples, { min: 0 });
        await withProject(flags.project, io, async (ctx) => {
          const table = await agreementTable({
            store: ctx.store,
            labels: ctx.config.labels.map((l) => l.name),
            samples,
            includeMachines: flags.withMachines ?? false,
            people: ctx.store.people,
            shape: taskShapeOf(ctx.config),
          });
          if (flags.json) {
            io.out(`${JSON.stringify(table, null, 2)}\n`);
            return;
          }
          const f = (x: number): string => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
          const ci = (b: { estimate: number; lower: number; upper: number }): string =>
            `${f(b.estimate)}  [${f(b.lower)}, ${f(b.upper)}]`;
          io.out(`${table.items} items, ${table.raters} raters, ${table.votes} votes\n`);
          io.out(
            `  percent agreement    ${ci(table.percentAgreement)}\n  Fleiss' kappa        ${ci(table.fleissKappa)}\n  Krippendorff's alpha ${ci(table.krippendorffAlpha)}\n`,
          );
          io.out('  rater                         votes  agreement  kappa (vs aggregate)\n');
          for (const r of [...table.perRater].sort((a, b) => b.votes - a.votes)) {
            io.out(
              `  ${r.name.padEnd(28).slice(0, 28)}  ${String(r.votes).padStart(5)}  ${f(r.agreement).padStart(9)}  ${f(r.kappa)}\n`,
            );
          }
          const names = new Map(table.perRater.map((r) => [r.rater, r.name]));
          io.out(kindAgreementText(table.kind, (source) => names.get(source) ?? source));
        });
      },
    );
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

function printAggregate(io: CliIo, report: AggregateReport): void {
  const how =
    report.kind === 'multilabel'
      ? ', per label'
      : report.decide === 'median'
        ? ', posterior median'
        : '';
  io.out(
    `${report.method}${how}: ${report.decided} items decided from ${report.votes} votes of ${report.annotators} annotators in ${report.seconds.toFixed(2)} s` +
      ` (${report.iterations} iterations${report.converged ? '' : ', not converged'}${report.kept > 0 ? `; ${report.kept} reviewer/gold decisions kept` : ''}); confidence is ${report.measure}\n`,
  );
  if (report.dropped.votes > 0) {
    io.out(
      `dropped ${report.dropped.votes} votes of ${report.dropped.sources.length} discounted ${report.dropped.sources.length === 1 ? 'annotator' : 'annotators'} (${report.dropped.sources.join(', ')}); --keep-discounted keeps them\n`,
    );
  }
  if (report.testAccuracy) {
    const { correct, total } = report.testAccuracy;
    io.out(`${report.measure} on ${total} held-out truth items: ${percent(correct / total)}\n`);
  }
  if (report.testErrors) {
    const { mae, rmse } = report.testErrors;
    io.out(`error on them in levels: MAE ${mae.toFixed(3)}, RMSE ${rmse.toFixed(3)}\n`);
  }
}
