import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { annotator, project as aProject } from '../../testing/builders/index.js';
import {
  FIXTURE_LABELS,
  FIXTURE_SOURCE,
  fixtureClock,
  seedRoutingFixture,
} from '../../testing/fixtures/route-fixture.js';
import { auditAccuracy } from '../audit/index.js';
import { calibrateVotes } from '../calibrate/index.js';
import { routeItems } from '../route/index.js';
import { buildQueue } from './build-queue.js';
import { nextItem } from './next-item.js';
import type { PeopleContext } from './people-context.js';
import { submitAnswer } from './submit-answer.js';

describe('audit items reach people', () => {
  it('queues the items route drew for audit above every task, and hilo audit reads the answers', async () => {
    const store = new MemoryStore();
    const truth = await seedRoutingFixture(store, { gold: 1500, pool: 1000, labelCost: 1 });
    await calibrateVotes({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
    });
    const people = { ...DEFAULT_PEOPLE_CONFIG, exam: { size: 0, threshold: 0 }, controlRate: 0 };
    const routed = await routeItems({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
      fields: ['text'],
      prices: { models: {}, humanHourlyUsd: 15, humanItemsPerHour: 60, hostingPerHourUsd: 0 },
      people,
      target: 0.9,
      delta: 0.05,
      auditRate: 0.1,
    });
    const drawn = routed.audit?.items ?? 0;
    expect(drawn).toBeGreaterThan(4);
    expect(routed.counts.overlap).toBeGreaterThan(0);

    const ctx: PeopleContext = {
      store,
      project: aProject({ labels: FIXTURE_LABELS, people }),
      clock: fixtureClock,
      rng: createRng(3),
    };
    const counts = await buildQueue(ctx);
    expect(counts.audit).toBe(drawn);
    const queue = await store.people.listQueue({ kind: 'task' });
    const audit = queue.filter((e) => e.zone === 'audit');
    const ordinary = queue.filter((e) => e.zone !== 'audit');
    expect(audit).toHaveLength(drawn);
    expect(ordinary.length).toBe(routed.counts.overlap + routed.counts.human);
    // One person each (people.overlap.human), and every audit item before every ordinary task.
    for (const e of audit) expect(e.overlap).toBe(people.overlap.human);
    const lowestAudit = Math.min(...audit.map((e) => e.priority));
    expect(ordinary.every((e) => e.priority < lowestAudit)).toBe(true);
    // A second build (every `hilo serve` start) keeps them, once.
    expect((await buildQueue(ctx)).audit).toBe(drawn);

    // The first items a person is served are the audit items; they answer the truth.
    const ann = annotator('ann', { state: 'active' });
    await store.people.createAnnotator(ann, 'h-ann');
    const auditIds = new Set(audit.map((e) => e.itemId));
    for (let i = 0; i < drawn; i++) {
      const served = await nextItem(ctx, ann);
      expect(served && auditIds.has(served.itemId)).toBe(true);
      const label = truth.get(served?.itemId as string) as string;
      await submitAnswer(ctx, ann, { itemId: served?.itemId as string, label, timeSpentMs: 5000 });
    }
    const next = await nextItem(ctx, ann);
    expect(auditIds.has(next?.itemId as string)).toBe(false);

    const report = await auditAccuracy({ store });
    expect(report).toMatchObject({ drawn, answered: drawn, pending: 0 });
    expect(report.items).toHaveLength(drawn);
    let agreed = 0;
    for (const row of report.items) {
      expect(row.answers).toEqual({ [truth.get(row.id) as string]: 1 });
      expect(row.agrees).toBe(row.label === truth.get(row.id));
      if (row.agrees) agreed++;
    }
    expect(report.agreement).toEqual({ agreed, decided: drawn });
    const running = report.rows.at(-1)?.cumulative;
    expect(running).toMatchObject({ audited: drawn, correct: agreed });
    expect(running?.accuracy.lower).toBeLessThanOrEqual(agreed / drawn);
    expect(running?.accuracy.upper).toBeGreaterThanOrEqual(agreed / drawn);
  });
});
