import type { Vote } from '../../core/types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Answers spanning up to this long are counted per hour, longer per day. */
const HOURLY_SPAN_MS = 2 * DAY_MS;
/** The newest buckets shown. */
const MAX_BUCKETS = 48;

/** Quality in one hour or day. */
export interface QualityBucket {
  /** ISO-8601 start of the hour or day (UTC). */
  readonly start: string;
  readonly answers: number;
  /** Control answers scored, and the share right; null without any. */
  readonly controls: number;
  readonly controlAccuracy: number | null;
  /** Task answers with someone else's answer to compare with, and the share siding with the others' majority. */
  readonly compared: number;
  readonly agreement: number | null;
}

export interface QualityOverTime {
  readonly unit: 'hour' | 'day';
  /** The project's buckets, oldest first, without gaps (empty ones included). */
  readonly project: readonly QualityBucket[];
  /** Each person's buckets in which they answered, oldest first. */
  readonly people: readonly { readonly id: string; readonly buckets: readonly QualityBucket[] }[];
}

/** What {@link qualityOverTime} reads. */
export interface QualityInput {
  /** People's answers (one source `human:<id>` each). */
  readonly votes: readonly Vote[];
  readonly byItem: ReadonlyMap<string, readonly Vote[]>;
  readonly taskIds: ReadonlySet<string>;
  /** Trusted label of each control item. */
  readonly controls: ReadonlyMap<string, string>;
}

interface Tally {
  answers: number;
  controls: number;
  right: number;
  compared: number;
  agreeing: number;
}

/**
 * Control accuracy and agreement per hour (answers within two days) or per day, for the project
 * and per person: a control answer is right when it gives the control's trusted label; a task
 * answer agrees when it sides with the majority of the other people on its item (ties count),
 * and is dated by its own time. At most the newest 48 buckets.
 * @example qualityOverTime({ votes, byItem, taskIds, controls }).project.at(-1)?.agreement
 * Complexity: O(answers × people per item + buckets).
 */
export function qualityOverTime(input: QualityInput): QualityOverTime {
  let first = Infinity;
  let last = -Infinity;
  for (const vote of input.votes) {
    const at = Date.parse(vote.createdAt);
    if (!Number.isFinite(at)) continue;
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  if (first > last) return { unit: 'hour', project: [], people: [] };
  const unit = last - first <= HOURLY_SPAN_MS ? 'hour' : 'day';
  const size = unit === 'hour' ? HOUR_MS : DAY_MS;
  const end = Math.floor(last / size);
  const start = Math.max(Math.floor(first / size), end - MAX_BUCKETS + 1);
  const project = Array.from({ length: end - start + 1 }, emptyTally);
  const people = new Map<string, Map<number, Tally>>();
  for (const vote of input.votes) {
    const at = Date.parse(vote.createdAt);
    if (!Number.isFinite(at) || vote.label === null) continue;
    const slot = Math.floor(at / size);
    if (slot < start) continue;
    const mine = people.get(vote.source) ?? new Map<number, Tally>();
    people.set(vote.source, mine);
    const personal = mine.get(slot) ?? emptyTally();
    mine.set(slot, personal);
    for (const tally of [project[slot - start] as Tally, personal]) count(tally, vote, input);
  }
  const bucket = (slot: number, t: Tally): QualityBucket => ({
    start: new Date(slot * size).toISOString(),
    answers: t.answers,
    controls: t.controls,
    controlAccuracy: t.controls === 0 ? null : t.right / t.controls,
    compared: t.compared,
    agreement: t.compared === 0 ? null : t.agreeing / t.compared,
  });
  return {
    unit,
    project: project.map((t, i) => bucket(start + i, t)),
    people: [...people].map(([source, slots]) => ({
      id: source.slice('human:'.length),
      buckets: [...slots].sort(([a], [b]) => a - b).map(([slot, t]) => bucket(slot, t)),
    })),
  };
}

function emptyTally(): Tally {
  return { answers: 0, controls: 0, right: 0, compared: 0, agreeing: 0 };
}

function count(tally: Tally, vote: Vote, input: QualityInput): void {
  tally.answers++;
  const gold = input.controls.get(vote.itemId);
  if (gold !== undefined) {
    tally.controls++;
    if (vote.label === gold) tally.right++;
    return;
  }
  if (!input.taskIds.has(vote.itemId)) return;
  let others = 0;
  let same = 0;
  for (const other of input.byItem.get(vote.itemId) ?? []) {
    if (other.source === vote.source || other.label === null) continue;
    others++;
    if (other.label === vote.label) same++;
  }
  if (others === 0) return;
  tally.compared++;
  if (same * 2 >= others) tally.agreeing++;
}
