import type { Store } from '../../core/ports/index.js';
import { exactSetProbability, expectedLabelAccuracy } from '../../core/multilabel/index.js';
import {
  decideItem,
  labelSetIndices,
  probabilityRow,
  scoreRows,
  type TaskShape,
} from '../../core/task-kind/index.js';
import { ZONES } from '../../core/routing/assign-zones.js';
import type { Decision, Vote } from '../../core/types.js';
import { distributionRow, newestVoteByItem, type RowCalibrator } from '../calibrate/index.js';
import { canReplaceDecision } from '../items/index.js';

export interface RouteDecisionsInput {
  /** The store, usually a transaction, so a routing is written whole or not at all. */
  readonly store: Store;
  readonly source: string;
  readonly labels: readonly string[];
  readonly calibrator: RowCalibrator;
  /** The task's shape (default: classify over `labels`): how an accepted answer is decided. */
  readonly shape?: TaskShape;
  /** Routed item ids and the zone code (see `ZONES`) of each. */
  readonly ids: readonly string[];
  readonly zones: Uint8Array;
  /** ISO time stamp of the decisions. */
  readonly now: string;
}

const CHUNK = 500;

function shapeOf(input: RouteDecisionsInput): TaskShape {
  return input.shape ?? { kind: 'classify', labels: input.labels };
}

/** The labeller's own confidence in its answer; for a set, the probability under the measure. */
function voteConfidence(vote: Vote, shape: TaskShape): number | null {
  if (vote.label === null || vote.probabilities === null) return null;
  if (shape.kind === 'multilabel') {
    const row = probabilityRow(shape, vote.probabilities);
    const set = labelSetIndices(vote.label, shape.labels);
    return shape.measure === 'exact'
      ? exactSetProbability(row, set)
      : expectedLabelAccuracy(row, set);
  }
  return vote.probabilities[vote.label] ?? null;
}

/** Decisions routing may replace: the machine's first pass and an earlier routing's. */
function routable(existing: Decision | undefined): boolean {
  return canReplaceDecision(existing, 'auto');
}

function accepted(vote: Vote, input: RouteDecisionsInput): Decision {
  const { labels } = input;
  const K = labels.length;
  const raw = new Float64Array(K);
  if (vote.probabilities) distributionRow(vote.probabilities, labels, raw, 0);
  const calibrated = input.calibrator.apply(raw);
  const shape = shapeOf(input);
  const decided = scoreRows(shape, calibrated);
  return {
    itemId: vote.itemId,
    label: decided.answers[0] as string,
    confidence:
      shape.kind === 'multilabel'
        ? decideItem(shape, calibrated).confidence
        : (decided.confidence[0] as number),
    probabilities: Object.fromEntries(labels.map((label, k) => [label, calibrated[k] as number])),
    decidedBy: 'auto',
    source: input.source,
    voteIds: [vote.id],
    zone: 'accept',
    updatedAt: input.now,
  };
}

function notAccepted(
  vote: Vote,
  existing: Decision | undefined,
  zone: 'overlap' | 'human',
  input: RouteDecisionsInput,
): Decision {
  // The machine's own decision from this labeller stays as it is; only its zone changes.
  if (existing && existing.decidedBy === 'machine' && existing.source === input.source) {
    return { ...existing, zone, updatedAt: input.now };
  }
  return {
    itemId: vote.itemId,
    label: vote.label,
    confidence: voteConfidence(vote, shapeOf(input)),
    probabilities: vote.probabilities,
    decidedBy: 'machine',
    source: input.source,
    voteIds: [vote.id],
    zone,
    updatedAt: input.now,
  };
}

/**
 * Writes the zone of every routed item into its decision. Accepted items are decided `auto`
 * with the calibrated distribution (label = its top, confidence = its probability; for other
 * kinds the answer `decideItem` gives: a multi-label set code with the calibrated marginals and
 * the probability under the measure, a rating's best ±k window); the others
 * keep the labeller's machine decision with the zone set. Decisions by people, reviewers,
 * aggregation or gold outrank routing and are left untouched; an earlier routing's `auto`
 * decision is demoted when the item is no longer accepted.
 * @example await writeRouteDecisions({ store: tx, source, labels, calibrator, ids, zones, now });
 * Complexity: O(items) store reads and writes in chunks of 500, O(K) per accepted item.
 */
export async function writeRouteDecisions(
  input: RouteDecisionsInput,
): Promise<{ readonly written: number; readonly kept: number }> {
  const { store, ids, zones } = input;
  let written = 0;
  let kept = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const votes = newestVoteByItem(await store.listVotes({ itemIds: chunk, source: input.source }));
    const existing = new Map(
      (await store.listDecisions({ itemIds: chunk })).map((d) => [d.itemId, d]),
    );
    const decisions: Decision[] = [];
    chunk.forEach((id, j) => {
      const vote = votes.get(id);
      const current = existing.get(id);
      if (!vote || !routable(current)) {
        kept++;
        return;
      }
      const zone = ZONES[zones[start + j] as number] ?? 'human';
      const isAccepted = zone === 'accept' && vote.label !== null && vote.probabilities !== null;
      decisions.push(
        isAccepted
          ? accepted(vote, input)
          : notAccepted(vote, current, zone === 'accept' ? 'human' : zone, input),
      );
    });
    if (decisions.length > 0) await store.putDecisions(decisions);
    written += decisions.length;
  }
  return { written, kept };
}
