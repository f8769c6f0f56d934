import { resolve } from 'node:path';
import type { Command } from 'commander';
import { percent, usd } from '../core/format/format-number.js';
import { MACHINE_CONFIDENCE_METHODS } from '../core/types.js';
import { DEFAULT_PREDICTION_COLUMNS } from '../pipeline/predictions/index.js';
import type { CliIo } from './cli-io.js';
import { encodingOption, withEncodingOption } from './encoding-flag.js';
import { choiceFlag, numberFlag } from './flags.js';
import { withProject } from './with-project.js';

interface ImportPredictionsFlags {
  project: string;
  model: string;
  labelMap?: string;
  method?: string;
  costPerItem?: string;
  idField: string;
  labelField: string;
  confidenceField: string;
  probabilitiesField: string;
  logprobsField: string;
  probabilityPrefix: string;
  encoding?: string;
}

const D = DEFAULT_PREDICTION_COLUMNS;

export function registerImportPredictions(program: Command, io: CliIo): void {
  withEncodingOption(program.command('import-predictions'))
    .argument('<file>', 'JSONL, CSV/TSV or Parquet file, or a Label Studio task list (.json)')
    .description(
      'Import predictions made elsewhere as machine votes of import:<model>; items are created when missing; re-importing writes nothing new.',
    )
    .requiredOption('--model <name>', 'name of the model that made the predictions')
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--label-map <file|json>',
      "JSON object mapping the file's label names to the project's (null: outside the label set)",
    )
    .option(
      '--method <name>',
      `record this method on every vote: ${MACHINE_CONFIDENCE_METHODS.join('|')}`,
    )
    .option('--cost-per-item <usd>', 'what one prediction cost, for cost reports (default 0)')
    .option('--id-field <name>', 'column with the item id', D.idField)
    .option('--label-field <name>', 'column with the predicted label', D.labelField)
    .option(
      '--confidence-field <name>',
      'column with a stated confidence in [0, 1]',
      D.confidenceField,
    )
    .option(
      '--probabilities-field <name>',
      'column with a label → probability map',
      D.probabilitiesField,
    )
    .option('--logprobs-field <name>', 'column with token logprobs', D.logprobsField)
    .option(
      '--probability-prefix <text>',
      'prefix of one-column-per-label probabilities',
      D.probabilityPrefix,
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  hilo import-predictions preds.csv --model gpt-4o --label-field prediction\n' +
        '  hilo import-predictions votes.csv --model mistral-7b --id-field item_id --label-map \'{"i_dont_know": null}\'\n' +
        '  hilo import-predictions tasks.json --model my-classifier   # Label Studio export',
    )
    .action(async (file: string, flags: ImportPredictionsFlags) => {
      const method =
        flags.method === undefined
          ? undefined
          : choiceFlag('--method', flags.method, MACHINE_CONFIDENCE_METHODS);
      const costPerItem =
        flags.costPerItem === undefined
          ? undefined
          : numberFlag('--cost-per-item', flags.costPerItem, { min: 0 });
      const labelMap =
        flags.labelMap === undefined || flags.labelMap.trim().startsWith('{')
          ? flags.labelMap
          : resolve(io.cwd, flags.labelMap);
      await withProject(flags.project, io, async (ctx) => {
        const report = await ctx.importPredictions({
          file: resolve(io.cwd, file),
          model: flags.model,
          ...(labelMap !== undefined ? { labelMap } : {}),
          ...(method ? { method } : {}),
          ...(costPerItem !== undefined ? { costPerItem } : {}),
          ...encodingOption(flags.encoding),
          columns: {
            idField: flags.idField,
            labelField: flags.labelField,
            confidenceField: flags.confidenceField,
            probabilitiesField: flags.probabilitiesField,
            logprobsField: flags.logprobsField,
            probabilityPrefix: flags.probabilityPrefix,
          },
        });
        const methods = Object.entries(report.methods)
          .map(([name, n]) => `${name} ${n}`)
          .join(', ');
        io.out(
          `imported ${report.read} predictions of ${report.source} from ${report.file}: ` +
            `${report.added} new votes, ${report.replaced} replaced, ${report.unchanged} unchanged ` +
            `(${report.itemsCreated} items created; ${methods || 'no rows'}; run ${report.runId})\n`,
        );
        const written = report.added + report.replaced;
        const cost = costPerItem ?? 0;
        io.out(
          `cost recorded: ${usd(written * cost, 4)} (${usd(cost, 4)} per prediction${costPerItem === undefined ? '; --cost-per-item sets it' : ''})\n`,
        );
        const { outside } = report;
        if (outside.rows > 0) {
          io.err(
            `notice: ${outside.rows} of ${report.read} predictions put mass on options outside the label set` +
              `${outside.options.length > 0 ? ` (${outside.options.join(', ')})` : ''}: ` +
              `${percent(outside.meanMass)} of their probability on average, kept as other mass; ` +
              'the distribution over the labels is the rest, renormalised\n',
          );
        }
        if (report.abstained > 0) {
          io.err(
            `notice: ${report.abstained} predictions name an option outside the label set and are stored as abstentions\n`,
          );
        }
      });
    });
}
