import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { percent } from '../core/format/format-number.js';
import type { RecordError, SourceRecord } from '../core/ports/index.js';
import { openRecordSink } from '../files/open-record-sink.js';
import { openRecordSource } from '../files/open-record-source.js';
import { evaluateVotes } from '../pipeline/calibrate/index.js';
import { exportItems } from '../pipeline/items/index.js';
import { importItems } from '../pipeline/items/index.js';
import { labelItems } from '../pipeline/label/index.js';
import { learnLocal } from '../pipeline/learn/index.js';
import { initProject } from '../project/project-file.js';
import type { CliIo } from './cli-io.js';
import { formatEvaluation } from './cmd-eval.js';
import { createProgress, loadLocalLabeller, withProject } from './compose.js';

const DATA = new URL('../../data/banking77/', import.meta.url);

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'Run the whole first pass offline on the shipped banking77 data (77 intents, CC BY 4.0).',
    )
    .option('--dir <dir>', 'where to create the demo project (default: a new temporary directory)')
    .option('--folds <n>', 'cross-fit folds for out-of-fold gold votes (0 = none: fastest)', '0')
    .action(async (flags: { dir?: string; folds: string }) => {
      const started = performance.now();
      const dir = flags.dir ?? (await mkdtemp(join(tmpdir(), 'hilo-demo-')));
      const labels = JSON.parse(
        await readFile(new URL('categories.json', DATA), 'utf8'),
      ) as string[];
      io.out(
        `hilo demo: banking77 (Casanueva et al. 2020, CC BY 4.0), ${labels.length} intents, project in ${dir}\n`,
      );
      await initProject(dir, {
        name: 'banking77-demo',
        labels: labels.map((name) => ({ name, description: name.replace(/_/g, ' ') })),
        fields: ['text'],
        guidelines: 'Pick the intent of the customer query to an online bank.',
        force: true,
      });
      const gold = await withIds(
        new URL('train.csv', DATA).pathname,
        join(dir, 'gold.jsonl'),
        'train',
      );
      const test = await withIds(
        new URL('test.csv', DATA).pathname,
        join(dir, 'test.jsonl'),
        'test',
      );
      await withProject(dir, io, async (ctx) => {
        const labelNames = ctx.config.labels.map((l) => l.name);
        const common = {
          store: ctx.store,
          idField: 'id',
          labelField: 'category',
          fields: ctx.config.fields,
          labels: labelNames,
          skipInvalid: false,
        };
        const g = await importItems({
          ...common,
          source: await openRecordSource(gold),
          role: 'gold',
        });
        const t = await importItems({
          ...common,
          source: await openRecordSource(test),
          role: 'test',
        });
        io.out(
          `1. imported ${g.inserted + g.updated} gold items (training) and ${t.inserted + t.updated} held-out test items\n`,
        );
        const learned = await learnLocal({
          store: ctx.store,
          project: ctx.config,
          clock: ctx.clock,
          folds: Number(flags.folds),
        });
        io.out(
          `2. trained ${learned.source} on ${learned.trainedOn} items in ${learned.seconds.toFixed(1)} s` +
            (learned.crossFitAccuracy !== null
              ? ` (out-of-fold accuracy ${percent(learned.crossFitAccuracy)})`
              : '') +
            '\n',
        );
        const labeller = await loadLocalLabeller(ctx);
        const labelled = await labelItems({
          store: ctx.store,
          labeller,
          clock: ctx.clock,
          roles: ['test', 'pool'],
          progress: createProgress(io),
        });
        io.out(
          `3. labelled ${labelled.labelled} items with a probability for each of the ${labelNames.length} labels in ${labelled.seconds.toFixed(1)} s\n`,
        );
        const evaluation = await evaluateVotes({
          store: ctx.store,
          source: labeller.source,
          labels: labelNames,
          roles: ['test'],
        });
        io.out(`4. ${formatEvaluation(evaluation)}`);
        const out = join(dir, 'labels.jsonl');
        const exported = await exportItems({
          store: ctx.store,
          sink: openRecordSink(out),
          labels: labelNames,
        });
        io.out(`5. exported ${exported.written} items to ${out}\n`);
      });
      io.out(
        `demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s; try: hilo export out.csv --project ${dir}\n`,
      );
    });
}

/** Copies a CSV without ids to JSONL with stable ids `<prefix>-<row>`. */
async function withIds(csv: string, jsonl: string, prefix: string): Promise<string> {
  const source = await openRecordSource(csv);
  const sink = openRecordSink(jsonl);
  let row = 0;
  for await (const batch of source.batches(2000)) {
    for (const record of batch as readonly (SourceRecord | RecordError)[]) {
      if ('error' in record) continue;
      row++;
      await sink.write({ id: `${prefix}-${String(row).padStart(5, '0')}`, ...record.values });
    }
  }
  await sink.close();
  return jsonl;
}
