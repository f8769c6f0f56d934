import { promiseFromChecks, type PeopleError, type PromiseCheck } from '../../core/checks/index.js';
import { humanBaselineCost } from '../../core/cost/cost-model.js';
import { hybridCost } from '../../core/cost/hybrid-cost.js';
import { HiloError } from '../../core/errors.js';
import type { Check, Clock, Store } from '../../core/ports/index.js';
import { expertItemPrice, type PeopleConfig, type Prices } from '../../core/project.js';
import { ZONE_CODES } from '../../core/routing/assign-zones.js';
import type { RouteRunConfig, WholeSetRouteFigures } from '../../core/runs/run-records.js';
import { loadRowCalibrator } from '../calibrate/index.js';
import { answerScore, type TaskShape } from '../../core/task-kind/index.js';
import { identityRows } from './route-kind.js';
import { canReplaceDecision } from '../items/index.js';
import { planUnitCosts } from './plan-unit-costs.js';
import { writeRouteDecisions } from './route-decisions.js';
import { finishedRouteRun, nextRouteRunId } from './route-run.js';
import { loadScoredItems } from './route-evidence.js';
import { wholeSetSentence } from './whole-set-sentence.js';

/** People's error on the items sent to them: declared, or measured on control answers. */
export type PeopleErrorSource =
  | { readonly kind: 'declared'; readonly rate: number }
  | { readonly kind: 'measured'; readonly errors: number; readonly answers: number };

export interface RouteWholeSetOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly source: string;
  readonly labels: readonly string[];
  /** The task's shape (default: classify over `labels`): an answer is right when `answerScore` is 1. */
  readonly shape?: TaskShape;
  readonly fields: readonly string[];
  readonly prices: Prices;
  readonly people: PeopleConfig;
  /** ε: most wrong labels allowed in the final data set; α: the chance the promise fails. */
  readonly maxError: number;
  readonly alpha: number;
  /** People's error; without it the step refuses (unknown people's error cannot be promised). */
  readonly peopleError: PeopleErrorSource | null;
  readonly seed?: number;
}

export interface RouteWholeSetReport {
  readonly runId: string;
  readonly calibrator: string;
  readonly figures: WholeSetRouteFigures;
  readonly counts: { readonly accept: number; readonly overlap: number; readonly human: number };
  readonly sentence: string;
  readonly cost: {
    readonly plan: number;
    readonly allHuman: number;
    readonly allMachine: number;
    /** The expert checks the promise rests on, at `prices.expertItemUsd` each. */
    readonly checks: number;
    readonly expertItemUsd: number;
  };
  /** Pool items already decided by people (they count at people's error), not routed. */
  readonly decided: number;
  /** Pool items without a machine label from the source: they go to people. */
  readonly unlabelled: number;
}

const PAGE = 2000;

async function poolIds(store: Store): Promise<string[]> {
  const ids: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: ['pool'],
      limit: PAGE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const item of page) ids.push(item.id);
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]?.id;
  }
  return ids;
}

/** Labelled checks of pool items, refused while some still await an expert or the pool moved. */
function usableChecks(checks: readonly Check[], index: Map<string, number>): Check[] {
  const inPool = checks.filter((c) => index.has(c.itemId));
  if (inPool.length === 0)
    throw new HiloError(
      'NOT_FOUND',
      'no expert checks drawn from the pool: run `hilo checks draw --count 500` and have them answered first',
    );
  const waiting = inPool.filter((c) => c.label === null).length;
  if (waiting > 0)
    throw new HiloError(
      'INVALID_INPUT',
      `${waiting} of ${inPool.length} expert checks still await an answer: answer them on the Checks page or with \`hilo import FILE --role check\``,
    );
  const sizes = new Map<string, number>();
  for (const c of inPool) sizes.set(c.stratum, c.stratumSize);
  const drawnFrom = [...sizes.values()].reduce((a, b) => a + b, 0);
  if (drawnFrom !== index.size)
    throw new HiloError(
      'CONFLICT',
      `the checks were drawn from ${drawnFrom} pool items but the pool now has ${index.size}: top them up with \`hilo checks draw\` so they stay a sample of this pool`,
    );
  return inPool;
}

