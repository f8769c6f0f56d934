import type { Command } from 'commander';
import { percent } from '../core/format/format-number.js';
import { payPeriod } from '../core/pay/pay-period.js';
import { createRng } from '../core/rng.js';
import { payCsv, payReport, type PayReport, type PersonPay } from '../pipeline/people/index.js';
import type { CliIo } from './cli-io.js';
import { withProject } from './with-project.js';

/**
 * `hilo annotators pay --from D --to D [--csv]`: each person's figures and pay over whole UTC
 * days, both included, as a table or as CSV for payroll.
 * @example registerAnnotatorsPay(program.commands.find((c) => c.name() === 'annotators'), io)
 */
export function registerAnnotatorsPay(group: Command, io: CliIo): void {
  group
    .command('pay')
    .description(
      "Each person's answers, accepted answers, control accuracy, hours and pay at the project's rate over a period, for payroll. hilo pays nobody itself: hand the figures (--csv) to whoever does.",
    )
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (UTC), counted in full')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (UTC), counted in full')
    .option('--csv', 'CSV with a header row and one row per person, for payroll')
    .option('--project <dir>', 'project directory', '.')
    .action(async (flags: { from: string; to: string; csv?: boolean; project: string }) => {
      const period = payPeriod(flags.from, flags.to, { from: '--from', to: '--to' });
      await withProject(flags.project, io, async (ctx) => {
        const report = await payReport(
          { store: ctx.store, project: ctx.config, clock: ctx.clock, rng: createRng(1) },
          period,
        );
        io.out(flags.csv ? payCsv(report) : payTable(report));
      });
    });
}

/**
 * The report as a terminal table with the rules it applied underneath.
 * @example io.out(payTable(report))
 * Complexity: O(people).
 */
function payTable(report: PayReport): string {
  const { period, rate, bonus } = report;
  const lines = [
    `pay from ${period.from} to ${period.to} (UTC, both days included)`,
    'id          name                  answers  accepted  control accuracy      hours       base      bonus      total',
    ...report.people.map(personLine),
    `${'total'.padEnd(34)}${String(report.totals.answers).padStart(7)}${''.padEnd(32)}${report.totals.hours.toFixed(2).padStart(7)}  ${usd(report.totals.baseUsd)}  ${usd(report.totals.bonusUsd)}  ${usd(report.totals.totalUsd)}`,
    rate.basis === 'answer'
      ? `rate: $${rate.usd.toFixed(4)} per answer (prices.humanHourlyUsd / prices.humanItemsPerHour, the human price plan and route use)`
      : `rate: $${rate.usd.toFixed(2)} per hour worked (prices.humanHourlyUsd); hours run from lease to answer, overlapping leases counted once`,
    `bonus: ${bonus.percent}% of base when control accuracy (first answers) is at least ${percent(bonus.controlAccuracyAtLeast, 0)} over ${bonus.minControls} or more controls; none for people suspended or discounted by a rule`,
    'accepted: answers agreeing with the final label / answers on items that have one (a decision by people, or a control’s gold label); not paid: skips, exam answers, votes imported with import-votes',
    'hilo pays nobody: hand these figures (--csv) to payroll',
  ];
  return `${lines.join('\n')}\n`;
}

function personLine(p: PersonPay): string {
  const accuracy =
    p.controlAccuracy === null
      ? '—'
      : `${percent(p.controlAccuracy, 0)} of ${p.controls} [${percent(p.controlInterval.low, 0)}–${percent(p.controlInterval.high, 0)}]`;
  const note = [p.state === 'suspended' ? 'suspended' : '', p.discounted ? 'discounted' : '']
    .filter((s) => s !== '')
    .join(', ');
  const row = `${p.id.slice(0, 11).padEnd(12)}${p.name.slice(0, 21).padEnd(22)}${String(p.answers).padStart(7)}  ${`${p.accepted}/${p.decided}`.padStart(8)}  ${accuracy.padEnd(20)}${p.hours.toFixed(2).padStart(7)}  ${usd(p.baseUsd)}  ${usd(p.bonusUsd)}  ${usd(p.totalUsd)}${note ? `  (${note})` : ''}`;
  return row.trimEnd();
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`.padStart(9);
}
