import { describe, expect, it } from 'vitest';
import { payPeriod } from '../../core/pay/pay-period.js';
import type { QueueKind } from '../../core/ports/people-store.js';
import { DEFAULT_PEOPLE_CONFIG, type ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import {
  annotator,
  answer,
  decision,
  item,
  project as aProject,
  queueEntry,
} from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { payCsv } from './pay-csv.js';
import { payReport } from './pay-report.js';
import type { PeopleContext } from './people-context.js';

const DECEMBER = payPeriod('2026-12-01', '2026-12-31');
const MIN = 60_000;

function projectWith(basis: 'answer' | 'hour'): ProjectConfig {
  return aProject({
    prices: { models: {}, humanHourlyUsd: 15, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
    people: {
      ...DEFAULT_PEOPLE_CONFIG,
      pay: { basis, bonus: { controlAccuracyAtLeast: 0.9, minControls: 5, percent: 10 } },
    },
  });
}

/** A store where people lease and answer items at the instants a test names. */
function workshop(basis: 'answer' | 'hour' = 'answer') {
  const store = new MemoryStore();
  const ctx: PeopleContext = {
    store,
    project: projectWith(basis),
    clock: { now: () => Date.UTC(2027, 0, 15) },
    rng: createRng(1),
  };
  let priority = 0;
  const lease = async (who: string, itemId: string, kind: QueueKind, at: string) => {
    const gold = kind === 'task' ? null : 'spam';
    await store.upsertItems([
      item(itemId, {
        role: kind === 'task' ? 'pool' : kind === 'control' ? 'control' : 'gold',
        goldLabel: gold,
      }),
    ]);
    // The newest entry first, so the item leased is the one named.
    await store.people.upsertQueue([
      queueEntry(itemId, { kind, goldLabel: gold, overlap: 5, priority: (priority += 1) }),
    ]);
    const leased = await store.people.leaseNext({
      annotatorId: who,
      kind,
      now: at,
      expiresAt: new Date(Date.parse(at) + 30 * MIN).toISOString(),
    });
    expect(leased?.itemId).toBe(itemId);
  };
  const answerAt = async (who: string, itemId: string, label: string | null, at: string) => {
    await store.people.completeAssignment({
      itemId,
      annotatorId: who,
      now: at,
      vote: label === null ? null : answer(itemId, who, label, { createdAt: at }),
    });
  };
  const work = async (
    who: string,
    itemId: string,
    kind: QueueKind,
    times: { leased: string; answered: string },
    label: string | null = 'spam',
  ) => {
    await lease(who, itemId, kind, times.leased);
    await answerAt(who, itemId, label, times.answered);
  };
  return { ctx, store, lease, answerAt, work };
}

/** December at day `d`, hh:mm UTC. */
const dec = (d: number, hh: number, mm: number) =>
  new Date(Date.UTC(2026, 11, d, hh, mm)).toISOString();

async function december(basis: 'answer' | 'hour' = 'answer') {
  const w = workshop(basis);
  await w.store.people.createAnnotator(annotator('ann', { name: 'Lee, Ann "A"' }), 'h-ann');
  await w.store.people.createAnnotator(
    annotator('bob', { name: 'Bob', discounted: true }),
    'h-bob',
  );
  await w.store.people.createAnnotator(annotator('cy', { name: 'Cy' }), 'h-cy');
  // Ann. t0: leased 30 Nov 23:50, answered 1 Dec 00:10 → in December, 10 min of it.
  await w.work('ann', 't0', 'task', { leased: dec(0, 23, 50), answered: dec(1, 0, 10) });
  // t1 and t2 leased together at 10:00, answered 10:02 and 10:05 → 5 min, not 7.
  await w.lease('ann', 't1', 'task', dec(2, 10, 0));
  await w.lease('ann', 't2', 'task', dec(2, 10, 0));
  await w.answerAt('ann', 't1', 'spam', dec(2, 10, 2));
  await w.answerAt('ann', 't2', 'spam', dec(2, 10, 5));
  // Ten controls of one minute each on 3 Dec (10 min), 9 right.
  for (let i = 0; i < 10; i++) {
    const at = { leased: dec(3, 9, 2 * i), answered: dec(3, 9, 2 * i + 1) };
    await w.work('ann', `c${i}`, 'control', at, i === 0 ? 'ham' : 'spam');
  }
  // Not paid: a skip, an exam answer, an answer on 30 Nov, one at 1 Jan 00:00 (the end is exclusive).
  await w.work('ann', 't5', 'task', { leased: dec(4, 9, 0), answered: dec(4, 9, 1) }, null);
  await w.work('ann', 'e1', 'exam', { leased: dec(1, 8, 0), answered: dec(1, 8, 1) });
  await w.work('ann', 't3', 'task', { leased: dec(0, 12, 0), answered: dec(0, 12, 1) });
  await w.work('ann', 't4', 'task', { leased: dec(31, 23, 59), answered: dec(32, 0, 0) });
  // Bob, discounted: 5 controls all right and 2 tasks.
  for (let i = 0; i < 5; i++)
    await w.work('bob', `c${i}`, 'control', { leased: dec(5, 9, i), answered: dec(5, 9, i + 1) });
  await w.work('bob', 't1', 'task', { leased: dec(5, 10, 0), answered: dec(5, 10, 20) });
  await w.work('bob', 't2', 'task', { leased: dec(5, 11, 0), answered: dec(5, 11, 20) });
  // Cy answered only in January: not in December's report.
  await w.work('cy', 't6', 'task', { leased: dec(32, 9, 0), answered: dec(32, 9, 1) });
  // Final labels: t0 aggregated spam (Ann agrees), t1 settled ham by a reviewer (Ann disagrees),
  // t2 only the machine's label (not a verdict on people: undecided).
  await w.store.putDecisions([
    decision('t0', { label: 'spam', decidedBy: 'aggregated' }),
    decision('t1', { label: 'ham', decidedBy: 'reviewer' }),
    decision('t2', { label: 'spam', decidedBy: 'machine' }),
  ]);
  return w;
}

describe('payReport', () => {
  it('pays December per answer at $15 / 120 = $0.125, with the bonus at exactly 90%', async () => {
    const { ctx } = await december();
    const report = await payReport(ctx, DECEMBER);
    expect(report.rate).toEqual({ basis: 'answer', usd: 0.125 });
    expect(report.people.map((p) => p.id)).toEqual(['bob', 'ann']); // by name: Bob, Lee
    const [bob, ann] = report.people;
    // Ann: t0, t1, t2 and 10 controls = 13 answers; decided t0, t1 and the controls = 12;
    // accepted t0 and 9 controls = 10; 9/10 controls meets 0.9.
    expect(ann).toMatchObject({
      answers: 13,
      decided: 12,
      accepted: 10,
      controls: 10,
      controlsCorrect: 9,
      controlAccuracy: 0.9,
      bonusEarned: true,
      // 13 × $0.125 = $1.625 → $1.63; 10% = 16.3¢ → $0.16.
      baseUsd: 1.63,
      bonusUsd: 0.16,
      totalUsd: 1.79,
    });
    // 10 + 5 + 10 minutes.
    expect(ann?.hours).toBeCloseTo(25 / 60, 12);
    expect(ann?.controlInterval.low).toBeCloseTo(0.5958, 3);
    // Bob: 7 answers → $0.875 → $0.88; 5/5 controls, but discounted: no bonus.
    expect(bob).toMatchObject({ answers: 7, controls: 5, controlsCorrect: 5, discounted: true });
    expect(bob).toMatchObject({ baseUsd: 0.88, bonusUsd: 0, totalUsd: 0.88, bonusEarned: false });
    expect(bob?.hours).toBeCloseTo((5 + 20 + 20) / 60, 12);
    expect(report.totals).toMatchObject({
      answers: 20,
      baseUsd: 2.51,
      bonusUsd: 0.16,
      totalUsd: 2.67,
    });
  });

  it('pays per hour worked at $15 when the basis is hour', async () => {
    const { ctx } = await december('hour');
    const [bob, ann] = (await payReport(ctx, DECEMBER)).people;
    // Ann 25 min × $15/h = $6.25; 10% = 62.5¢ → 63¢.
    expect(ann).toMatchObject({ baseUsd: 6.25, bonusUsd: 0.63, totalUsd: 6.88 });
    // Bob 45 min × $15/h = $11.25, no bonus.
    expect(bob).toMatchObject({ baseUsd: 11.25, bonusUsd: 0, totalUsd: 11.25 });
  });

  it('a period of one day counts that whole day and nothing else', async () => {
    const { ctx } = await december();
    const day = await payReport(ctx, payPeriod('2026-12-03', '2026-12-03'));
    expect(day.people.map((p) => [p.id, p.answers])).toEqual([['ann', 10]]);
    const january = await payReport(ctx, payPeriod('2027-01-01', '2027-01-01'));
    expect(january.people.map((p) => [p.id, p.answers]).sort()).toEqual([
      ['ann', 1],
      ['cy', 1],
    ]);
  });

  it('writes CSV for payroll with names holding commas and quotes escaped', async () => {
    const { ctx, store } = await december();
    await store.people.updateAnnotator('bob', { name: '=HYPERLINK("x")' });
    const csv = payCsv(await payReport(ctx, DECEMBER));
    expect(csv).toBe(
      'id,name,answers,accepted,control_accuracy,hours,base_pay_usd,bonus_usd,total_usd\n' +
        'bob,"\'=HYPERLINK(""x"")",7,5,1.0000,0.75,0.88,0.00,0.88\n' +
        'ann,"Lee, Ann ""A""",13,10,0.9000,0.42,1.63,0.16,1.79\n',
    );
  });
});
