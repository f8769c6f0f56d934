import { describe, expect, it } from 'vitest';
import type { NewVote } from '../../core/types.js';
import { auditAccuracy } from './audit-accuracy.js';
import { readAuditedItems } from './audit-sample.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { auditRun, routeRun } from '../../testing/builders/run-builders.js';
import { answer, item } from '../../testing/builders/index.js';

function humanVote(itemId: string, annotator: string, label: string): NewVote {
  return answer(itemId, annotator, label, {
    timeSpentMs: 4000,
    createdAt: '2026-01-03T00:00:00.000Z',
  });
}

/** Two audit draws: batch b1 (40 items) and, a day later, batch b2 (40 items); accepted label "a". */
async function audited(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.createRun(routeRun('route-1', { target: 0.95, delta: 0.05 }));
  const items = (batch: string) =>
    Array.from({ length: 40 }, (_, i) => ({ id: `${batch}-${i}`, batch, label: 'a' }));
  await store.upsertItems(
    [...items('b1'), ...items('b2')].map(({ id, batch }) => item(id, { batch })),
  );
  await store.createRun(auditRun('audit-1', { items: items('b1') }));
  await store.createRun(
    auditRun('audit-2', { items: items('b2') }, { startedAt: '2026-01-02T00:00:00.000Z' }),
  );
  return store;
}

describe('auditAccuracy', () => {
  it('estimates accepted-label accuracy per batch from people’s votes and raises an alarm on drift', async () => {
    const store = await audited();
    // b1: people agree with the machine on all 40. b2: on only 28 of 40 (70%).
    const votes: NewVote[] = [];
    for (let i = 0; i < 40; i++) votes.push(humanVote(`b1-${i}`, 'ann', 'a'));
    for (let i = 0; i < 40; i++) votes.push(humanVote(`b2-${i}`, 'ann', i < 28 ? 'a' : 'b'));
    // Machine votes do not count as audit answers.
    votes.push({ ...humanVote('b1-0', 'x', 'b'), source: 'model:local@1' });
    await store.addVotes(votes);
    const report = await auditAccuracy({ store });
    expect(report).toMatchObject({
      target: 0.95,
      alpha: 0.05,
      drawn: 80,
      answered: 80,
      pending: 0,
      disputed: 0,
    });
    expect(report.rows.map((r) => [r.batch, r.audited, r.correct, r.status])).toEqual([
      ['b1', 40, 40, 'ok'],
      ['b2', 40, 28, 'alarm'],
    ]);
    expect(report.rows[1]?.cumulative).toMatchObject({ audited: 80, correct: 68 });
    expect(report.rows[1]?.accuracy.upper).toBeLessThan(0.95);
    expect(report.alarms.map((r) => r.batch)).toEqual(['b2']);
  });

  it('waits for answers, sets ties aside, and lets each person count once', async () => {
    const store = await audited();
    await store.addVotes([
      humanVote('b1-0', 'ann', 'b'),
      humanVote('b1-0', 'ann', 'a'), // ann changed her mind: her newest vote counts
      humanVote('b1-1', 'ann', 'a'),
      humanVote('b1-1', 'bob', 'b'), // a tie between two people
      humanVote('b1-2', 'ann', 'b'),
      humanVote('b1-2', 'bob', 'b'),
      humanVote('b1-2', 'cy', 'a'),
    ]);
    const report = await auditAccuracy({ store, target: 0.9 });
    expect(report).toMatchObject({ answered: 3, pending: 77, disputed: 1, target: 0.9 });
    expect(report.rows[0]).toMatchObject({ batch: 'b1', audited: 2, correct: 1 });
    expect(report.rows[1]).toMatchObject({ batch: 'b2', audited: 0, status: 'no-data' });
  });

  it('needs a target when nothing was routed', async () => {
    await expect(auditAccuracy({ store: new MemoryStore() })).rejects.toThrow(/--target/);
  });

  it('takes the target and level of the newest route run', async () => {
    const store = new MemoryStore();
    await store.createRun(routeRun('route-1', { target: 0.9, delta: 0.1 }));
    await store.createRun(
      routeRun('route-2', { target: 0.97, delta: 0.01 }, { startedAt: '2026-01-02T00:00:00.000Z' }),
    );
    expect(await auditAccuracy({ store })).toMatchObject({ target: 0.97, alpha: 0.01 });
  });

  it('keeps an item’s latest draw', async () => {
    const store = new MemoryStore();
    await store.createRun(
      auditRun('audit-1', {
        items: [
          { id: 'x', batch: 'b1', label: 'a' },
          { id: 'y', batch: 'b1', label: 'a' },
        ],
      }),
    );
    await store.createRun(
      auditRun(
        'audit-2',
        { items: [{ id: 'x', batch: '(no batch)', label: 'b' }] },
        { startedAt: '2026-01-02T00:00:00.000Z' },
      ),
    );
    const items = await readAuditedItems(store);
    expect([...items.values()]).toEqual([
      {
        id: 'x',
        batch: '(no batch)',
        label: 'b',
        runId: 'audit-2',
        startedAt: '2026-01-02T00:00:00.000Z',
      },
      { id: 'y', batch: 'b1', label: 'a', runId: 'audit-1', startedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});
