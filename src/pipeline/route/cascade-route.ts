import {
  cascadeOrdering,
  certifyWithChecks,
  chooseCascade,
  type CascadePlan,
} from '../../core/cascade/index.js';
import { identityCalibrator } from '../../core/calibration/fit-calibrator.js';
import { annotationCost } from '../../core/cost/cost-model.js';
import { HiloError } from '../../core/errors.js';
import type { CheckStore, Clock, Store } from '../../core/ports/index.js';
import type { PeopleConfig, Prices } from '../../core/project.js';
import { ZONES } from '../../core/routing/assign-zones.js';
import { loadCalibrator } from '../calibrate/index.js';
import { readCascadeInputs } from './cascade-inputs.js';
import { machineUnitCost } from './machine-unit-cost.js';
import { writeRouteDecisions } from './route-decisions.js';

/** Stage-1 thresholds tried when none are given: five, so each is tested at α / 5. */
export const DEFAULT_T1_GRID: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9];

export interface CascadeRouteOptions {
  readonly store: Store;
  /** Where the expert checks drawn from the pool are kept. */
  readonly checks: CheckStore;
  readonly clock: Clock;
  /** The cheap labeller first, then the stronger one (vote sources). */
  readonly stages: readonly [string, string];
  readonly labels: readonly string[];
  readonly prices: Prices;
  readonly people: PeopleConfig;
  /** ε: largest share of wrong final labels allowed. */
  readonly maxError: number;
  /** α: the promise may fail with probability at most α. */
  readonly alpha: number;
  /** Stage-1 thresholds to try, fixed in advance (default `DEFAULT_T1_GRID`). */
  readonly t1Grid?: readonly number[];
  /** People's error rate on the items sent to them (default 0: experts are right). */
  readonly peopleError?: number;
  /** Write the zones into decisions (default true); false only plans. */
  readonly write?: boolean;
  readonly seed?: number;
}

/** The cascade chosen, what it costs, and what it is compared with. */
export interface CascadeRouteReport {
  readonly stages: readonly [string, string];
  readonly chosen: CascadePlan | null;
  /** Every t1 tried, with what it would keep and cost. */
  readonly plans: readonly CascadePlan[];
  readonly alphaPerT1: number;
  readonly items: number;
  readonly checks: number;
  readonly skippedChecks: number;
  /** Per item: each stage's machine cost and people's price, with where they came from. */
  readonly unit: {
    readonly stage1: number;
    readonly stage2: number;
    readonly people: number;
    readonly basis: readonly [string, string];
  };
  /** USD for the pool: the cascade, the strong model alone under the same promise, people alone. */
  readonly cost: {
    readonly cascade: number;
    readonly strongAlone: number;
    readonly peopleAlone: number;
  };
  /** What the strong model alone would keep under the same promise (tested at the full α). */
  readonly strongAloneKept: number;
  readonly calibrated: readonly [boolean, boolean];
  /** Decisions written (0 when only planning). */
  readonly written: number;
}

/**
 * `hilo cascade`: cheap model → stronger model → people under ONE whole-data-set promise
 * (final error ≤ ε with probability ≥ 1 − α, from the expert checks drawn from the pool). For
 * each stage-1 threshold of a fixed grid the cascade is one ordering of the items, tested by
 * `wholeSetPromise` at α / |grid|; the cheapest certified plan is chosen (see `chooseCascade`
 * for why that keeps the promise). Stage prices come from each stage's label runs, people's
 * from the project's hourly rate × `people.overlap.human`. Kept items are decided `auto` with
 * their stage's label (zone accept), the rest go to people (zone human); decisions by people,
 * experts or reviewers are left as they are.
 * @example const report = await cascadeRoute({ store, checks: store, clock, stages: ['model:local@3', 'llm:big#1'], labels, prices, people, maxError: 0.05, alpha: 0.05 })
 * Complexity: O(|grid| · (N log N + steps · checks · log N)) over N pool items.
 */
