import type { Store } from '../../core/ports/index.js';
import type { Decision, NewVote, Vote } from '../../core/types.js';
import { canReplaceDecision } from '../items/index.js';
import type { Prediction } from './prediction-types.js';

/** What writing one file's predictions did. */
export interface WriteCounts {
  /** Votes added on items the source had not voted on. */
  readonly added: number;
  /** Votes whose content changed: the source's earlier votes on the item were replaced. */
  readonly replaced: number;
  /** Predictions already stored with the same content: nothing written. */
  readonly unchanged: number;
}

const CHUNK = 1000;
/** Two probabilities this close are the same (floating point through JSON and SQL). */
const SAME = 1e-9;

/**
 * Stores predictions as votes of `source`. Per item: no earlier vote of the source → a new vote;
 * the newest earlier vote has the same label, distribution, method, other mass and stated
 * confidence → nothing written; otherwise the source's earlier votes on the item are deleted
 * and the new one added (a replaced prediction). Items whose decision a machine may set get a
 * `machine` decision from the new vote, as `hilo label` writes. Call inside a transaction.
 * @example await writePredictions({ store: tx, source: 'import:gpt-4o', runId, predictions, costPerItem: 0, now })
 * Complexity: O(predictions × labels), three store reads and at most three writes per 1,000.
 */
export async function writePredictions(options: {
  readonly store: Store;
  readonly source: string;
  readonly runId: string;
  readonly predictions: readonly Prediction[];
  readonly costPerItem: number;
  readonly now: string;
}): Promise<WriteCounts> {
  const { store, source, runId, costPerItem, now } = options;
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  for (let i = 0; i < options.predictions.length; i += CHUNK) {
    const chunk = options.predictions.slice(i, i + CHUNK);
    const itemIds = chunk.map((p) => p.id);
    const earlier = new Map<string, Vote[]>();
    for (const vote of await store.listVotes({ itemIds, source })) {
      const list = earlier.get(vote.itemId) ?? [];
      list.push(vote);
      earlier.set(vote.itemId, list);
    }
    const stale: number[] = [];
    const fresh: Prediction[] = [];
    for (const p of chunk) {
      const votes = earlier.get(p.id) ?? [];
      const newest = votes.at(-1);
      if (newest !== undefined && sameContent(newest, p)) {
        unchanged++;
        continue;
      }
      if (newest === undefined) added++;
      else replaced++;
      for (const vote of votes) stale.push(vote.id);
      fresh.push(p);
    }
    if (fresh.length === 0) continue;
    if (stale.length > 0) await store.deleteVotes(stale);
    const ids = await store.addVotes(fresh.map((p) => voteOf(p, source, runId, costPerItem, now)));
    const decisions = new Map(
      (await store.listDecisions({ itemIds: fresh.map((p) => p.id) })).map((d) => [d.itemId, d]),
    );
    const next: Decision[] = [];
    fresh.forEach((p, k) => {
      if (p.label === null || p.probabilities === null) return;
      if (!canReplaceDecision(decisions.get(p.id), 'machine')) return;
      next.push({
        itemId: p.id,
        label: p.label,
        confidence: p.confidence ?? p.probabilities[p.label] ?? null,
        probabilities: p.probabilities,
        decidedBy: 'machine',
        source,
        voteIds: [ids[k] as number],
        zone: null,
        updatedAt: now,
      });
    });
    if (next.length > 0) await store.putDecisions(next);
  }
  return { added, replaced, unchanged };
}

function voteOf(
  p: Prediction,
  source: string,
  runId: string,
  costUsd: number,
  createdAt: string,
): NewVote {
  return {
    itemId: p.id,
    source,
    label: p.label,
    probabilities: p.probabilities,
    method: p.method,
    otherMass: p.otherMass,
    verbalized: p.verbalized,
    rationale: null,
    abstainReason: p.label === null ? 'the prediction is an option outside the label set' : null,
    runId,
    tokensIn: 0,
    tokensOut: 0,
    costUsd,
    latencyMs: 0,
    timeSpentMs: null,
    createdAt,
  };
}

function sameContent(vote: Vote, p: Prediction): boolean {
  return (
    vote.label === p.label &&
    vote.method === p.method &&
    close(vote.otherMass, p.otherMass) &&
    (vote.verbalized === null ? p.verbalized === null : close(vote.verbalized, p.verbalized)) &&
    sameDistribution(vote.probabilities, p.probabilities)
  );
}

function sameDistribution(
  a: Readonly<Record<string, number>> | null,
  b: Readonly<Record<string, number>> | null,
): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!close(a[key] ?? 0, b[key] ?? 0)) return false;
  return true;
}

function close(a: number, b: number | null | undefined): boolean {
  return b !== null && b !== undefined && Math.abs(a - b) <= SAME;
}
