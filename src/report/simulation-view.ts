/**
 * What the simulation sections of a report show, as plain data: the results of `hilo simulate
 * al | relabel | hybrid` (their JSON) fit these shapes, so a saved result file can be reported
 * later without re-running it.
 */

/** An estimate with its 95% interval. */
export interface IntervalView {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Active-learning curves per query strategy, against random. */
export interface AlView {
  readonly fullDataAccuracy: number;
  readonly targetShare: number;
  readonly items: number;
  readonly pool: number;
  readonly test: number;
  readonly classes: number;
  readonly batch: number;
  readonly initial: number;
  readonly seed: number;
  readonly repeats: number;
  readonly strategies: Readonly<
    Record<
      string,
      {
        readonly rounds: readonly { readonly labels: number; readonly accuracy: number }[];
        readonly labelsToReach99: number | null;
        readonly savingVsRandom: number | null;
        readonly stoppedAt: number | null;
      }
    >
  >;
}

interface RelabelOutcomeView {
  readonly labelAccuracy: number;
  readonly errorsFound: number;
  readonly testAccuracy: number;
}

/** Noisy single labels, and the share of them sent back to people. */
export interface RelabelView {
  readonly items: number;
  readonly train: number;
  readonly test: number;
  readonly classes: number;
  readonly noiseRate: number;
  readonly cleanAccuracy: number;
  readonly noisyAccuracy: number;
  readonly sweep: readonly {
    readonly share: number;
    readonly relabelled: number;
    readonly byConfidence: RelabelOutcomeView;
    readonly random: RelabelOutcomeView;
  }[];
}

interface HybridArmView {
  readonly accuracy: IntervalView;
  readonly cost: number;
  readonly costPerItem: number;
}

/** The whole hybrid loop at one policy, against all-human and all-machine. */
export interface HybridView {
  readonly items: number;
  readonly pool: number;
  readonly gold: number;
  readonly classes: number;
  readonly crowd: string;
  readonly policy: { readonly accept: number; readonly humanBelow: number };
  readonly zones: { readonly accept: number; readonly overlap: number; readonly human: number };
  readonly overlapPeoplePerItem: number;
  readonly zoneAccuracy: {
    readonly accept: number;
    readonly overlap: number;
    readonly human: number;
  };
  readonly hybrid: HybridArmView;
  readonly allHuman: HybridArmView;
  readonly allMachine: HybridArmView;
  readonly savingVsHuman: number;
}

/** One simulation result, named by what it ran on. */
export type SimulationView =
  | { readonly kind: 'al'; readonly title: string; readonly result: AlView }
  | { readonly kind: 'relabel'; readonly title: string; readonly result: RelabelView }
  | { readonly kind: 'hybrid'; readonly title: string; readonly result: HybridView };
