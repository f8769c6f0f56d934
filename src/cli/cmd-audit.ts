import type { Command } from 'commander';
import { auditAccuracy, type AuditReport } from '../pipeline/audit/index.js';
import type { CliIo } from './cli-io.js';
import { ALARM_EXIT_CODE } from './exit-codes.js';
import { percent } from '../core/format/format-number.js';
import { integerFlag, probabilityFlag } from './flags.js';
import { withProject } from './with-project.js';

interface AuditFlags {
  project: string;
  target?: string;
  items: string;
  failOnAlarm?: boolean;
  json?: boolean;
}

export function registerAudit(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description(
      'The accepted items `hilo route --audit-rate` drew for people (queued before every other task), people’s answers on them, and the accuracy of accepted labels per batch; ALARM when it falls below the target.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--target <p>',
      'accuracy accepted labels must keep (default: the target of the last route)',
    )
    .option(
      '--fail-on-alarm',
      `exit with code ${ALARM_EXIT_CODE} when a batch is in alarm (for scripts)`,
    )
    .option('--items <n>', 'audited items to list (answered ones first); 0 for none', '20')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nAnswers are votes from `human:` sources on the audited items; each person counts once, ties are set aside.\nA batch is in alarm when even the upper end of its interval is below the target.',
    )
    .action(async (flags: AuditFlags) => {
      const target =
        flags.target !== undefined ? probabilityFlag('--target', flags.target) : undefined;
      const listed = integerFlag('--items', flags.items, { min: 0 });
      await withProject(flags.project, io, async (ctx) => {
        const report = await auditAccuracy({
          store: ctx.store,
          ...(target !== undefined ? { target } : {}),
        });
        io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatAudit(report, listed));
        if (flags.failOnAlarm && report.alarms.length > 0) io.setExitCode(ALARM_EXIT_CODE);
      });
    });
}

/** The audited items (answered first), as many as asked. */
function itemLines(r: AuditReport, limit: number): string[] {
  if (limit === 0 || r.items.length === 0) return [];
  const answered = (row: AuditReport['items'][number]) => Object.keys(row.answers).length > 0;
  const shown = [...r.items.filter(answered), ...r.items.filter((row) => !answered(row))].slice(
    0,
    limit,
  );
  const lines = [
    `  ${'item'.padEnd(16)} ${'machine'.padEnd(14)} ${'people'.padEnd(24)} agrees`,
    ...shown.map((row) => {
      const people = Object.entries(row.answers)
        .map(([label, n]) => (n > 1 ? `${label} ×${n}` : label))
        .join(', ');
      const agrees = row.agrees === null ? (people ? 'tie' : '—') : row.agrees ? 'yes' : 'NO';
      return `  ${row.id.padEnd(16)} ${row.label.padEnd(14)} ${(people || 'waiting').padEnd(24)} ${agrees}`;
    }),
  ];
  if (r.items.length > shown.length)
    lines.push(`  … ${r.items.length - shown.length} more (--items ${r.items.length}, or --json)`);
  return lines;
}

/** The audited items, per batch and running figures, then one ALARM line per batch in alarm. */
function formatAudit(r: AuditReport, limit: number): string {
  const level = `${Math.round(100 * (1 - r.alpha))}%`;
  const agreement =
    r.agreement.decided > 0
      ? `; people agree with the machine on ${r.agreement.agreed} of ${r.agreement.decided} (${percent(r.agreement.agreed / r.agreement.decided)})`
      : '';
  const lines = [
    `${r.drawn} accepted items drawn for audit: ${r.answered} answered by people, ${r.pending} waiting${r.disputed > 0 ? `, ${r.disputed} ties set aside` : ''}${agreement}; target ${percent(r.target)}, ${level} intervals`,
    ...itemLines(r, limit),
  ];
  if (r.rows.length > 0) {
    lines.push(
      `  ${'batch'.padEnd(16)} ${'audited'.padStart(7)} ${'right'.padStart(6)} ${'accuracy [interval]'.padStart(26)} ${'status'.padStart(7)}   ${'running'.padStart(26)}`,
    );
    for (const row of r.rows) {
      const own = `${percent(row.accuracy.estimate)} [${percent(row.accuracy.lower)}–${percent(row.accuracy.upper)}]`;
      const run = `${percent(row.cumulative.accuracy.estimate)} [${percent(row.cumulative.accuracy.lower)}–${percent(row.cumulative.accuracy.upper)}]`;
      lines.push(
        `  ${row.batch.padEnd(16)} ${String(row.audited).padStart(7)} ${String(row.correct).padStart(6)} ${own.padStart(26)} ${row.status.padStart(7)}   ${run.padStart(26)} ${row.cumulative.status}`,
      );
    }
  }
  for (const row of r.alarms) {
    const which = row.status === 'alarm' ? row : row.cumulative;
    const scope = row.status === 'alarm' ? `batch ${row.batch}` : `all batches up to ${row.batch}`;
    lines.push(
      `ALARM: ${scope}: accepted labels ${percent(which.accuracy.estimate)} correct on ${which.audited} audited items (${level} interval ${percent(which.accuracy.lower)}–${percent(which.accuracy.upper)}), below the target ${percent(r.target)}: re-check calibration and routing on fresh gold from this batch`,
    );
  }
  return `${lines.join('\n')}\n`;
}