export async function cascadeRoute(options: CascadeRouteOptions): Promise<CascadeRouteReport> {
  const { store, stages, labels, prices } = options;
  if (stages[0] === stages[1])
    throw new HiloError('INVALID_INPUT', 'the two stages of a cascade must differ');
  const inputs = await readCascadeInputs({ store, checks: options.checks, stages, labels });
  const N = inputs.ids.length;
  const [unit1, unit2] = [
    await machineUnitCost({ store, source: stages[0], prices }),
    await machineUnitCost({ store, source: stages[1], prices }),
  ];
  const people =
    annotationCost({ hourlyRate: prices.humanHourlyUsd, itemsPerHour: prices.humanItemsPerHour }) *
    options.people.overlap.human;
  const unit = { stage1: unit1.perItem, stage2: unit2.perItem, people };
  const certify = certifyWithChecks({
    checks: inputs.checks,
    maxError: options.maxError,
    ...(options.peopleError ? { people: { kind: 'declared', rate: options.peopleError } } : {}),
    seed: options.seed ?? 0,
  });
  const choice = chooseCascade({
    stage1: inputs.stage1,
    stage2: inputs.stage2,
    t1Grid: options.t1Grid ?? DEFAULT_T1_GRID,
    alpha: options.alpha,
    certify,
    prices: unit,
  });
  // The strong model alone is the cascade whose stage 1 keeps nothing, tested at the full α.
  const strongOnly = cascadeOrdering({ stage1: inputs.stage2, stage2: inputs.stage2, t1: 2 });
  const strongKeep = certify(strongOnly, options.alpha);
  const strongAloneKept = strongKeep.reduce((a, b) => a + b, 0);
  const cost = {
    cascade: choice.chosen?.cost ?? N * (unit.stage1 + unit.stage2 + people),
    strongAlone: N * unit.stage2 + (N - strongAloneKept) * people,
    peopleAlone: N * people,
  };
  let written = 0;
  if (options.write !== false) {
    const ordering = cascadeOrdering({
      stage1: inputs.stage1,
      stage2: inputs.stage2,
      t1: choice.chosen?.t1 ?? 2,
    });
    const keep = choice.chosen ? certify(ordering, choice.alphaPerT1) : new Uint8Array(N);
    written = await writeCascade(options, inputs.ids, ordering.stage, keep);
  }
  return {
    stages,
    chosen: choice.chosen,
    plans: choice.plans,
    alphaPerT1: choice.alphaPerT1,
    items: N,
    checks: inputs.checks.length,
    skippedChecks: inputs.skippedChecks,
    unit: { ...unit, basis: [unit1.basis, unit2.basis] },
    cost,
    strongAloneKept,
    calibrated: inputs.calibrated,
    written,
  };
}

/** Kept items go to their stage as `auto` decisions; the others to people, in one transaction. */
async function writeCascade(
  options: CascadeRouteOptions,
  ids: readonly string[],
  stage: Uint8Array,
  keep: Uint8Array,
): Promise<number> {
  const K = options.labels.length;
  const now = new Date(options.clock.now()).toISOString();
  const accept = ZONES.indexOf('accept');
  const human = ZONES.indexOf('human');
  return options.store.transaction(async (tx) => {
    let written = 0;
    for (const s of [1, 2] as const) {
      const source = options.stages[s - 1] as string;
      const calibrator = (await loadCalibrator(tx, source))?.calibrator ?? identityCalibrator(K);
      // Stage 1 writes the items it keeps; stage 2 the items it keeps and those sent to people.
      const mine = ids.flatMap((id, i) =>
        keep[i] === 1 ? (stage[i] === s ? [i] : []) : s === 2 ? [i] : [],
      );
      const zones = Uint8Array.from(mine, (i) => (keep[i] === 1 ? accept : human));
      const result = await writeRouteDecisions({
        store: tx,
        source,
        labels: options.labels,
        calibrator,
        ids: mine.map((i) => ids[i] as string),
        zones,
        now,
      });
      written += result.written;
    }
    return written;
  });
}
