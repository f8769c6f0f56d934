import type { Interval } from '../routing/clopper-pearson.js';
import { humanBaselineCost } from './cost-model.js';

/** Per-item prices and staffing of a plan. */
export interface UnitCosts {
  /** Machine first pass per item (tokens × price + hosting share), paid for every item. */
  readonly machinePerItem: number;
  /** One person labelling one item (see `annotationCost`). */
  readonly annotation: number;
  /** People per item in the human zone, per audited item, and in the all-human baseline. */
  readonly overlap: number;
  /** People first asked per item in the overlap zone, where the machine is one more voter. */
  readonly overlapZoneHumans: number;
  /**
   * Dynamic overlap: more people are asked on an overlap item while its posterior is below
   * `targetPosterior`, up to `max`; null when the overlap zone gets `overlapZoneHumans` exactly.
   */
  readonly dynamicOverlap?: DynamicOverlap | null;
  /** Control tasks per real human task. */
  readonly controlRate: number;
  /** Share of accepted items sent to people (`overlap` each) for audit. */
  readonly auditRate: number;
}

/** The raise of dynamic overlap, and the accuracy of people its expected cost assumes. */
export interface DynamicOverlap {
  readonly max: number;
  readonly targetPosterior: number;
  readonly humanAccuracy: number;
}

/** Items per zone. */
export interface ZoneCounts {
  readonly accept: number;
  readonly overlap: number;
  readonly human: number;
  /**
   * People-answers on the overlap zone (expected, with dynamic overlap); default
   * `overlap × unit.overlapZoneHumans`.
   */
  readonly overlapPeople?: number;
}

export interface PlanCost {
  readonly machine: number;
  /** People on the overlap and human zones, controls included. */
  readonly people: number;
  /** People auditing accepted items, controls included. */
  readonly audit: number;
  readonly total: number;
}

/**
 * Cost of a routed plan: the machine pass on every item, people on the overlap and human
 * zones (`counts.overlapPeople` answers on the overlap zone when given), audits of accepted
 * items, and control tasks on all human work.
 * @example hybridCost({ accept: 2130, overlap: 300, human: 570 }, unit).total
 * Complexity: O(1).
 */
export function hybridCost(counts: ZoneCounts, unit: UnitCosts): PlanCost {
  const n = counts.accept + counts.overlap + counts.human;
  const perTask = unit.annotation * (1 + unit.controlRate);
  const machine = n * unit.machinePerItem;
  const overlapAnswers = counts.overlapPeople ?? counts.overlap * unit.overlapZoneHumans;
  const people = perTask * (overlapAnswers + counts.human * unit.overlap);
  const audit = perTask * counts.accept * unit.auditRate * unit.overlap;
  return { machine, people, audit, total: machine + people + audit };
}

export interface BaselineComparison {
  readonly plan: { readonly cost: number; readonly accuracy: Interval };
  readonly allHuman: { readonly cost: number; readonly accuracy: number };
  readonly allMachine: { readonly cost: number; readonly accuracy: Interval };
  /** allHuman.cost − plan.cost, and as a share of allHuman.cost. */
  readonly savingVsHuman: number;
  readonly savingFractionVsHuman: number;
  /** plan.cost − allMachine.cost: what the people in the plan cost. */
  readonly extraCostVsMachine: number;
  /** Expected extra right labels compared with the machine alone. */
  readonly extraCorrectVsMachine: number;
  /** extraCostVsMachine / extraCorrectVsMachine; NaN when the plan adds none. */
  readonly costPerExtraCorrect: number;
}

/**
 * Return on a plan: what it saves against people alone and what its extra right labels cost
 * against the machine alone. Accuracies are expected shares of right labels; people's
 * accuracy (from control tasks) is taken as known.
 * @example compareWithBaselines({ counts, unit, planAccuracy, machineAccuracy, humanAccuracy: 0.96 }).savingFractionVsHuman
 * Complexity: O(1).
 */
export function compareWithBaselines(options: {
  readonly counts: ZoneCounts;
  readonly unit: UnitCosts;
  readonly planAccuracy: Interval;
  readonly machineAccuracy: Interval;
  readonly humanAccuracy: number;
}): BaselineComparison {
  const { counts, unit } = options;
  const n = counts.accept + counts.overlap + counts.human;
  const plan = hybridCost(counts, unit).total;
  const allHuman = humanBaselineCost({
    items: n,
    controlRate: unit.controlRate,
    overlap: unit.overlap,
    annotationCost: unit.annotation,
  });
  const allMachine = n * unit.machinePerItem;
  const extraCorrect = n * (options.planAccuracy.estimate - options.machineAccuracy.estimate);
  return {
    plan: { cost: plan, accuracy: options.planAccuracy },
    allHuman: { cost: allHuman, accuracy: options.humanAccuracy },
    allMachine: { cost: allMachine, accuracy: options.machineAccuracy },
    savingVsHuman: allHuman - plan,
    savingFractionVsHuman: allHuman > 0 ? (allHuman - plan) / allHuman : 0,
    extraCostVsMachine: plan - allMachine,
    extraCorrectVsMachine: extraCorrect,
    costPerExtraCorrect: extraCorrect > 0 ? (plan - allMachine) / extraCorrect : Number.NaN,
  };
}
