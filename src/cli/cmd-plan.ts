import type { Command } from 'commander';
import { currentLabeller, labellerLine } from '../pipeline/label/index.js';
import type { PlanReport } from '../pipeline/route/index.js';
import type { CliIo } from './cli-io.js';
import { percent, usd } from '../core/format/format-number.js';
import { integerFlag, numberFlag } from './flags.js';
import { routingFlags, routingOptions, type RoutingFlags } from './routing-flags.js';
import { withProject } from './with-project.js';

interface PlanFlags extends RoutingFlags {
  project: string;
  source?: string;
  auditRate: string;
  rows: string;
  json?: boolean;
}

export function registerPlan(program: Command, io: CliIo): void {
  routingOptions(program.command('plan'))
    .description(
      'Print the cost–accuracy table of candidate routing policies at the project’s prices, before anyone is paid.',
    )
    .option('--audit-rate <r>', 'share of accepted items people would audit', '0')
    .option('--rows <n>', 'rows to print (evenly spread; the guaranteed row always shown)', '12')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nPrices come from hilo.yaml `prices`: humanHourlyUsd, humanItemsPerHour, hostingPerHourUsd; the machine cost per item from what the labeller’s runs cost.\nPeople per item come from hilo.yaml `people`: overlap.human per human item and audit, overlap.overlap per overlap item and, with dynamic overlap (overlap.max above it), their expected number from the machine’s calibrated confidence; controls from people.controlRate.',
    )
    .action(async (flags: PlanFlags) => {
      const rows = integerFlag('--rows', flags.rows, { min: 1 });
      const routing = routingFlags(flags);
      const options = {
        ...routing,
        staffing: {
          ...routing.staffing,
          auditRate: numberFlag('--audit-rate', flags.auditRate, { min: 0, max: 1 }),
        },
      };
      await withProject(flags.project, io, async (ctx) => {
        const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
        ctx.logger.info(labellerLine(labeller));
        const source = labeller.id;
        const plan = await ctx.plan({ source, ...options });
        io.out(
          flags.json
            ? `${JSON.stringify(plan, null, 2)}\n`
            : formatPlan(plan, options.target, options.delta, rows),
        );
      });
    });
}

/** Row indexes to print: about `limit` of them evenly spread, the guaranteed row included. */
function shownRows(count: number, limit: number, chosen: number | null): number[] {
  const picked = new Set<number>();
  for (let s = 0; s < Math.min(limit, count); s++)
    picked.add(Math.round((s * (count - 1)) / Math.max(1, Math.min(limit, count) - 1)));
  if (chosen !== null) picked.add(chosen);
  return [...picked].sort((a, b) => a - b);
}

/** The plan as a table a person reads, with the baselines and the return on the guaranteed row. */
function formatPlan(plan: PlanReport, target: number, delta: number, limit: number): string {
  const { table, unit } = plan;
  const lines = [
    ...(plan.goldWarning ? [plan.goldWarning] : []),
    `${plan.source}${plan.calibrated ? ` (${plan.calibrator} calibration)` : ' (raw confidence: run `hilo calibrate` first for calibrated figures)'}; ${plan.goldItems} gold items, ${plan.poolItems} pool items to route` +
      (plan.abstained > 0 ? ` (+${plan.abstained} abstentions for people)` : ''),
    `prices: a person ${usd(unit.annotation, 4)} per item; machine ${usd(unit.machinePerItem, 5)} per item (${unit.machineBasis}); people assumed ${percent(plan.humanAccuracy, 0)} accurate`,
    `people: ${plan.staffing}`,
    ...(plan.measure ? [`measure: ${plan.measure}`] : []),
    '',
    `  ${'accept if ≥'.padEnd(11)} ${'accept %'.padStart(8)} ${'overlap'.padStart(7)} ${'human'.padStart(6)} ${'accepted acc. on gold'.padStart(28)} ${'expected final acc.'.padStart(26)} ${'cost'.padStart(11)} ${'saving'.padStart(7)}`,
  ];
  for (const i of shownRows(table.rows.length, limit, table.chosen)) {
    const r = table.rows[i];
    if (!r) continue;
    const mark = i === table.chosen ? '→' : r.certified ? '✓' : ' ';
    const acc = `${percent(r.acceptedAccuracy.estimate)} [${percent(r.acceptedAccuracy.lower)}–${percent(r.acceptedAccuracy.upper)}] n=${r.goldAccepted}`;
    const exp = `${percent(r.expectedAccuracy.estimate)} [${percent(r.expectedAccuracy.lower)}–${percent(r.expectedAccuracy.upper)}]`;
    lines.push(
      `${mark} ${r.threshold.toFixed(4).padEnd(11)} ${percent(r.coverage, 0).padStart(8)} ${String(r.counts.overlap).padStart(7)} ${String(r.counts.human).padStart(6)} ${acc.padStart(28)} ${exp.padStart(26)} ${usd(r.cost.total).padStart(11)} ${percent(r.savingFraction, 0).padStart(7)}`,
    );
  }
  lines.push(
    '',
    `✓ certified: accepted labels ≥ ${percent(target)} correct with ${percent(1 - delta, 0)} confidence (fixed-sequence testing); → the guaranteed choice (\`hilo route\`). Intervals of single rows are ${percent(1 - delta, 0)} two-sided and not simultaneous.`,
    `people alone: ${usd(table.allHumanCost)}, every item to ${unit.overlap} ${unit.overlap === 1 ? 'person' : 'people'} (${unit.overlapBasis}) plus controls (accuracy ${percent(plan.humanAccuracy, 0)} assumed); machine alone: ${usd(table.allMachine.cost)}, accuracy on gold ${percent(table.allMachine.accuracy.estimate)} [${percent(table.allMachine.accuracy.lower)}–${percent(table.allMachine.accuracy.upper)}]`,
  );
  const roi = plan.roi;
  if (roi) {
    const perExtra = Number.isNaN(roi.costPerExtraCorrect)
      ? ''
      : `; each extra right label over the machine alone costs ${usd(roi.costPerExtraCorrect, 3)}`;
    const row = table.chosen === null ? undefined : table.rows[table.chosen];
    const range =
      row && row.costRange.high > row.costRange.low
        ? ` expected (${usd(row.costRange.low)}–${usd(row.costRange.high)} as dynamic overlap asks ${unit.overlapZoneHumans} to ${unit.dynamicOverlap?.max ?? unit.overlapZoneHumans} people per overlap item)`
        : '';
    lines.push(
      `guaranteed plan: ${usd(roi.plan.cost)}${range}, saving ${usd(roi.savingVsHuman)} (${percent(roi.savingFractionVsHuman, 0)}) against people alone${perExtra}`,
    );
  } else {
    lines.push(
      `no row is certified for ${percent(target)} with this gold: \`hilo route\` would send every item to people (see its gold-needed estimate)`,
    );
  }
  return `${lines.join('\n')}\n`;
}
