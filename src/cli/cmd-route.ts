import type { Command } from 'commander';
import { percent, usd } from '../core/format/format-number.js';
import { HiloError } from '../core/errors.js';
import { currentLabeller, labellerLine } from '../pipeline/label/index.js';
import type { RouteReport } from '../pipeline/route/index.js';
import type { PolicyMode } from '../pipeline/route/index.js';
import type { CliIo } from './cli-io.js';
import { integerFlag, numberFlag, probabilityFlag } from './flags.js';
import { BROKEN_PROMISE_EXIT_CODE } from './exit-codes.js';
import { routingFlags, routingOptions, type RoutingFlags } from './routing-flags.js';
import { withProject } from './with-project.js';

interface RouteFlags extends RoutingFlags {
  project: string;
  source?: string;
  budget?: string;
  perClass?: boolean;
  meta?: boolean;
  auditRate: string;
  seed: string;
  json?: boolean;
  maxError?: string;
  peopleError?: string;
  failOnBrokenPromise?: boolean;
}

export function registerRoute(program: Command, io: CliIo): void {
  routingOptions(program.command('route'))
    .description(
      'Accept, overlap or send to people: choose zones on gold with a guaranteed lower confidence bound, and write them into decisions.',
    )
    .option('--budget <usd>', 'instead of a target: the most accurate plan that fits this budget')
    .option('--per-class', 'one threshold per predicted label (each class tested at δ / K)')
    .option(
      '--meta',
      'a meta-classifier predicts the machine’s errors; half the gold fits it, half certifies its threshold',
    )
    .option(
      '--audit-rate <r>',
      'share of accepted items drawn for people to audit (hilo audit)',
      '0',
    )
    .option('--seed <n>', 'seed of the audit draw and of the meta-router’s gold split', '1')
    .option(
      '--max-error <e>',
      'whole-data-set mode: at most this share of wrong labels in the final data set (machine, expert and people labels together), from expert checks drawn from the pool',
    )
    .option(
      '--people-error <p>',
      "with --max-error: people's error rate on the items sent to them (default: measured on their control answers)",
    )
    .option('--json', 'print JSON')
    .option(
      '--fail-on-broken-promise',
      `exit with code ${BROKEN_PROMISE_EXIT_CODE} when the check on test items falls below the target beyond its interval`,
    )
    .addHelpText(
      'after',
      '\nThe promise holds only for items exchangeable with the gold: gold must be a random sample of the pool.\nAccepted items are decided "auto"; decisions by people, reviewers or aggregation are never overwritten.',
    )
    .action(async (flags: RouteFlags) => {
      if (flags.maxError !== undefined) {
        await routeWholeSetCommand(flags, io);
        return;
      }
      if (flags.peopleError !== undefined)
        throw new HiloError('INVALID_INPUT', '--people-error goes with --max-error');
      const modes = [
        flags.perClass && '--per-class',
        flags.meta && '--meta',
        flags.budget !== undefined && '--budget',
      ].filter(Boolean);
      if (modes.length > 1)
        throw new HiloError('INVALID_INPUT', `choose one of ${modes.join(', ')}`);
      const mode: PolicyMode = flags.perClass
        ? 'per-class'
        : flags.meta
          ? 'meta'
          : flags.budget !== undefined
            ? 'budget'
            : 'fixed-sequence';
      const options = {
        ...routingFlags(flags),
        mode,
        ...(flags.budget !== undefined
          ? { budget: numberFlag('--budget', flags.budget, { min: 0 }) }
          : {}),
        auditRate: numberFlag('--audit-rate', flags.auditRate, { min: 0, max: 1 }),
        seed: integerFlag('--seed', flags.seed),
      };
      await withProject(flags.project, io, async (ctx) => {
        const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
        ctx.logger.info(labellerLine(labeller));
        const source = labeller.id;
        const report = await ctx.route({ source, ...options });
        io.out(
          flags.json
            ? `${JSON.stringify({ source, ...report }, null, 2)}\n`
            : formatRoute(source, report, options.delta),
        );
        // The text output opens with the warnings; JSON readers get them on stderr too.
        if (flags.json) for (const warning of report.warnings) io.err(`${warning}\n`);
        if (flags.failOnBrokenPromise && report.brokenPromise)
          io.setExitCode(BROKEN_PROMISE_EXIT_CODE);
      });
    });
}

