import { answerProbabilities } from '../../core/people-kinds/index.js';
import type { ProjectConfig } from '../../core/project.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import type { Decision, Vote } from '../../core/types.js';
import { kindPosterior, type KindPosterior } from './kind-posterior.js';
import { humanSource, isoAt, peopleConfig, type PeopleContext } from './people-context.js';

/** The source `hilo aggregate` writes with its default method, so both decide alike. */
export const LIVE_DECISION_SOURCE = 'aggregate:recommended';

/**
 * Decides an item again as an answer arrives: its votes (people hard, machines soft, discounted
 * people left out, a control or exam item clamped to its trusted label) read through the served
 * crowd model's own Dawid-Skene matrices and class priors, the posterior `hilo aggregate` would
 * give under the same fit, decided in the kind's terms (`kindPosterior`: a rating's ±k window;
 * for multi-label the set code, its exact-set or per-label probability, and P(applies) per label
 * as the probabilities, from `ctx.labelSets`). The votes are also queued to be folded into the model (incremental
 * Dawid-Skene), and the decision is stored as `aggregated` with `putLiveDecision`: only while the
 * item's votes are still those read, so under concurrent answers the last answer's decision is
 * the one kept, and never over a reviewer's or gold decision. Does nothing without the kind's
 * served crowd model, with `people.liveDecisions` off, or before a person voted on the item.
 * @example await liveAggregate(ctx, 'item-7') // the stored decision, or null
 * Complexity: one read of the item's votes and their people, O(votes × K), one upsert.
 */
export async function liveAggregate(ctx: PeopleContext, itemId: string): Promise<Decision | null> {
  const { store, crowd } = ctx;
  const multilabel = ctx.project.kind === 'multilabel';
  const served = multilabel ? ctx.labelSets : crowd;
  if (served === undefined || !peopleConfig(ctx.project).liveDecisions) return null;
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
  if (!multilabel) crowd?.addVotes(kept.map((vote) => ({ vote, gold })));
  const answer =
    gold === null
      ? await kindPosterior(ctx, kept, ignored, { fitted: true })
      : clamped(ctx.project, gold);
  const decision = liveDecision(itemId, answer, kept, isoAt(ctx.clock));
  const stored = await store.people.putLiveDecision({
    decision,
    seen: { votes: votes.length, newestVoteId: votes.reduce((m, v) => Math.max(m, v.id), 0) },
  });
  return stored ? decision : null;
}

function liveDecision(
  itemId: string,
  answer: KindPosterior,
  votes: readonly Vote[],
  now: string,
): Decision {
  return {
    itemId,
    label: answer.label,
    confidence: answer.confidence,
    probabilities: answer.probabilities,
    decidedBy: 'aggregated',
    source: LIVE_DECISION_SOURCE,
    voteIds: votes.map((v) => v.id),
    zone: null,
    updatedAt: now,
  };
}

/** A control's decision: its trusted answer, certain. */
function clamped(project: ProjectConfig, gold: string): KindPosterior {
  return {
    label: gold,
    confidence: 1,
    probabilities: answerProbabilities(taskShapeOf(project), gold),
  };
}
