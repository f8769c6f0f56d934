import type { Decision, Distribution, Vote } from '../../core/types.js';
import { itemPosterior } from './item-posterior.js';
import { humanSource, isoAt, peopleConfig, type PeopleContext } from './people-context.js';

/** The source `hilo aggregate` writes with its default method, so both decide alike. */
export const LIVE_DECISION_SOURCE = 'aggregate:recommended';

/**
 * Decides an item again as an answer arrives: its votes (people hard, machines soft, discounted
 * people left out, a control or exam item clamped to its trusted label) read through the served
 * crowd model's own Dawid-Skene matrices and class priors, the posterior `hilo aggregate` would
 * give under the same fit. The votes are also queued to be folded into the model (incremental
 * Dawid-Skene), and the decision is stored as `aggregated` with `putLiveDecision`: only while the
 * item's votes are still those read, so under concurrent answers the last answer's decision is
 * the one kept, and never over a reviewer's or gold decision. Does nothing without a served
 * crowd model, with `people.liveDecisions` off, or before a person voted on the item.
 * @example await liveAggregate(ctx, 'item-7') // the stored decision, or null
 * Complexity: one read of the item's votes and their people, O(votes × K), one upsert.
 */
export async function liveAggregate(ctx: PeopleContext, itemId: string): Promise<Decision | null> {
  const { store, crowd } = ctx;
  if (crowd === undefined || !peopleConfig(ctx.project).liveDecisions) return null;
  const votes = await store.listVotes({ itemIds: [itemId] });
  const ignored = new Set<string>();
  let people = 0;
  for (const source of new Set(votes.map((v) => v.source))) {
    if (!source.startsWith('human:')) continue;
    const annotator = await store.people.getAnnotator(source.slice(humanSource('').length));
    if (annotator?.discounted === true) ignored.add(source);
    else people++;
  }
  const kept = votes.filter((v) => v.label !== null && !ignored.has(v.source));
  if (people === 0 || !kept.some((v) => v.source.startsWith('human:'))) return null;
  const entry = await store.people.getQueueEntry(itemId);
  const gold = entry !== undefined && entry.kind !== 'task' ? entry.goldLabel : null;
  crowd.addVotes(kept.map((vote) => ({ vote, gold })));
  const posterior =
    gold === null
      ? itemPosterior(await crowd.current(), kept, ignored, { fitted: true })
      : clamped(
          ctx.project.labels.map((l) => l.name),
          gold,
        );
  const decision = liveDecision(itemId, posterior, kept, isoAt(ctx.clock));
  const stored = await store.people.putLiveDecision({
    decision,
    seen: { votes: votes.length, newestVoteId: votes.reduce((m, v) => Math.max(m, v.id), 0) },
  });
  return stored ? decision : null;
}

function liveDecision(
  itemId: string,
  probabilities: Distribution,
  votes: readonly Vote[],
  now: string,
): Decision {
  let label = '';
  let best = -1;
  for (const [name, p] of Object.entries(probabilities)) {
    if (p > best) {
      best = p;
      label = name;
    }
  }
  return {
    itemId,
    label,
    confidence: best,
    probabilities,
    decidedBy: 'aggregated',
    source: LIVE_DECISION_SOURCE,
    voteIds: votes.map((v) => v.id),
    zone: null,
    updatedAt: now,
  };
}

function clamped(labels: readonly string[], gold: string): Distribution {
  return Object.fromEntries(labels.map((l) => [l, l === gold ? 1 : 0]));
}