/** `hilo route --max-error`: the whole-data-set promise. */
async function routeWholeSetCommand(flags: RouteFlags, io: CliIo): Promise<void> {
  const clash = [
    flags.targetAccuracy !== undefined && '--target-accuracy',
    flags.perClass && '--per-class',
    flags.meta && '--meta',
    flags.budget !== undefined && '--budget',
    flags.lo !== undefined && '--lo',
    Number(flags.auditRate) > 0 && '--audit-rate',
    flags.measure !== undefined && '--measure',
    flags.within !== undefined && '--within',
  ].filter(Boolean);
  if (clash.length > 0)
    throw new HiloError(
      'INVALID_INPUT',
      `--max-error (the whole data set's error) and ${clash.join(', ')} (accepted-accuracy mode) cannot be combined: choose one promise`,
    );
  const maxError = probabilityFlag('--max-error', flags.maxError ?? '');
  const alpha = 1 - probabilityFlag('--confidence', flags.confidence);
  const peopleError =
    flags.peopleError !== undefined
      ? numberFlag('--people-error', flags.peopleError, { min: 0, max: 1 })
      : undefined;
  await withProject(flags.project, io, async (ctx) => {
    const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
    ctx.logger.info(labellerLine(labeller));
    const source = labeller.id;
    const report = await ctx.routeWholeSet({
      source,
      maxError,
      alpha,
      ...(peopleError === undefined ? {} : { peopleError }),
      seed: integerFlag('--seed', flags.seed),
    });
    if (flags.json) {
      io.out(`${JSON.stringify({ source, ...report }, null, 2)}\n`);
      return;
    }
    const f = report.figures;
    const lines = [
      report.sentence,
      '',
      `routed ${f.items} pool items of ${source} (${report.calibrator} calibration, run ${report.runId}): ${f.spared} accept, ${f.checks} expert checks, ${f.toPeople} to people`,
      `final error: estimated ${percent(f.estimate)}, at most ${percent(f.bound)} with ${percent(1 - alpha, 0)} confidence (target ≤ ${percent(maxError)})`,
      `cost: ${usd(report.cost.plan)} for people on this plan, plus ${usd(report.cost.checks)} for the ${f.checks} expert checks at ${usd(report.cost.expertItemUsd)} each (prices.expertItemUsd); ${usd(report.cost.allHuman)} for people alone`,
    ];
    if (report.unlabelled > 0)
      lines.push(
        `${report.unlabelled} pool items have no machine label from ${source}: they go to people`,
      );
    if (report.decided > 0)
      lines.push(`${report.decided} items already decided by people were left as they are`);
    io.out(`${lines.join('\n')}\n`);
  });
}

/** The routing as the lines a person reads: the sentence first, then the figures. */
function formatRoute(source: string, r: RouteReport, delta: number): string {
  const lines = [...r.warnings, r.sentence, ''];
  const total = r.counts.accept + r.counts.overlap + r.counts.human;
  lines.push(
    `routed ${total} items of ${source} (${r.calibrator} calibration, run ${r.runId}): ${r.counts.accept} accept, ${r.counts.overlap} overlap, ${r.counts.human} human`,
  );
  const p = r.policy;
  if (p.thresholds) {
    const set = Object.entries(p.thresholds).map(
      ([label, t]) => `${label} ${t === null ? '—' : t.toFixed(4)}`,
    );
    lines.push(`thresholds per class: ${set.join(', ')}`);
  } else if (p.threshold !== null) {
    lines.push(
      `accept at ${p.score === 'router' ? 'meta-router P(right)' : 'calibrated confidence'} ≥ ${p.threshold.toFixed(4)}`,
    );
  }
  if (r.goldNeeded && !p.certified) {
    lines.push(
      r.goldNeeded.additionalGold !== null
        ? `gold too small for this target: about ${r.goldNeeded.additionalGold} more gold items needed (${r.goldNeeded.totalGold} in all), drawn at random from the pool` +
            (p.mode === 'per-class'
              ? ' (estimated for one threshold at δ / K; thresholds per class need that evidence within each label)'
              : '')
        : `gold cannot certify this target: the machine's best-scored gold labels are ${percent(r.goldNeeded.observedAccuracy)} correct; lower the target or improve the labeller`,
    );
  }
  if (r.testCheck) {
    const t = r.testCheck;
    lines.push(
      t.accepted > 0
        ? `check on ${t.items} held-out test items: ${t.accepted} would be accepted, ${percent(t.accuracy.estimate)} correct (${percent(1 - delta, 0)} interval ${percent(t.accuracy.lower)}–${percent(t.accuracy.upper)})`
        : `check on ${t.items} held-out test items: none would be accepted`,
    );
  }
  const range =
    r.cost.planRange.high > r.cost.planRange.low
      ? ` expected (${usd(r.cost.planRange.low)}–${usd(r.cost.planRange.high)} with the fewest and the most people dynamic overlap may ask)`
      : '';
  lines.push(
    `cost: ${usd(r.cost.plan)} for this plan${range}, ${usd(r.cost.allHuman)} for people alone, ${usd(r.cost.allMachine)} for the machine alone`,
    `people: ${r.staffing}`,
  );
  if (r.audit)
    lines.push(
      `audit: ${r.audit.items} accepted items drawn for people to check (run ${r.audit.runId}); see \`hilo audit\``,
    );
  if (r.unlabelled > 0)
    lines.push(
      `warning: ${r.unlabelled} pool items have no vote from ${source} and were not routed (run \`hilo label\`)`,
    );
  const settled = r.decided + r.kept;
  if (settled > 0) lines.push(`${settled} items already decided by people were left as they are`);
  return `${lines.join('\n')}\n`;
}
