import type { AnswerFlag } from '../../core/ports/answer-checks.js';
import type { Vote } from '../../core/types.js';
import { loadCalibrator } from '../calibrate/index.js';
import { labellerSourceNow } from './labeller-source.js';
import {
  modelDispute,
  outvotedAnswers,
  type DisputeSettings,
  type MachineOpinion,
  type Outvoted,
} from './answer-disputes.js';
import { readPeopleCrowd } from './crowd-votes.js';
import { readLabelSetCrowd } from './label-set-snapshot.js';
import { chatbotPattern, pastedBySpeed } from './pasted-answer.js';
import { outvotedSets, setModelDispute } from './set-disputes.js';
import { humanSource, isoAt, peopleConfig, type PeopleContext } from './people-context.js';

/** Answers of the person's whose times the speed check compares with. */
const SPEED_WINDOW = 50;

/**
 * The machine checks of one stored task answer. The calibrated current labeller strongly
 * disputing the label (`disputed`) or a confident majority of the other people going against
 * it, checked for every person on the item (`outvoted`), sends the item to review with the
 * reason, unless it waits there already for a reason more specific than "votes disagree"; an answer far faster than the person's median and the
 * item's reading time, or a free-text part (the vote's rationale) that reads like a chatbot
 * (`pasted`), is flagged only. Every flag is counted per person (`answerFlagCounts`). Does
 * nothing for skips, controls and exam items. A multi-label answer is checked label by label
 * (`set-disputes.ts`): disputed or outvoted on the first label where the other side is sure. The majority reads `ctx.crowd`, else fits the
 * project's votes; the dispute needs a finished label run (or local model) and its calibrator.
 * @example await machineChecks(ctx, 'ann-7', 'item-3') // [{ kind: 'pasted', … }]
 * Complexity: a few store reads plus O(p² × K) for p people on the item.
 */
export async function machineChecks(
  ctx: PeopleContext,
  annotatorId: string,
  itemId: string,
): Promise<AnswerFlag[]> {
  const { store } = ctx;
  const entry = await store.people.getQueueEntry(itemId);
  if (entry?.kind !== 'task') return [];
  const votes = await store.listVotes({ itemIds: [itemId] });
  const source = humanSource(annotatorId);
  const mine = votes
    .filter((v) => v.source === source && v.label !== null && v.rationale !== 'review')
    .at(-1);
  if (mine?.label == null) return [];
  const settings = checkSettings(ctx);
  const labels = ctx.project.labels.map((l) => l.name);
  const now = isoAt(ctx.clock);
  const flags: AnswerFlag[] = [];
  const flag = (who: string, kind: AnswerFlag['kind'], reason: string): void => {
    flags.push({ itemId, annotatorId: who, kind, reason, createdAt: now });
  };

  const machine = settings.disputeBelow > 0 ? await machineOpinion(ctx, votes) : null;
  const dispute = ctx.project.kind === 'multilabel' ? setModelDispute : modelDispute;
  const disputed = machine && dispute(machine, mine.label, labels, settings);
  if (disputed) flag(annotatorId, 'disputed', disputed);
  for (const found of await outvotedOnItem(ctx, votes)) {
    flag(found.source.slice('human:'.length), 'outvoted', found.reason);
  }
  const pasted = (await pastedSpeed(ctx, mine)) ?? pastedText(mine);
  if (pasted) flag(annotatorId, 'pasted', pasted);

  if (flags.length === 0) return flags;
  await store.people.addAnswerFlags(flags);
  const review = flags.find((f) => f.kind !== 'pasted');
  // A reason of their own says more than dynamic overlap's generic one.
  const generic = entry.reviewReason === null || entry.reviewReason === 'votes disagree';
  if (review !== undefined && generic) await store.people.setReviewReason([itemId], review.reason);
  return flags;
}

/** The project's check settings, with the ±k of a rating measured within ±k. */
function checkSettings(ctx: PeopleContext): DisputeSettings {
  const { rating, kind } = ctx.project;
  const settings = peopleConfig(ctx.project).machineChecks;
  return kind === 'rating' && rating.measure === 'within-k'
    ? { ...settings, withinK: rating.withinK }
    : settings;
}

/** The current labeller's vote on the item with its calibrator, or null without either. */
async function machineOpinion(
  ctx: PeopleContext,
  votes: readonly Vote[],
): Promise<MachineOpinion | null> {
  // Null when no labeller has run yet: nothing to compare with.
  const source = await (ctx.labeller?.current() ?? labellerSourceNow(ctx.store));
  if (source === null) return null;
  const vote = votes.filter((v) => v.source === source && v.probabilities !== null).at(-1);
  if (vote === undefined) return null;
  const stored = await loadCalibrator(ctx.store, source);
  return stored ? { source, vote, calibrator: stored.calibrator } : null;
}

async function outvotedOnItem(ctx: PeopleContext, votes: readonly Vote[]): Promise<Outvoted[]> {
  const settings = checkSettings(ctx);
  const people = new Set(votes.filter((v) => v.source.startsWith('human:')).map((v) => v.source));
  if (settings.majorityAbove <= 0 || people.size <= Math.max(1, settings.majorityOthers)) return [];
  const ignored = new Set<string>();
  for (const source of people) {
    const person = await ctx.store.people.getAnnotator(source.slice('human:'.length));
    if (person?.discounted === true) ignored.add(source);
  }
  const labels = ctx.project.labels.map((l) => l.name);
  if (ctx.project.kind === 'multilabel') {
    const sets = await (ctx.labelSets?.current() ??
      readLabelSetCrowd({ store: ctx.store, labels }));
    return outvotedSets(sets, votes, ignored, settings);
  }
  const crowd = await (ctx.crowd?.current() ?? readPeopleCrowd({ store: ctx.store, labels }));
  return outvotedAnswers(crowd, votes, ignored, settings);
}

/** The speed check on the answer: its time is the lesser of the stored and lease-to-answer time. */
async function pastedSpeed(ctx: PeopleContext, mine: Vote): Promise<string | null> {
  const settings = peopleConfig(ctx.project).machineChecks;
  if (settings.pastedShare <= 0) return null;
  const recent = await ctx.store.people.recentVotes(mine.source, SPEED_WINDOW + 1);
  const othersMs = recent
    .filter((v) => v.itemId !== mine.itemId && v.timeSpentMs !== null)
    .map((v) => v.timeSpentMs as number)
    .slice(0, SPEED_WINDOW);
  if (othersMs.length < Math.max(1, settings.pastedMinAnswers)) return null;
  const [lease] = await ctx.store.people.listAssignments({
    itemId: mine.itemId,
    annotatorId: mine.source.slice('human:'.length),
  });
  const leased =
    lease === undefined ? Infinity : Date.parse(mine.createdAt) - Date.parse(lease.leasedAt);
  const elapsedMs = Math.min(mine.timeSpentMs ?? Infinity, Math.max(0, leased));
  if (!Number.isFinite(elapsedMs)) return null;
  const item = await ctx.store.getItem(mine.itemId);
  let characters = 0;
  for (const field of ctx.project.fields) {
    const value = item?.fields[field];
    if (value !== undefined && value !== null)
      characters += (typeof value === 'string' ? value : JSON.stringify(value)).length;
  }
  return pastedBySpeed({ elapsedMs, othersMs, characters }, settings);
}

function pastedText(mine: Vote): string | null {
  const text = mine.rationale;
  if (text === null || text.trim() === '') return null;
  const pattern = chatbotPattern(text);
  return pattern === null ? null : `free text reads like a chatbot: ${pattern}`;
}
