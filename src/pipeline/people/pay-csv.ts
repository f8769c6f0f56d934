import { csvLine } from '../../core/format/csv-line.js';
import type { PayReport } from './pay-report.js';

/** The payroll file's columns, in order. */
export const PAY_CSV_COLUMNS = [
  'id',
  'name',
  'answers',
  'accepted',
  'control_accuracy',
  'hours',
  'base_pay_usd',
  'bonus_usd',
  'total_usd',
] as const;

/**
 * The pay report as CSV for payroll: a header row, then one row per person. Cells holding a
 * comma, a quote or a line break are quoted with quotes doubled (RFC 4180); a name starting with
 * `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet shows it instead of running it as a
 * formula. Control accuracy is a fraction with 4 decimals (empty without controls), hours have 2,
 * amounts are USD to the cent.
 * @example payCsv(report) // 'id,name,…\nann1,"Lee, Ann",200,150,0.9000,1.50,25.00,2.50,27.50\n'
 * Complexity: O(people).
 */
export function payCsv(report: PayReport): string {
  let out = csvLine(PAY_CSV_COLUMNS, ',');
  for (const p of report.people) {
    out += csvLine(
      [
        p.id,
        /^[=+\-@]/.test(p.name) ? `'${p.name}` : p.name,
        p.answers,
        p.accepted,
        p.controlAccuracy === null ? null : p.controlAccuracy.toFixed(4),
        p.hours.toFixed(2),
        p.baseUsd.toFixed(2),
        p.bonusUsd.toFixed(2),
        p.totalUsd.toFixed(2),
      ],
      ',',
    );
  }
  return out;
}
