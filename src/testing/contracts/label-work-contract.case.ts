import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { LabelLeaseQuery } from '../../core/ports/label-work-store.js';
import type { Store } from '../../core/ports/store.js';
import { item, vote } from '../builders/index.js';
import { labelRun } from '../builders/run-builders.js';

const NOW = Date.UTC(2026, 11, 7, 10);
const LEASE = 60_000;
const SOURCE = 'llm:mini#ab';

function running(id: string, source = SOURCE) {
  return labelRun(id, source, {
    status: 'running',
    endedAt: null,
    startedAt: new Date(NOW).toISOString(),
  });
}

function worker(name: string, now = NOW) {
  return { worker: name, now, expiresAt: now + LEASE };
}

function lease(name: string, over: Partial<LabelLeaseQuery> = {}): LabelLeaseQuery {
  return {
    ...worker(name, over.now ?? NOW),
    source: SOURCE,
    runId: 'r1',
    roles: ['pool', 'gold'],
    limit: 10,
    ...over,
  };
}

const ids = (items: readonly { id: string }[]): string[] => items.map((i) => i.id);

/**
 * The label-workers part of the Store contract (`LabelWorkStore`), run inside
 * `describeStoreContract` on the store it opened for each test.
 * @example describeLabelWorkContract(() => store)
 */
