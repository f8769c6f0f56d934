import { drawChecks, type CheckDesign } from '../../core/checks/index.js';
import { identityCalibrator } from '../../core/calibration/index.js';
import { HiloError } from '../../core/errors.js';
import type { Clock, Progress, Store } from '../../core/ports/index.js';
import { loadCalibrator } from '../calibrate/index.js';
import { loadScoredItems } from '../route/index.js';

export interface DrawPoolChecksOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The labeller whose newest votes score the pool (the current labeller). */
  readonly source: string;
  /** The project's labels and fields, in order. */
  readonly labels: readonly string[];
  readonly fields: readonly string[];
  /** New checks to draw (fewer when fewer pool items are left). */
  readonly count: number;
  readonly design: CheckDesign;
  readonly seed: number;
  readonly progress?: Progress;
}

/** One stratum after a draw: its pool items, checks drawn in all and in this draw. */
export interface DrawnStratum {
  readonly stratum: string;
  readonly size: number;
  readonly drawn: number;
  readonly added: number;
}

export interface DrawPoolChecksReport {
  /** Which draw this was (1 for the first). */
  readonly draw: number;
  readonly added: number;
  /** Checks in all, earlier ones included. */
  readonly total: number;
  readonly poolItems: number;
  /** Pool items without a label from the source (no vote, or an abstention): stratum `none@<0.5`. */
  readonly withoutLabel: number;
  /** Whether the source's calibrator scored the pool (else its raw confidence). */
  readonly calibrated: boolean;
  readonly strata: readonly DrawnStratum[];
}

/**
 * Below 0.5 so an item without a machine label falls in the `none@<0.5` stratum; near 0.5 so the
 * stratified allocation treats the machine's chance on it as the least known.
 */
const NO_LABEL_CONFIDENCE = 0.49;
const PAGE = 2000;

/**
 * `hilo checks draw`: scores every pool item by the source's newest vote through its calibrator
 * (as routing reads them), draws `count` new checks with `drawChecks` (uniform, or stratified by
 * predicted label × confidence band; items without a machine label in a stratum of their own),
 * and stores them; a later draw tops up, keeping earlier checks in their strata and storing their
 * recomputed probabilities. Everything is written in one transaction.
 * @example const report = await drawPoolChecks({ store, clock, source, labels, fields, count: 200, design: 'stratified', seed: 1 })
 * Complexity: O(pool) store reads in pages, O(pool + count · strata) to draw.
 */
export async function drawPoolChecks(
  options: DrawPoolChecksOptions,
): Promise<DrawPoolChecksReport> {
  const { store, source, labels, progress } = options;
  const poolItems = await store.countItems({ role: 'pool' });
  if (poolItems === 0) {
    throw new HiloError('NOT_FOUND', 'no pool items to draw checks from: run `hilo import` first');
  }
  const ids = await poolIds(store, poolItems, progress);
  const stored = await loadCalibrator(store, source);
  const scored = await loadScoredItems({
    store,
    source,
    labels,
    fields: options.fields,
    calibrator: stored?.calibrator ?? identityCalibrator(labels.length),
    roles: ['pool'],
  });
  if (scored.ids.length + scored.abstained.ids.length === 0) {
    throw new HiloError(
      'NOT_FOUND',
      `no pool item has a vote from ${source}: run \`hilo label\` first (checks are drawn by its confidence)`,
    );
  }
  const position = new Map(scored.ids.map((id, i) => [id, i]));
  const confidence = new Float64Array(ids.length);
  const predicted = new Int32Array(ids.length);
  let withoutLabel = 0;
  ids.forEach((id, i) => {
    const at = position.get(id);
    if (at === undefined) withoutLabel++;
    confidence[i] = at === undefined ? NO_LABEL_CONFIDENCE : (scored.confidence[at] as number);
    predicted[i] = at === undefined ? -1 : (scored.predicted[at] as number);
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const earlier = (await store.listChecks()).filter((c) => index.has(c.itemId));
  const mixed = earlier.find((c) => (c.stratum === 'all') !== (options.design === 'uniform'));
  if (mixed !== undefined) {
    const was = mixed.stratum === 'all' ? 'uniform' : 'stratified';
    throw new HiloError(
      'INVALID_INPUT',
      `earlier checks were drawn ${was}: top them up with --design ${was}, so every check keeps a true probability`,
      { field: 'design' },
    );
  }
  const draw = Math.max(0, ...earlier.map((c) => c.draw)) + 1;
  const result = drawChecks({
    confidence,
    predicted,
    labels,
    count: options.count,
    design: options.design,
    seed: options.seed,
    already: earlier.map((c) => ({ index: index.get(c.itemId) as number, stratum: c.stratum })),
  });
  const already = new Set(earlier.map((c) => c.itemId));
  const drawnAt = new Date(options.clock.now()).toISOString();
  const added = result.checks
    .filter((c) => !already.has(ids[c.index] as string))
    .map((c) => ({ ...c, itemId: ids[c.index] as string }));
  const reweighed = result.checks
    .filter((c) => already.has(ids[c.index] as string))
    .map((c) => ({
      itemId: ids[c.index] as string,
      stratum: c.stratum,
      stratumSize: c.stratumSize,
      probability: c.probability,
    }));
  await store.transaction(async (tx) => {
    await tx.reweighChecks(reweighed);
    await tx.addChecks(
      added.map((c) => ({
        itemId: c.itemId,
        draw,
        stratum: c.stratum,
        stratumSize: c.stratumSize,
        probability: c.probability,
        drawnAt,
      })),
    );
  });
  const addedPer = new Map<string, number>();
  for (const c of added) addedPer.set(c.stratum, (addedPer.get(c.stratum) ?? 0) + 1);
  return {
    draw,
    added: added.length,
    total: result.checks.length,
    poolItems,
    withoutLabel,
    calibrated: stored !== undefined,
    strata: result.strata.map((s) => ({
      stratum: s.key,
      size: s.size,
      drawn: s.drawn,
      added: addedPer.get(s.key) ?? 0,
    })),
  };
}

/** Ids of every pool item, in id order (the order candidates keep across draws). */
async function poolIds(
  store: Store,
  total: number,
  progress: Progress | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  progress?.start('read the pool', total);
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: 'pool',
      limit: PAGE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const item of page) ids.push(item.id);
    progress?.update(ids.length);
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]?.id;
  }
  progress?.finish(`read ${ids.length} pool items`);
  return ids;
}
