import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openRecordSink } from '../files/open-record-sink.js';
import { exportItems } from '../pipeline/items/index.js';
import type { CliIo } from './cli-io.js';
import { createProgress, withProject } from './compose.js';

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .argument('<file>', 'output file: .jsonl, .csv, .tsv or .parquet (by extension)')
    .description(
      'Write every item with its current label, distribution, confidence and how it was decided.',
    )
    .option('--project <dir>', 'project directory', '.')
    .action(async (file: string, flags: { project: string }) => {
      await withProject(flags.project, io, async (ctx) => {
        const path = resolve(io.cwd, file);
        const report = await exportItems({
          store: ctx.store,
          sink: openRecordSink(path),
          labels: ctx.config.labels.map((l) => l.name),
          progress: createProgress(io),
        });
        io.out(`wrote ${report.written} items to ${path}\n`);
      });
    });
}
