import type { AnnotatorRole, AnnotatorState } from '../../core/ports/people-store.js';
import { humanSource, type PeopleContext } from './people-context.js';
import { wilsonInterval } from './quality-rules.js';

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
  readonly discounted: boolean;
}

export interface PeopleDashboard {
  readonly zones: readonly ZoneProgress[];
  readonly annotators: readonly AnnotatorStats[];
  readonly underReview: number;
  readonly hoursSpent: number;
  readonly spendUsd: number;
}

/**
 * The admin dashboard's numbers: progress per zone, and each person's volume, median speed,
 * control accuracy (Wilson interval), agreement with others and state; spend is time spent ×
 * the project's hourly rate.
 * @example const data = await peopleDashboard(ctx)
 * Complexity: O(votes + queue).
 */
export async function peopleDashboard(ctx: PeopleContext): Promise<PeopleDashboard> {
  const { store } = ctx;
  const queue = await store.people.listQueue({ kind: 'task' });
  const votes = (await store.listVotes({ sourcePrefix: 'human:' })).filter(
    (v) => v.rationale !== 'review',
  );
  const byItem = new Map<string, typeof votes>();
  for (const vote of votes) byItem.set(vote.itemId, [...(byItem.get(vote.itemId) ?? []), vote]);
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
  const annotators = (await store.people.listAnnotators()).map((a): AnnotatorStats => {
    const mine = votes.filter((v) => v.source === humanSource(a.id));
    const times = mine.map((v) => v.timeSpentMs ?? 0).sort((x, y) => x - y);
    totalMs += times.reduce((s, t) => s + t, 0);
    let agreeing = 0;
    let compared = 0;
    for (const vote of mine) {
      if (!taskIds.has(vote.itemId)) continue;
      const others = (byItem.get(vote.itemId) ?? []).filter((v) => v.source !== vote.source);
      if (others.length === 0) continue;
      compared += 1;
      const same = others.filter((v) => v.label === vote.label).length;
      if (same * 2 >= others.length) agreeing += 1;
    }
    return {
      id: a.id,
      name: a.name,
      role: a.role,
      state: a.state,
      reason: a.suspendedReason ?? a.flaggedReason,
      answers: mine.length,
      medianSeconds: times.length === 0 ? null : (times[Math.floor(times.length / 2)] ?? 0) / 1000,
      controls: a.controlsSeen,
      controlAccuracy: a.controlsSeen === 0 ? null : a.controlsCorrect / a.controlsSeen,
      controlInterval: wilsonInterval(a.controlsCorrect, a.controlsSeen),
      agreement: compared === 0 ? null : agreeing / compared,
      discounted: a.discounted,
    };
  });
  const hoursSpent = totalMs / 3_600_000;
  return {
    zones: [...zones.entries()].map(([zone, row]) => ({ zone, ...row })),
    annotators,
    underReview: (await store.people.listQueue({ underReview: true })).length,
    hoursSpent,
    spendUsd: hoursSpent * ctx.project.prices.humanHourlyUsd,
  };
}
