import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { withProject } from './with-project.js';

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
        const report = await ctx.export({ file: path });
        io.out(`wrote ${report.written} items to ${path}\n`);
      });
    });
}
