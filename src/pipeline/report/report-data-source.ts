import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import type { Run } from '../../core/types.js';
import type { SourceChoice, SpendData } from './report-data-types.js';

/**
 * The newest run that passes `keep`, by start time.
 * @example newestRun(await store.listRuns({ kind: 'route' }), (run) => run.status === 'done')
 * Complexity: O(runs).
 */
export function newestRun(runs: readonly Run[], keep: (run: Run) => boolean): Run | null {
  let best: Run | null = null;
  for (const run of runs) {
    if (keep(run) && (best === null || run.startedAt >= best.startedAt)) best = run;
  }
  return best;
}

/**
 * The labeller to report on: the one asked for, else the newest routing policy's, else the
 * newest label run's, else the newest local model.
 * @example await chooseSource(store, undefined, routeRun) // { id: 'model:local@2', chosenBy: 'label-run' }
 * Complexity: one read of the label runs, plus a few vote reads for a run that names only its model.
 * @throws HiloError NOT_FOUND when no labeller has run yet.
 */
export async function chooseSource(
  store: Store,
  flag: string | undefined,
  routeRun: Run | null,
): Promise<{ id: string; chosenBy: SourceChoice }> {
  if (flag) return { id: flag, chosenBy: 'flag' };
  const routed = routeRun?.config.source;
  if (typeof routed === 'string' && routed !== '') return { id: routed, chosenBy: 'route' };
  const runs = [...(await store.listRuns({ kind: 'label' }))].sort((a, b) =>
    b.startedAt.localeCompare(a.startedAt),
  );
  for (const run of runs) {
    const id = labelRunSource(run) ?? (await sourceFromVotes(store, run));
    if (id !== null) return { id, chosenBy: 'label-run' };
  }
  const local = await store.getModel('local');
  if (local) return { id: `model:local@${local.version}`, chosenBy: 'local-model' };
  throw new HiloError(
    'NOT_FOUND',
    'nothing to report yet: run `hilo learn` and `hilo label` first, or pass --source',
  );
}

/**
 * The vote source a label run wrote: its `source`, or a `labeller` that is one, else rebuilt
 * from the labeller's description (`local` + version). Null when the run does not say.
 */
function labelRunSource(run: Run): string | null {
  const { source, labeller, version } = run.config;
  if (typeof source === 'string' && source !== '') return source;
  if (typeof labeller === 'string' && labeller.includes(':')) return labeller;
  if (labeller === 'local' && typeof version === 'number') return `model:local@${version}`;
  return null;
}

/**
 * The source of an LLM run that names only its model, read off the votes of a few items (held-out
 * ones first: they are labelled with everything else): the newest vote under that model's prefix.
 */
async function sourceFromVotes(store: Store, run: Run): Promise<string | null> {
  const model = run.config.model;
  if (typeof model !== 'string') return null;
  for (const role of [['test', 'gold'], ['pool']] as const) {
    const items = await store.listItems({ role, limit: 200 });
    if (items.length === 0) continue;
    const votes = await store.listVotes({
      itemIds: items.map((item) => item.id),
      sourcePrefix: `llm:${model}#`,
    });
    let newest: (typeof votes)[number] | null = null;
    for (const vote of votes) if (newest === null || vote.id > newest.id) newest = vote;
    if (newest) return newest.source;
  }
  return null;
}

/** Whether a label run voted as `source`; an LLM run that names only its model matches by model. */
function runIsFor(run: Run, source: string): boolean {
  const known = labelRunSource(run);
  if (known !== null) return known === source;
  const model = run.config.model;
  return typeof model === 'string' && source.startsWith(`llm:${model}#`);
}

/**
 * What the source's label runs cost: runs, items, tokens and money.
 * @example spendOf(await store.listRuns({ kind: 'label' }), 'model:local@1').costUsd
 * Complexity: O(runs).
 */
export function spendOf(runs: readonly Run[], source: string): SpendData {
  const mine = runs.filter((run) => runIsFor(run, source));
  return {
    runs: mine.length,
    items: mine.reduce((n, run) => n + run.itemsDone + run.itemsFailed, 0),
    tokensIn: mine.reduce((n, run) => n + run.tokensIn, 0),
    tokensOut: mine.reduce((n, run) => n + run.tokensOut, 0),
    costUsd: mine.reduce((n, run) => n + run.costUsd, 0),
  };
}
