import type { AnnotatorRole, AnnotatorState } from '../../core/ports/people-store.js';
import type { Vote } from '../../core/types.js';
import { flagCountsByPerson, type FlagCounts } from './answer-flag-counts.js';
import { itemAgreement, type AgreementSummary } from './dashboard-agreement.js';
import { qualityOverTime, type QualityOverTime } from './dashboard-quality-time.js';
import { throughputOf, type Throughput } from './dashboard-throughput.js';
import { humanSource, type PeopleContext } from './people-context.js';
import { wilsonInterval } from './quality-rules.js';

export type { Throughput } from './dashboard-throughput.js';
export type { AgreementSummary } from './dashboard-agreement.js';
export type { QualityOverTime } from './dashboard-quality-time.js';

export interface ZoneProgress {
  readonly zone: string;
  readonly items: number;
  /** Items whose overlap is fully answered. */
  readonly done: number;
  readonly answers: number;
}

export interface AnnotatorStats {
  readonly id: string;
  readonly name: string;
  readonly role: AnnotatorRole;
  readonly state: AnnotatorState;
  readonly reason: string | null;
  readonly answers: number;
  readonly medianSeconds: number | null;
  readonly controls: number;
  readonly controlAccuracy: number | null;
  readonly controlInterval: { readonly low: number; readonly high: number };
  /** Share of their task answers that match the other people's majority on the item. */
  readonly agreement: number | null;
  /** Task answers that had someone else's answer to compare with. */
  readonly compared: number;
  readonly discounted: boolean;
  /** Answers the machine checks flagged: disputed by the model, outvoted, pasted. */
  readonly flags: FlagCounts;
}

export interface PeopleDashboard {
  readonly zones: readonly ZoneProgress[];
  readonly throughput: Throughput;
  readonly annotators: readonly AnnotatorStats[];
  readonly suspended: number;
  readonly underReview: number;
  readonly hoursSpent: number;
  /** People's time at the project's hourly rate. */
  readonly peopleSpendUsd: number;
  /** What every run cost (model calls), as the runs recorded it from the project's prices. */
  readonly machineSpendUsd: number;
  /** People and machine together. */
  readonly spendUsd: number;
  /** Agreement among people on each task item two or more of them answered. */
  readonly agreement: AgreementSummary;
  /** Control accuracy and agreement per hour or day, for the project and per person. */
  readonly quality: QualityOverTime;
}

/** Hours of throughput shown. */
const HOURS = 12;
/** Least agreed items listed. */
const LOWEST = 10;

/**
 * The admin dashboard's numbers: progress per zone, answers per hour, each person's volume,
 * median speed, control accuracy (Wilson interval), agreement with others and state; spend is
 * people's time × the project's hourly rate plus what the runs cost; per-item agreement and its
 * histogram; control accuracy and agreement over time, for the project and per person.
 * @example const data = await peopleDashboard(ctx)
 * Complexity: O(votes + queue + runs).
 */
export async function peopleDashboard(ctx: PeopleContext): Promise<PeopleDashboard> {
  const { store } = ctx;
  const queue = await store.people.listQueue({ kind: 'task' });
  const votes = (await store.listVotes({ sourcePrefix: 'human:' })).filter(
    (v) => v.rationale !== 'review',
  );
  const byItem = groupBy(votes, (v) => v.itemId);
  const bySource = groupBy(votes, (v) => v.source);
  const zones = new Map<string, { items: number; done: number; answers: number }>();
  for (const entry of queue) {
    const zone = entry.zone ?? 'unrouted';
    const row = zones.get(zone) ?? { items: 0, done: 0, answers: 0 };
    const answers = byItem.get(entry.itemId)?.length ?? 0;
    row.items += 1;
    row.answers += answers;
    if (answers >= entry.overlap) row.done += 1;
    zones.set(zone, row);
  }
  const taskIds = new Set(queue.map((e) => e.itemId));
  let totalMs = 0;
  const flagsOf = await flagCountsByPerson(store.people);
  const annotators = (await store.people.listAnnotators()).map((a): AnnotatorStats => {
    const mine = bySource.get(humanSource(a.id)) ?? [];
    const times = mine.map((v) => v.timeSpentMs ?? 0).sort((x, y) => x - y);
    totalMs += times.reduce((s, t) => s + t, 0);
    const { agreeing, compared } = agreementOf(mine, byItem, taskIds);
    return {
      id: a.id,
      name: a.name,
      role: a.role,
      state: a.state,
      reason: a.suspendedReason ?? a.flaggedReason,
      answers: mine.length,
      medianSeconds: times.length === 0 ? null : median(times) / 1000,
      controls: a.controlsSeen,
      controlAccuracy: a.controlsSeen === 0 ? null : a.controlsCorrect / a.controlsSeen,
      controlInterval: wilsonInterval(a.controlsCorrect, a.controlsSeen),
      agreement: compared === 0 ? null : agreeing / compared,
      compared,
      discounted: a.discounted,
      flags: flagsOf(a.id),
    };
  });
  const hoursSpent = totalMs / 3_600_000;
  const peopleSpendUsd = hoursSpent * ctx.project.prices.humanHourlyUsd;
  const machineSpendUsd = (await store.listRuns({})).reduce((s, run) => s + run.costUsd, 0);
  const controls = new Map<string, string>();
  for (const entry of await store.people.listQueue({ kind: 'control' }))
    if (entry.goldLabel !== null) controls.set(entry.itemId, entry.goldLabel);
  return {
    zones: [...zones.entries()].map(([zone, row]) => ({ zone, ...row })),
    throughput: throughputOf({
      times: votes.map((v) => v.createdAt),
      now: ctx.clock.now(),
      spentMs: totalMs,
      hours: HOURS,
    }),
    annotators,
    suspended: annotators.filter((a) => a.state === 'suspended').length,
    underReview: (await store.people.listQueue({ underReview: true })).length,
    hoursSpent,
    peopleSpendUsd,
    machineSpendUsd,
    spendUsd: peopleSpendUsd + machineSpendUsd,
    agreement: itemAgreement(byItem, taskIds, { lowest: LOWEST }),
    quality: qualityOverTime({ votes, byItem, taskIds, controls }),
  };
}

/** How many of a person's task answers side with the majority of the others on the item (ties count). */
function agreementOf(
  mine: readonly Vote[],
  byItem: ReadonlyMap<string, readonly Vote[]>,
  taskIds: ReadonlySet<string>,
): { agreeing: number; compared: number } {
  let agreeing = 0;
  let compared = 0;
  for (const vote of mine) {
    if (!taskIds.has(vote.itemId)) continue;
    let others = 0;
    let same = 0;
    for (const other of byItem.get(vote.itemId) ?? []) {
      if (other.source === vote.source) continue;
      others += 1;
      if (other.label === vote.label) same += 1;
    }
    if (others === 0) continue;
    compared += 1;
    if (same * 2 >= others) agreeing += 1;
  }
  return { agreeing, compared };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Median of sorted numbers: the mean of the middle two for an even count. */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}
