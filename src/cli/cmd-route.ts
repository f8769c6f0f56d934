import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import { percent, usd } from '../core/format/format-number.js';
import { currentLabeller, labellerLine } from '../pipeline/label/index.js';
import type { Staffing } from '../pipeline/route/index.js';
import { routeItems, type RouteReport } from '../pipeline/route/index.js';
import type { PolicyMode } from '../pipeline/route/index.js';
import type { CliIo } from './cli-io.js';
import { withProject } from './compose.js';

interface RouteFlags {
  project: string;
  source?: string;
  targetAccuracy: string;
  confidence: string;
  budget?: string;
  perClass?: boolean;
  meta?: boolean;
  lo?: string;
  auditRate: string;
  seed: string;
  humanAccuracy: string;
  overlap: string;
  controlRate: string;
  json?: boolean;
}

/** A number strictly inside (0, 1) from a flag. */
export function probabilityFlag(value: string, flag: string): number {
  const x = Number(value);
  if (!(x > 0 && x < 1))
    throw new HiloError(
      'INVALID_INPUT',
      `${flag} must be a number between 0 and 1 (exclusive), not "${value}"`,
    );
  return x;
}

/** A number ≥ 0 from a flag (≤ max when given). */
export function nonNegativeFlag(
  value: string,
  flag: string,
  max = Number.POSITIVE_INFINITY,
): number {
  const x = Number(value);
  if (value.trim() === '' || !(x >= 0 && x <= max)) {
    throw new HiloError(
      'INVALID_INPUT',
      `${flag} must be a number ≥ 0${Number.isFinite(max) ? ` and ≤ ${max}` : ''}, not "${value}"`,
    );
  }
  return x;
}

/** The staffing flags `route` and `plan` share. */
export function staffingFlags(flags: { overlap: string; controlRate: string }): Staffing {
  const overlap = nonNegativeFlag(flags.overlap, '--overlap');
  if (!Number.isInteger(overlap) || overlap < 1)
    throw new HiloError(
      'INVALID_INPUT',
      `--overlap must be a whole number ≥ 1, not "${flags.overlap}"`,
    );
  return { overlap, controlRate: nonNegativeFlag(flags.controlRate, '--control-rate') };
}

/** Adds the options `route` and `plan` share. */
export function routingOptions(command: Command): Command {
  return command
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--source <source>',
      'labeller whose votes to route (default: the labeller of the newest finished label run)',
    )
    .option('--target-accuracy <p>', 'required accuracy of accepted labels', '0.97')
    .option('--confidence <p>', 'confidence of that promise (1 − δ)', '0.95')
    .option(
      '--lo <x>',
      'calibrated confidence below which items go to people alone (default: every unaccepted item overlaps)',
    )
    .option('--human-accuracy <p>', 'accuracy assumed for labels people decide', '0.95')
    .option('--overlap <n>', 'people per item in the human zone and in the all-human baseline', '1')
    .option('--control-rate <r>', 'control tasks per real human task', '0.1');
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
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nThe promise holds only for items exchangeable with the gold: gold must be a random sample of the pool.\nAccepted items are decided "auto"; decisions by people, reviewers or aggregation are never overwritten.',
    )
    .action(async (flags: RouteFlags) => {
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
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed))
        throw new HiloError('INVALID_INPUT', `--seed must be an integer, not "${flags.seed}"`);
      const options = {
        target: probabilityFlag(flags.targetAccuracy, '--target-accuracy'),
        delta: 1 - probabilityFlag(flags.confidence, '--confidence'),
        mode,
        ...(flags.budget !== undefined
          ? { budget: nonNegativeFlag(flags.budget, '--budget') }
          : {}),
        ...(flags.lo !== undefined ? { lo: nonNegativeFlag(flags.lo, '--lo', 1) } : {}),
        humanAccuracy: probabilityFlag(flags.humanAccuracy, '--human-accuracy'),
        staffing: staffingFlags(flags),
        auditRate: nonNegativeFlag(flags.auditRate, '--audit-rate', 1),
        seed,
      };
      await withProject(flags.project, io, async (ctx) => {
        const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
        ctx.logger.info(labellerLine(labeller));
        const source = labeller.id;
        const report = await routeItems({
          store: ctx.store,
          clock: ctx.clock,
          source,
          labels: ctx.config.labels.map((l) => l.name),
          fields: ctx.config.fields,
          prices: ctx.config.prices,
          ...options,
        });
        io.out(
          flags.json
            ? `${JSON.stringify({ source, ...report }, null, 2)}\n`
            : formatRoute(source, report, options.delta),
        );
      });
    });
}

/** The routing as the lines a person reads: the sentence first, then the figures. */
function formatRoute(source: string, r: RouteReport, delta: number): string {
  const lines = [r.sentence, ''];
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
  lines.push(
    `cost: ${usd(r.cost.plan)} for this plan, ${usd(r.cost.allHuman)} for people alone, ${usd(r.cost.allMachine)} for the machine alone`,
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
