import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { peopleDashboard } from './people-dashboard.js';
import {
  annotator,
  answer as personAnswer,
  project as aProject,
  item,
  queueEntry,
} from '../../testing/builders/index.js';
import { labelRun } from '../../testing/builders/run-builders.js';

const project = aProject({
  prices: { models: {}, humanHourlyUsd: 36, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
  people: DEFAULT_PEOPLE_CONFIG,
});

function answer(who: string, itemId: string, label: 'spam' | 'ham', seconds: number, at: string) {
  return personAnswer(itemId, who, label, {
    labels: ['spam', 'ham'],
    timeSpentMs: seconds * 1000,
    createdAt: at,
  });
}

describe('peopleDashboard', () => {
  it('gives each person volume, median speed, agreement with the others, and spend from prices and runs', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('t1'), item('t2'), item('c9', { role: 'control' })]);
    await store.people.upsertQueue(['t1', 't2'].map((id) => queueEntry(id, { overlap: 3 })));
    await store.people.createAnnotator(
      annotator('a', { controlsSeen: 4, controlsCorrect: 3 }),
      'h1',
    );
    await store.people.createAnnotator(annotator('b'), 'h2');
    await store.people.createAnnotator(
      annotator('c', { state: 'suspended', suspendedReason: 'too fast', discounted: true }),
      'h3',
    );
    await store.addVotes([
      answer('a', 't1', 'spam', 10, '2026-01-01T11:10:00Z'),
      answer('b', 't1', 'spam', 20, '2026-01-01T11:20:00Z'),
      answer('c', 't1', 'ham', 1, '2026-01-01T11:21:00Z'),
      answer('a', 't2', 'ham', 30, '2026-01-01T11:40:00Z'),
      answer('c', 't2', 'spam', 1, '2026-01-01T11:41:00Z'),
      answer('a', 'c9', 'spam', 2, '2026-01-01T11:42:00Z'), // a control: not compared
    ]);
    await store.createRun(
      labelRun('r1', 'model:local@1', {
        itemsDone: 2,
        costUsd: 1.25,
        startedAt: '2026-01-01T10:00:00Z',
        endedAt: null,
      }),
    );
    const flag = { itemId: 't2', reason: 'why', createdAt: '2026-01-01T11:00:00.000Z' };
    await store.people.addAnswerFlags([
      { ...flag, annotatorId: 'c', kind: 'outvoted' },
      { ...flag, annotatorId: 'c', kind: 'pasted' },
      { ...flag, itemId: 't1', annotatorId: 'c', kind: 'pasted' },
    ]);
    const ctx = {
      store,
      project,
      clock: { now: () => Date.parse('2026-01-01T12:00:00Z') },
      rng: createRng(1),
    };
    const d = await peopleDashboard(ctx);
    const by = new Map(d.annotators.map((a) => [a.id, a]));
    expect(by.get('a')).toMatchObject({ answers: 3, medianSeconds: 10, controls: 4, compared: 2 });
    expect(by.get('a')?.controlAccuracy).toBe(0.75);
    expect(by.get('a')?.controlInterval.low).toBeLessThan(0.75);
    // t1: spam, spam, ham (a and b each tie with the other two, which counts as agreeing);
    // t2: a and c disagree.
    expect(by.get('a')?.agreement).toBe(0.5);
    expect(by.get('b')).toMatchObject({ answers: 1, medianSeconds: 20, agreement: 1 });
    expect(by.get('c')).toMatchObject({ agreement: 0, reason: 'too fast', discounted: true });
    expect(by.get('c')?.flags).toEqual({ disputed: 0, outvoted: 1, pasted: 2 });
    expect(by.get('a')?.flags).toEqual({ disputed: 0, outvoted: 0, pasted: 0 });
    expect(d.suspended).toBe(1);
    expect(d.zones).toEqual([{ zone: 'human', items: 2, done: 1, answers: 5 }]);
    expect(d.throughput.lastHour).toBe(6);
    expect(d.throughput.hours.at(-2)).toEqual({ start: '2026-01-01T11:00:00.000Z', answers: 6 });
    expect(d.hoursSpent).toBeCloseTo(64 / 3600, 12);
    expect(d.peopleSpendUsd).toBeCloseTo((64 / 3600) * 36, 12);
    expect(d.machineSpendUsd).toBe(1.25);
    expect(d.spendUsd).toBeCloseTo(d.peopleSpendUsd + 1.25, 12);
  });

  it('gives per-item agreement, its histogram, and control accuracy and agreement per hour for the project and each person', async () => {
    const store = new MemoryStore();
    await store.upsertItems(['t1', 't2', 't3', 'c1'].map((id) => item(id)));
    await store.people.upsertQueue([
      ...['t1', 't2', 't3'].map((id) => queueEntry(id, { zone: 'overlap', overlap: 3 })),
      queueEntry('c1', { kind: 'control', goldLabel: 'spam', overlap: 100 }),
    ]);
    for (const id of ['a', 'b', 'c']) await store.people.createAnnotator(annotator(id), `h-${id}`);
    await store.addVotes([
      // 09:00–10:00: t1 unanimous; a gets the control right.
      answer('a', 't1', 'spam', 5, '2026-01-01T09:05:00Z'),
      answer('b', 't1', 'spam', 5, '2026-01-01T09:06:00Z'),
      answer('c', 't1', 'spam', 5, '2026-01-01T09:07:00Z'),
      answer('a', 'c1', 'spam', 5, '2026-01-01T09:08:00Z'),
      // 11:00–12:00: t2 split 2 to 1, t3 has one answer; b gets the control wrong.
      answer('a', 't2', 'spam', 5, '2026-01-01T11:05:00Z'),
      answer('b', 't2', 'ham', 5, '2026-01-01T11:06:00Z'),
      answer('c', 't2', 'spam', 5, '2026-01-01T11:07:00Z'),
      answer('a', 't3', 'ham', 5, '2026-01-01T11:08:00Z'),
      answer('b', 'c1', 'ham', 5, '2026-01-01T11:09:00Z'),
    ]);
    const ctx = {
      store,
      project,
      clock: { now: () => Date.parse('2026-01-01T12:00:00Z') },
      rng: createRng(1),
    };
    const { agreement, quality } = await peopleDashboard(ctx);
    // t1: 3 of 3 pairs match; t2: 1 of 3 pairs (a–c); t3 has a single answer.
    expect(agreement.items).toBe(2);
    expect(agreement.unanimous).toBe(1);
    expect(agreement.mean).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(agreement.bins.map((b) => b.items)).toEqual([0, 1, 0, 0, 1]);
    expect(agreement.lowest[0]).toMatchObject({
      itemId: 't2',
      answers: 3,
      labels: { spam: 2, ham: 1 },
    });
    expect(quality.unit).toBe('hour');
    expect(quality.project.map((b) => b.start)).toEqual([
      '2026-01-01T09:00:00.000Z',
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T11:00:00.000Z',
    ]);
    expect(quality.project[0]).toMatchObject({
      answers: 4,
      controls: 1,
      controlAccuracy: 1,
      compared: 3,
      agreement: 1,
    });
    expect(quality.project[1]).toMatchObject({
      answers: 0,
      controlAccuracy: null,
      agreement: null,
    });
    // t2: a and c side with the majority of the others (a tie counts), b does not; t3 has no one to compare.
    expect(quality.project[2]).toMatchObject({
      answers: 5,
      controls: 1,
      controlAccuracy: 0,
      compared: 3,
    });
    expect(quality.project[2]?.agreement).toBeCloseTo(2 / 3, 12);
    const b = quality.people.find((p) => p.id === 'b');
    expect(b?.buckets.map((x) => [x.start.slice(11, 13), x.controlAccuracy, x.agreement])).toEqual([
      ['09', null, 1],
      ['11', 0, 0],
    ]);
  });
});