export function describeLabelWorkContract(current: () => Store): void {
  describe('label workers', () => {
    it('creates a run for the first worker and lets a second worker of the same labeller join it', async () => {
      const store = current();
      expect(await store.joinLabelRun(running('r1'), worker('w1'))).toEqual({
        runId: 'r1',
        joined: false,
      });
      expect(await store.joinLabelRun(running('r2'), worker('w2', NOW + 10))).toEqual({
        runId: 'r1',
        joined: true,
      });
      expect(await store.joinLabelRun(running('r3', 'model:local@1'), worker('w3'))).toEqual({
        runId: 'r3',
        joined: false,
      });
      expect((await store.listRuns({ kind: 'label' })).map((r) => r.id)).toEqual(['r1', 'r3']);
    });

    it('starts a new run instead of joining one whose workers all stopped beating', async () => {
      const store = current();
      await store.joinLabelRun(running('r1'), worker('w1'));
      const later = NOW + LEASE + 1;
      expect(await store.joinLabelRun(running('r2'), worker('w2', later))).toEqual({
        runId: 'r2',
        joined: false,
      });
    });

    it('leases items of the asked roles in id order, never one voted on or held by a live worker', async () => {
      const store = current();
      await store.upsertItems([
        item('d'),
        item('a'),
        item('c', { role: 'test' }),
        item('b', { role: 'gold', goldLabel: 'spam' }),
        item('e'),
      ]);
      await store.joinLabelRun(running('r1'), worker('w1'));
      await store.addVotes([vote('a', SOURCE), vote('d', 'model:local@1')]);
      expect(ids(await store.leaseLabelItems(lease('w1', { limit: 2 })))).toEqual(['b', 'd']);
      expect(ids(await store.leaseLabelItems(lease('w2')))).toEqual(['e']);
      expect(await store.leaseLabelItems(lease('w1'))).toEqual([]);
      // Another labeller's leases do not block.
      expect(ids(await store.leaseLabelItems(lease('w3', { source: 'model:local@1' })))).toEqual([
        'a',
        'b',
        'e',
      ]);
      expect(ids(await store.leaseLabelItems(lease('w4', { afterId: 'b', source: 'x' })))).toEqual([
        'd',
        'e',
      ]);
    });

    it('never hands one item to two of many concurrent lease calls', async () => {
      const store = current();
      const many = Array.from({ length: 300 }, (_, i) => item(`i${String(i).padStart(3, '0')}`));
      await store.upsertItems(many);
      const leased = await Promise.all(
        Array.from({ length: 12 }, (_, w) => store.leaseLabelItems(lease(`w${w}`, { limit: 40 }))),
      );
      const all = leased.flatMap(ids);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(300);
    });

    it('hands a lapsed lease to another worker, unless its holder renewed it', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.joinLabelRun(running('r1'), worker('w1'));
      await store.leaseLabelItems(lease('w1'));
      const halfway = NOW + LEASE / 2;
      expect(await store.renewLabelWork('r1', worker('w1', halfway))).toBe(2);
      const lapsedFirst = NOW + LEASE + 1;
      expect(await store.leaseLabelItems(lease('w2', { now: lapsedFirst }))).toEqual([]);
      expect(await store.countLiveLeases(SOURCE, 'w2', lapsedFirst)).toBe(2);
      expect(await store.countLiveLeases(SOURCE, 'w1', lapsedFirst)).toBe(0);
      const lapsed = halfway + LEASE;
      expect(await store.countLiveLeases(SOURCE, 'w2', lapsed)).toBe(0);
      expect(ids(await store.leaseLabelItems(lease('w2', { now: lapsed })))).toEqual(['a', 'b']);
      // w1's renewal no longer reaches the items w2 took over.
      expect(await store.renewLabelWork('r1', worker('w1', lapsed))).toBe(0);
    });

    it('releases only the worker’s own leases', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.leaseLabelItems(lease('w1'));
      await store.releaseLabelItems(SOURCE, 'w2', ['a']);
      expect(await store.leaseLabelItems(lease('w2'))).toEqual([]);
      await store.releaseLabelItems(SOURCE, 'w1', ['a']);
      expect(ids(await store.leaseLabelItems(lease('w2')))).toEqual(['a']);
    });

    it('adds each worker’s progress to the run’s totals', async () => {
      const store = current();
      await store.joinLabelRun(running('r1'), worker('w1'));
      const step = { itemsDone: 3, itemsFailed: 1, tokensIn: 300, tokensOut: 4, costUsd: 0.25 };
      await Promise.all([store.addRunProgress('r1', step), store.addRunProgress('r1', step)]);
      expect(await store.getRun('r1')).toMatchObject({
        itemsDone: 6,
        itemsFailed: 2,
        tokensIn: 600,
        tokensOut: 8,
        costUsd: 0.5,
      });
      const missing = await store.addRunProgress('nope', step).catch((e: unknown) => e);
      expect(missing instanceof HiloError && missing.code).toBe('NOT_FOUND');
    });

    it('ends the run when its last live worker leaves, with that worker’s status', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.joinLabelRun(running('r1'), worker('w1'));
      await store.joinLabelRun(running('r2'), worker('w2'));
      await store.leaseLabelItems(lease('w1', { limit: 1 }));
      const at = NOW + 1000;
      expect(await store.leaveLabelRun('r1', 'w1', { status: 'done', now: at })).toBe('running');
      expect(ids(await store.leaseLabelItems(lease('w2')))).toEqual(['a', 'b']);
      expect(await store.leaveLabelRun('r1', 'w2', { status: 'interrupted', now: at + 1 })).toBe(
        'interrupted',
      );
      expect(await store.getRun('r1')).toMatchObject({
        status: 'interrupted',
        endedAt: new Date(at + 1).toISOString(),
      });
    });

    it('marks interrupted the running runs whose workers all stopped beating, ended at the last beat', async () => {
      const store = current();
      await store.joinLabelRun(running('dead'), worker('w1'));
      await store.renewLabelWork('dead', worker('w1', NOW + 500));
      await store.joinLabelRun(running('alive', 'model:local@1'), worker('w2', NOW + LEASE));
      await store.createRun(running('legacy', 'import:x'));
      const later = NOW + 500 + LEASE + 1;
      expect(await store.markInterruptedRuns(later)).toEqual(['dead']);
      expect(await store.getRun('dead')).toMatchObject({
        status: 'interrupted',
        endedAt: new Date(NOW + 500).toISOString(),
      });
      expect((await store.getRun('alive'))?.status).toBe('running');
      expect((await store.getRun('legacy'))?.status).toBe('running');
      expect(await store.markInterruptedRuns(later)).toEqual([]);
    });
  });
}
