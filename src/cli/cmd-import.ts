import { resolve } from 'node:path';
import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import { ITEM_ROLES } from '../core/types.js';
import { printableText } from '../core/format/printable-text.js';
import type { CliIo } from './cli-io.js';
import { encodingOption, withEncodingOption } from './encoding-flag.js';
import { choiceFlag } from './flags.js';
import { withProject } from './with-project.js';

interface ImportFlags {
  project: string;
  role: string;
  idField: string;
  labelField: string;
  skipInvalid?: boolean;
  batch?: string;
  clean: string[];
  encoding?: string;
}

/** `--clean` may be given several times; commander hands each value here. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerImport(program: Command, io: CliIo): void {
  withEncodingOption(program.command('import'))
    .argument('<file>', 'JSONL, CSV/TSV (header row) or Parquet file; .gz text files too')
    .description(
      'Import items (or gold/control/test items with their labels); re-importing updates by id.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--role <role>',
      `item role: ${ITEM_ROLES.join('|')}, or check: experts' answers (id, label) to drawn checks`,
      'pool',
    )
    .option('--id-field <name>', 'column with the item id', 'id')
    .option('--label-field <name>', 'column with the expert label (gold, control, test)', 'label')
    .option('--skip-invalid', 'store the good lines and report every bad one instead of stopping')
    .option('--batch <name>', 'batch name recorded on the items')
    .option(
      '--clean <rule>',
      'clean text: html,entities,unicode,whitespace or all, for every text field or FIELD=STEPS for one; repeatable; the original is kept in <field>_original',
      collect,
      [],
    )
    .addHelpText(
      'after',
      '\nExamples:\n  hilo import items.jsonl\n  hilo import gold.csv --role gold --label-field category\n  hilo import tweets.csv --clean html,entities,whitespace\n  hilo import checks.csv --role check',
    )
    .action(async (file: string, flags: ImportFlags) => {
      const role = choiceFlag('--role', flags.role, [...ITEM_ROLES, 'check'] as const);
      await withProject(flags.project, io, async (ctx) => {
        if (role === 'check') {
          if (flags.skipInvalid || flags.batch !== undefined || flags.clean.length > 0) {
            throw new HiloError(
              'INVALID_INPUT',
              '--skip-invalid, --batch and --clean do not apply to --role check: answers are all or nothing',
            );
          }
          const answers = await ctx.checks.importAnswers({
            file: resolve(io.cwd, file),
            ...encodingOption(flags.encoding),
            idField: flags.idField,
            labelField: flags.labelField,
          });
          io.out(
            `imported ${answers.answered} expert answers to checks from ${answers.file} ` +
              `(${answers.changed} changed${answers.unanswered > 0 ? `, ${answers.unanswered} rows without a label skipped` : ''})\n`,
          );
          return;
        }
        const report = await ctx.importItems({
          file: resolve(io.cwd, file),
          role,
          idField: flags.idField,
          labelField: flags.labelField,
          skipInvalid: flags.skipInvalid ?? false,
          ...(flags.batch ? { batch: flags.batch } : {}),
          clean: flags.clean,
          ...encodingOption(flags.encoding),
        });
        for (const skip of report.skipped) {
          io.err(
            `skipped ${report.file}, line ${skip.line}${skip.field ? `, field "${printableText(skip.field)}"` : ''}: ${printableText(skip.reason)}\n`,
          );
        }
        io.out(
          `imported ${report.inserted + report.updated} ${role} items from ${report.file} ` +
            `(${report.inserted} new, ${report.updated} updated${report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : ''})\n`,
        );
        if (report.cleaned !== undefined) {
          io.out(
            `cleaned the text of ${report.cleaned} items; the text as it came is kept in ${ctx.config.fields.map((f) => `${f}_original`).join(', ')}\n`,
          );
        }
      });
    });
}