/**
 * `hilo route --max-error`: the whole-data-set promise. Every pool item is scored by the source's
 * calibrated confidence and predicted label; the labelled expert checks drawn from the pool
 * (`hilo checks draw`) fit the acceptance order (a random part) and bound the error of the final
 * data set (the rest), people's error included; accepted items are decided `auto`, the others go
 * to people, and checked items keep their experts' labels (they are never accepted). Records a
 * `route` run with `promise: 'whole-set'`.
 * @example await routeWholeSet({ store, clock, source, labels, fields, prices, people, maxError: 0.05, alpha: 0.05, peopleError: { kind: 'declared', rate: 0.02 } })
 * Complexity: O(p log p) for p pool items, plus store reads and writes in pages.
 */
export async function routeWholeSet(options: RouteWholeSetOptions): Promise<RouteWholeSetReport> {
  const { store, source, labels } = options;
  if (!options.peopleError)
    throw new HiloError(
      'INVALID_INPUT',
      "people's error is unknown (no control answers yet): declare it with --people-error (0 when experts label every item not accepted)",
    );
  const started = options.clock.now();
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  const stored = await loadRowCalibrator(store, source, shape);
  const calibrator = stored?.calibrator ?? identityRows(shape);
  const ids = await poolIds(store);
  const index = new Map(ids.map((id, i) => [id, i]));
  const checks = usableChecks(await store.listChecks(), index);
  const scored = await loadScoredItems({
    store,
    source,
    labels,
    fields: options.fields,
    calibrator,
    shape,
    roles: ['pool'],
  });
  // Each distinct answer (a label, or a multi-label set code) is one "predicted label".
  const answerIndex = new Map<string, number>();
  const answerCodes: string[] = [];
  const codeOf = (answer: string): number => {
    let k = answerIndex.get(answer);
    if (k === undefined) {
      k = answerCodes.push(answer) - 1;
      answerIndex.set(answer, k);
    }
    return k;
  };
  const N = ids.length;
  const confidence = new Float64Array(N).fill(Number.NaN);
  const predicted = new Int32Array(N).fill(-1);
  const voted = new Map<string, number>();
  scored.ids.forEach((id, k) => {
    const i = index.get(id) as number;
    confidence[i] = scored.confidence[k] as number;
    predicted[i] = codeOf(scored.answers[k] as string);
    voted.set(id, scored.voteIds[k] as number);
  });
  const checked = new Set(checks.map((c) => c.itemId));
  const decidedIds = new Set(
    (await listAll(store, ids))
      .filter((d) => !canReplaceDecision(d, 'auto') && !checked.has(d.itemId))
      .map((d) => d.itemId),
  );
  // An item people already decided keeps their label: it can never be accepted.
  for (const id of decidedIds) predicted[index.get(id) as number] = -1;
  const promiseChecks: PromiseCheck[] = checks.map((c) => {
    const i = index.get(c.itemId) as number;
    const machine = predicted[i] as number;
    return {
      index: i,
      stratum: c.stratum,
      stratumSize: c.stratumSize,
      right:
        machine >= 0 &&
        c.label !== null &&
        answerScore(shape, answerCodes[machine] as string, c.label) === 1,
    };
  });
  const people: PeopleError = options.peopleError;
  const result = promiseFromChecks({
    confidence,
    predicted,
    checks: promiseChecks,
    maxError: options.maxError,
    alpha: options.alpha,
    people,
    seed: options.seed ?? 1,
  });
  const figures: WholeSetRouteFigures = {
    maxError: options.maxError,
    alpha: options.alpha,
    items: N,
    bound: result.bound,
    estimate: result.estimate,
    kept: result.kept,
    spared: result.spared,
    toPeople: result.toPeople,
    checks: checks.length,
    fittedChecks: result.fittedChecks,
    boundChecks: result.boundChecks,
    design: checks.every((c) => c.stratum === 'all') ? 'uniform' : 'stratified',
    boundKind: result.boundKind,
    peopleError: result.peopleErrorUpper,
    peopleErrorFrom:
      people.kind === 'declared'
        ? 'declared'
        : `from ${people.answers.toLocaleString('en-US')} control answers, ${people.errors.toLocaleString('en-US')} wrong`,
  };
  const sentence = wholeSetSentence(figures);
  // Routed: every pool item with a machine vote that neither people nor experts decided.
  const routed = ids.filter((id) => voted.has(id) && !checked.has(id) && !decidedIds.has(id));
  const zones = Uint8Array.from(routed, (id) =>
    result.accept[index.get(id) as number] ? ZONE_CODES.accept : ZONE_CODES.human,
  );
  const accept = zones.filter((z) => z === ZONE_CODES.accept).length;
  const counts = { accept, overlap: 0, human: N - accept - checks.length };
  const unit = await planUnitCosts({
    store,
    source,
    prices: options.prices,
    people: options.people,
    humanAccuracy: 1 - figures.peopleError,
  });
  const cost = {
    plan: hybridCost({ ...counts, overlapPeople: 0 }, unit).total,
    allHuman: humanBaselineCost({
      items: N,
      controlRate: unit.controlRate,
      overlap: unit.overlap,
      annotationCost: unit.annotation,
    }),
    allMachine: N * unit.machinePerItem,
    checks: checks.length * expertItemPrice(options.prices),
    expertItemUsd: expertItemPrice(options.prices),
  };
  const runId = await nextRouteRunId(store, started);
  await store.transaction(async (tx) => {
    const now = new Date(options.clock.now()).toISOString();
    const written = await writeRouteDecisions({
      store: tx,
      source,
      labels,
      shape,
      calibrator,
      ids: routed,
      zones,
      now,
    });
    const config: RouteRunConfig = {
      source,
      calibrator: calibrator.method,
      calibratorVersion: stored?.version ?? 0,
      policy: 'fixed-sequence',
      score: 'confidence',
      target: 1 - options.maxError,
      delta: options.alpha,
      threshold: null,
      thresholds: null,
      lo: null,
      budget: null,
      humanAccuracy: 1 - figures.peopleError,
      counts,
      sentence,
      certified: result.kept && result.spared > 0,
      goldItems: 0,
      goldUsed: 0,
      goldAccepted: 0,
      goldAcceptedCorrect: 0,
      goldNeededDetail: null,
      cost: {
        plan: cost.plan,
        allHuman: cost.allHuman,
        allMachine: cost.allMachine,
        planLow: cost.plan,
        planHigh: cost.plan,
        currency: 'USD',
        machinePerItem: unit.machinePerItem,
        annotation: unit.annotation,
        overlap: unit.overlap,
        overlapZoneHumans: unit.overlapZoneHumans,
        dynamicOverlap: null,
        overlapPeople: 0,
        controlRate: unit.controlRate,
        auditRate: 0,
        staffing: null,
      },
      testCheck: null,
      unlabelled: N - voted.size,
      decided: decidedIds.size,
      router: null,
      auditRun: null,
      promise: 'whole-set',
      wholeSet: figures,
      goldCheck: null,
      warnings: null,
    };
    await tx.createRun(
      finishedRouteRun({
        id: runId,
        config,
        itemsDone: written.written,
        startedMs: started,
        endedAt: now,
      }),
    );
  });
  return {
    runId,
    calibrator: stored ? calibrator.method : 'none',
    figures,
    counts,
    sentence,
    cost,
    decided: decidedIds.size,
    unlabelled: N - voted.size,
  };
}

async function listAll(store: Store, ids: readonly string[]) {
  const out = [];
  for (let k = 0; k < ids.length; k += PAGE)
    out.push(...(await store.listDecisions({ itemIds: ids.slice(k, k + PAGE) })));
  return out;
}
