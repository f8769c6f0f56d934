import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Progress, RecordError, SourceRecord } from '../core/ports/index.js';
import { openRecordSink } from '../files/open-record-sink.js';
import { openRecordSource } from '../files/open-record-source.js';
import type { Evaluation } from '../pipeline/calibrate/index.js';
import type { LearnReport } from '../pipeline/learn/index.js';
import { initProject } from '../project/project-file.js';
import { openProject } from './open-project.js';
import type { LabelRun } from './project-handle.js';

/** banking77 (Casanueva et al. 2020, CC BY 4.0), shipped in the package. */
const DATA = new URL('../../data/banking77/', import.meta.url);

/**
 * One finished step of the demo, in order.
 * @example onStep: (s) => s.step === 'evaluated' && console.log(s.evaluation.metrics.accuracy)
 */
export type DemoStep =
  | { readonly step: 'created'; readonly dir: string; readonly labels: number }
  | { readonly step: 'imported'; readonly gold: number; readonly test: number }
  | { readonly step: 'learned'; readonly learn: LearnReport }
  | { readonly step: 'labelled'; readonly run: LabelRun; readonly labels: number }
  | { readonly step: 'evaluated'; readonly evaluation: Evaluation }
  | { readonly step: 'exported'; readonly written: number; readonly file: string };

/**
 * Where the demo project goes and how its steps are reported.
 * @example const options: DemoOptions = { dir: 'demo', folds: 5, onStep: (s) => console.log(s.step) }
 */
export interface DemoOptions {
  /** Where to create the project; default a new temporary directory. */
  readonly dir?: string;
  /** Cross-fit folds for out-of-fold gold votes; default 0 (none: fastest). */
  readonly folds?: number;
  readonly progress?: Progress;
  /** Called as each step finishes. */
  readonly onStep?: (step: DemoStep) => void;
}

/**
 * The whole first pass offline on the shipped banking77 data: a project with its 77 intents,
 * the training split as gold and the test split held out, the local model trained on the gold,
 * the test items labelled and scored, and every item exported to DIR/labels.jsonl.
 * @example await runDemo({ onStep: (s) => console.log(s.step) })
 */
export async function runDemo(options: DemoOptions = {}): Promise<{ dir: string }> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'hilo-demo-')));
  const step = options.onStep ?? (() => undefined);
  const labels = JSON.parse(await readFile(new URL('categories.json', DATA), 'utf8')) as string[];
  step({ step: 'created', dir, labels: labels.length });
  await initProject(dir, {
    name: 'banking77-demo',
    labels: labels.map((name) => ({ name, description: name.replace(/_/g, ' ') })),
    fields: ['text'],
    guidelines: 'Pick the intent of the customer query to an online bank.',
    force: true,
  });
  const gold = await withIds(new URL('train.csv', DATA).pathname, join(dir, 'gold.jsonl'), 'train');
  const test = await withIds(new URL('test.csv', DATA).pathname, join(dir, 'test.jsonl'), 'test');
  const project = await openProject({
    dir,
    env: {},
    ...(options.progress ? { progress: options.progress } : {}),
  });
  try {
    const common = { idField: 'id', labelField: 'category' };
    const g = await project.importItems({ ...common, file: gold, role: 'gold' });
    const t = await project.importItems({ ...common, file: test, role: 'test' });
    step({ step: 'imported', gold: g.inserted + g.updated, test: t.inserted + t.updated });
    const learned = await project.learn({ folds: options.folds ?? 0 });
    step({ step: 'learned', learn: learned.learn });
    const run = await project.label({ labeller: 'local', roles: ['test', 'pool'] });
    step({ step: 'labelled', run, labels: labels.length });
    const evaluation = await project.evaluate({ source: run.source, roles: ['test'] });
    step({ step: 'evaluated', evaluation });
    const file = join(dir, 'labels.jsonl');
    const exported = await project.export({ file });
    step({ step: 'exported', written: exported.written, file });
  } finally {
    await project.close();
  }
  return { dir };
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
