import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import { runsOfKind, type LabelRun } from '../../core/runs/run-records.js';
import { LOCAL_MODEL_NAME, localSource } from './local-source.js';

/**
 * The labeller the steps after labelling work on, and why: asked for by name (`flag`), the
 * labeller of the newest finished label run (`label-run`, with that run), or the newest local
 * model (`local-model`).
 */
export type LabellerChoice =
  | { readonly id: string; readonly chosenBy: 'label-run'; readonly runId: string }
  | { readonly id: string; readonly chosenBy: 'flag' | 'local-model'; readonly runId: null };

/**
 * The one rule for "the current labeller", which eval, calibrate, plan, route, report and the
 * dashboard all follow: the labeller asked for (`--source`), else the labeller of the newest
 * label run that finished (`done`; a failed, interrupted or still running run is never chosen),
 * else the newest local model (whose gold votes `hilo learn` stores).
 * @example (await currentLabeller({ store })).id // 'llm:gpt-4o-mini#1a2b3c4d'
 * @throws HiloError NOT_FOUND when nothing was asked for and no labeller qualifies.
 * Complexity: one read of the label runs and at most one model lookup.
 */
export async function currentLabeller(options: {
  readonly store: Store;
  /** The labeller asked for by name; empty or absent: choose. */
  readonly asked?: string | undefined;
}): Promise<LabellerChoice> {
  const { store, asked } = options;
  if (asked) return { id: asked, chosenBy: 'flag', runId: null };
  const runs = await labelRuns(store);
  const finished = runs.filter((run) => run.status === 'done').at(-1);
  if (finished) return { id: finished.config.labeller, chosenBy: 'label-run', runId: finished.id };
  const local = await store.getModel(LOCAL_MODEL_NAME);
  if (local) return { id: localSource(local.version), chosenBy: 'local-model', runId: null };
  const last = runs.at(-1);
  throw new HiloError(
    'NOT_FOUND',
    'no labeller to work on: run `hilo learn`, `hilo label` or `hilo import-predictions` first, or pass --source' +
      (last ? ` (the last label run, ${last.id}, is ${last.status})` : ''),
  );
}

/**
 * The choice in one line, as every command that makes it prints it.
 * @example labellerLine({ id: 'model:local@2', chosenBy: 'flag', runId: null }) // 'labeller: model:local@2 (--source)'
 * Complexity: O(1).
 */
export function labellerLine(choice: LabellerChoice): string {
  const why =
    choice.chosenBy === 'label-run'
      ? `newest finished label run, ${choice.runId}`
      : choice.chosenBy === 'flag'
        ? '--source'
        : 'newest local model; no label run has finished';
  return `labeller: ${choice.id} (${why})`;
}

/**
 * The label runs that wrote votes of a source, oldest first, whatever their status (a failed
 * run's votes and spend are still the source's).
 * @example (await labelRunsOf(store, 'model:local@2')).map((run) => run.costUsd)
 * Complexity: one read of the label runs.
 */
export async function labelRunsOf(store: Store, source: string): Promise<LabelRun[]> {
  return (await labelRuns(store)).filter((run) => run.config.labeller === source);
}

async function labelRuns(store: Store): Promise<LabelRun[]> {
  return runsOfKind(await store.listRuns({ kind: 'label' }), 'label');
}

/**
 * The command that gives items votes of a source, for messages that say how to get them:
 * `hilo import-predictions FILE --model NAME` for imported predictions, else `hilo label`.
 * @example voteCommand('import:gpt-4o') // '`hilo import-predictions FILE --model gpt-4o`'
 * Complexity: O(1).
 */
export function voteCommand(source: string): string {
  return source.startsWith('import:')
    ? `\`hilo import-predictions FILE --model ${source.slice('import:'.length)}\``
    : '`hilo label`';
}
