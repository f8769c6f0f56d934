import type { Command } from 'commander';
import { auditAccuracy, type AuditReport } from '../pipeline/audit/index.js';
import type { CliIo } from './cli-io.js';
import { ALARM_EXIT_CODE } from './exit-codes.js';
import { percent } from '../core/format/format-number.js';
import { probabilityFlag } from './flags.js';
import { withProject } from './with-project.js';

interface AuditFlags {
  project: string;
  target?: string;
  failOnAlarm?: boolean;
  json?: boolean;
}

export function registerAudit(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description(
      'Accuracy of accepted labels per batch, from people’s answers on the items `hilo route --audit-rate` drew; ALARM when it falls below the target.',
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
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nAnswers are votes from `human:` sources on the audited items; each person counts once, ties are set aside.\nA batch is in alarm when even the upper end of its interval is below the target.',
    )
    .action(async (flags: AuditFlags) => {
      const target =
        flags.target !== undefined ? probabilityFlag('--target', flags.target) : undefined;
      await withProject(flags.project, io, async (ctx) => {
        const report = await auditAccuracy({
          store: ctx.store,
          ...(target !== undefined ? { target } : {}),
        });
        io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatAudit(report));
        if (flags.failOnAlarm && report.alarms.length > 0) io.setExitCode(ALARM_EXIT_CODE);
      });
    });
}

/** Per batch and running figures, then one ALARM line per batch in alarm. */
function formatAudit(r: AuditReport): string {
  const level = `${Math.round(100 * (1 - r.alpha))}%`;
  const lines = [
    `${r.drawn} accepted items drawn for audit: ${r.answered} answered by people, ${r.pending} waiting${r.disputed > 0 ? `, ${r.disputed} ties set aside` : ''}; target ${percent(r.target)}, ${level} intervals`,
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
