import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/store.js';
import type { Run, RunKind, RunRecord } from '../../core/runs/run-records.js';
import type { Item } from '../../core/types.js';
import { decision, item, vote } from '../builders/index.js';
import { auditRun, labelRun, routeRun } from '../builders/run-builders.js';
import { describeCheckStoreContract } from './check-store-contract.case.js';
import { describeDuplicateStoreContract } from './duplicate-store-contract.case.js';
import { describeEmbeddingCacheContract } from './embedding-cache-contract.case.js';
import { describeLockStoreContract } from './lock-store-contract.case.js';
import { describeResponseCacheContract } from './response-cache-contract.case.js';
import { describeLabelWorkContract } from './label-work-contract.case.js';
import { describeStoreTransactionContract } from './store-transaction-contract.case.js';
import { describeVoteColumnsContract } from './vote-columns-contract.case.js';
import { describeVoteDeletionContract } from './vote-deletion-contract.case.js';
import { describeVoteImportContract } from './vote-import-contract.case.js';

/**
 * The behaviour every Store must show, run against each implementation (SQLite, PGlite,
 * PostgreSQL, the memory fake). `open` must return an empty, migrated store; it is called before
 * each test and closed after. With `skip` every case is reported as skipped under `name`.
 * @example describeStoreContract('sqlite', () => openSqliteStore({ path: tempFile() }))
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  options: { readonly skip?: boolean } = {},
): void {
  (options.skip ? describe.skip : describe)(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('items', () => {
      it('upserts idempotently: a second import adds no duplicates, applies updates and counts right', async () => {
        const first = [item('a'), item('b', { role: 'gold', goldLabel: 'spam' }), item('c')];
        expect(await store.upsertItems(first)).toEqual({ inserted: 3, updated: 0 });
        expect(await store.upsertItems(first)).toEqual({ inserted: 0, updated: 3 });
        const changed = item('b', {
          role: 'control',
          goldLabel: 'ham',
          batch: 'b2',
          fields: { text: 'new' },
        });
        expect(await store.upsertItems([changed, item('d')])).toEqual({ inserted: 1, updated: 1 });
        expect(await store.countItems({})).toBe(4);
        expect(await store.getItem('b')).toEqual(changed);
        expect(await store.getItem('missing')).toBeUndefined();
      });

      it('counts a repeated id once within one call and keeps its last version', async () => {
        const last = item('x', { fields: { text: 'second' } });
        expect(await store.upsertItems([item('x'), last])).toEqual({ inserted: 1, updated: 0 });
        expect(await store.getItem('x')).toEqual(last);
        expect(await store.upsertItems([])).toEqual({ inserted: 0, updated: 0 });
      });

      it('upserts batches larger than one statement', async () => {
        const many = Array.from({ length: 9000 }, (_, i) => item(`i${String(i).padStart(5, '0')}`));
        expect(await store.upsertItems(many.slice(0, 5000))).toEqual({
          inserted: 5000,
          updated: 0,
        });
        expect(await store.upsertItems(many)).toEqual({ inserted: 4000, updated: 5000 });
        expect(await store.countItems({})).toBe(9000);
      });

      it('round-trips nested field values exactly', async () => {
        const fields = {
          text: 'héllo "quoted"\n',
          n: 0.1 + 0.2,
          list: [1, null, { deep: true }],
          empty: '',
        };
        await store.upsertItems([item('f', { fields })]);
        expect((await store.getItem('f'))?.fields).toEqual(fields);
      });

      it('returns copies: changing a value written or read changes nothing stored', async () => {
        const written = item('a', { fields: { text: 'original', list: [1] } });
        await store.upsertItems([written]);
        (written.fields as { text: string }).text = 'changed after writing';
        const read = await store.getItem('a');
        (read?.fields as { list: number[] }).list.push(2);
        const [listed] = await store.listItems({});
        (listed?.fields as { text: string }).text = 'changed after listing';
        expect((await store.getItem('a'))?.fields).toEqual({ text: 'original', list: [1] });
        await store.addVotes([vote('a', 'human:ann', { probabilities: { spam: 1, ham: 0 } })]);
        const [readVote] = await store.listVotes({ itemIds: ['a'] });
        (readVote?.probabilities as Record<string, number>)['spam'] = 0.5;
        expect((await store.listVotes({ itemIds: ['a'] }))[0]?.probabilities).toEqual({
          spam: 1,
          ham: 0,
        });
      });

      it('filters by role, ids and both', async () => {
        await store.upsertItems([
          item('p1'),
          item('p2'),
          item('g1', { role: 'gold', goldLabel: 'x' }),
          item('c1', { role: 'control', goldLabel: 'y' }),
          item('t1', { role: 'test' }),
        ]);
        expect(ids(await store.listItems({ role: 'pool' }))).toEqual(['p1', 'p2']);
        expect(ids(await store.listItems({ role: ['gold', 'control'] }))).toEqual(['c1', 'g1']);
        expect(await store.listItems({ role: [] })).toEqual([]);
        expect(await store.countItems({ role: ['pool', 'test'] })).toBe(3);
        expect(ids(await store.listItems({ ids: ['t1', 'p2', 'nope'] }))).toEqual(['p2', 't1']);
        expect(ids(await store.listItems({ ids: ['t1', 'p2'], role: 'pool' }))).toEqual(['p2']);
        expect(await store.listItems({ ids: [] })).toEqual([]);
        expect(await store.countItems({ ids: [] })).toBe(0);
      });

      it('lists items without a vote from a given source', async () => {
        await store.upsertItems([item('a'), item('b'), item('c'), item('d', { role: 'gold' })]);
        await store.addVotes([vote('a', 'llm:m#1'), vote('b', 'llm:m#2'), vote('d', 'llm:m#1')]);
        expect(ids(await store.listItems({ withoutVoteFrom: 'llm:m#1' }))).toEqual(['b', 'c']);
        expect(ids(await store.listItems({ withoutVoteFrom: 'llm:m#2' }))).toEqual(['a', 'c', 'd']);
        expect(ids(await store.listItems({ withoutVoteFrom: 'llm:m#1', role: 'gold' }))).toEqual(
          [],
        );
        expect(await store.countItems({ withoutVoteFrom: 'llm:m#1' })).toBe(2);
        expect(await store.countItems({ withoutVoteFrom: 'human:nobody' })).toBe(4);
      });

      it('pages by id with afterId and limit, in byte order of ids', async () => {
        const all = ['item10', 'item2', 'B', 'a', 'é', 'item1', 'Z_', 'z'];
        await store.upsertItems(all.map((id) => item(id)));
        const expected = [...all].sort();
        const seen: string[] = [];
        let afterId: string | undefined;
        for (;;) {
          const page = await store.listItems(
            afterId === undefined ? { limit: 3 } : { limit: 3, afterId },
          );
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          seen.push(...ids(page));
          afterId = page[page.length - 1]?.id;
        }
        expect(seen).toEqual(expected);
      });

      it('pages through items still lacking a vote', async () => {
        await store.upsertItems(['a', 'b', 'c', 'd', 'e'].map((id) => item(id)));
        await store.addVotes([vote('b', 'llm:x'), vote('d', 'llm:x')]);
        const first = await store.listItems({ withoutVoteFrom: 'llm:x', limit: 2 });
        expect(ids(first)).toEqual(['a', 'c']);
        expect(
          ids(await store.listItems({ withoutVoteFrom: 'llm:x', limit: 2, afterId: 'c' })),
        ).toEqual(['e']);
      });
    });

    describe('votes', () => {
      it('round-trips full distributions, nulls and numbers exactly', async () => {
        await store.upsertItems([item('a'), item('b')]);
        const machine = vote('a', 'llm:gpt_4#abc', {
          probabilities: { spam: 1 / 3, ham: 2 / 3 - 1e-12, other: 1e-12 },
          otherMass: 0.000123,
          verbalized: 0.85,
          rationale: 'looks like an advert',
          runId: 'run-1',
          tokensIn: 812,
          tokensOut: 14,
          costUsd: 0.000417,
          latencyMs: 532.25,
        });
        const abstained = vote('b', 'llm:gpt_4#abc', {
          label: null,
          probabilities: null,
          abstainReason: 'no answer token',
          verbalized: null,
          rationale: null,
        });
        const human = vote('a', 'human:ann', { method: 'human', timeSpentMs: 4200, runId: null });
        const voteIds = await store.addVotes([machine, abstained, human]);
        expect(voteIds).toHaveLength(3);
        expect([...voteIds].sort((x, y) => x - y)).toEqual(voteIds);
        expect(new Set(voteIds).size).toBe(3);
        const stored = await store.listVotes({});
        expect(stored).toEqual([
          { ...machine, id: voteIds[0] },
          { ...abstained, id: voteIds[1] },
          { ...human, id: voteIds[2] },
        ]);
        expect(await store.addVotes([])).toEqual([]);
      });

      it('filters votes by item, source, source prefix and run', async () => {
        await store.upsertItems([item('a'), item('b')]);
        await store.addVotes([
          vote('a', 'llm:m_1#p', { runId: 'r1' }),
          vote('b', 'llm:mx1#p', { runId: 'r2' }),
          vote('a', 'human:ann'),
          vote('b', 'model:local@1'),
        ]);
        const sources = (votes: readonly { source: string }[]) => votes.map((v) => v.source);
        expect(sources(await store.listVotes({ itemIds: ['a'] }))).toEqual([
          'llm:m_1#p',
          'human:ann',
        ]);
        expect(await store.listVotes({ itemIds: [] })).toEqual([]);
        expect(sources(await store.listVotes({ source: 'human:ann' }))).toEqual(['human:ann']);
        expect(sources(await store.listVotes({ sourcePrefix: 'llm:' }))).toEqual([
          'llm:m_1#p',
          'llm:mx1#p',
        ]);
        expect(sources(await store.listVotes({ sourcePrefix: 'llm:m_' }))).toEqual(['llm:m_1#p']);
        expect(sources(await store.listVotes({ sourcePrefix: 'LLM:' }))).toEqual([]);
        expect(sources(await store.listVotes({ runId: 'r2' }))).toEqual(['llm:mx1#p']);
        expect(sources(await store.listVotes({ itemIds: ['b'], sourcePrefix: 'model:' }))).toEqual([
          'model:local@1',
        ]);
      });

      it('adds more votes than one statement holds, ids in order', async () => {
        await store.upsertItems([item('a')]);
        const voteIds = await store.addVotes(
          Array.from({ length: 4000 }, (_, i) => vote('a', `s${i}`)),
        );
        expect(voteIds).toHaveLength(4000);
        for (let i = 1; i < voteIds.length; i += 1)
          expect(voteIds[i]).toBeGreaterThan(voteIds[i - 1] ?? Infinity);
        const stored = await store.listVotes({ itemIds: ['a'] });
        expect(stored.map((v) => v.source)).toEqual(
          Array.from({ length: 4000 }, (_, i) => `s${i}`),
        );
      });

      it('rejects a vote on an unknown item as CONFLICT with the cause attached', async () => {
        const error = await store.addVotes([vote('ghost', 'human:ann')]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HiloError);
        expect((error as HiloError).code).toBe('CONFLICT');
        expect((error as HiloError).cause).toBeDefined();
      });
    });

    describe('decisions', () => {
      it('inserts, then replaces the decision of an item', async () => {
        await store.upsertItems([item('a'), item('b')]);
        const first = decision('a', { label: 'spam', voteIds: [1, 2] });
        await store.putDecisions([first, decision('b')]);
        const replaced = decision('a', {
          label: 'ham',
          confidence: null,
          probabilities: null,
          decidedBy: 'human',
          source: 'human:ann',
          voteIds: [],
          zone: null,
          updatedAt: '2025-02-01T00:00:00.000Z',
        });
        await store.putDecisions([replaced]);
        expect(await store.listDecisions({})).toEqual([replaced, decision('b')]);
        expect(await store.listDecisions({ itemIds: ['b', 'zz'] })).toEqual([decision('b')]);
        expect(await store.listDecisions({ itemIds: [] })).toEqual([]);
      });

      it('rejects a decision on an unknown item as CONFLICT', async () => {
        await expect(store.putDecisions([decision('ghost')])).rejects.toMatchObject({
          code: 'CONFLICT',
        });
      });
    });

    describe('runs', () => {
      it('creates, patches and lists runs', async () => {
        const created = run('r1', 'label');
        await store.createRun(created);
        await store.createRun(run('r2', 'audit', { startedAt: '2025-01-02T00:00:00.000Z' }));
        await store.createRun(run('r0', 'label', { startedAt: '2025-01-03T00:00:00.000Z' }));
        await store.updateRun('r1', {
          status: 'done',
          itemsDone: 10,
          tokensIn: 5_000_000_000,
          endedAt: 'later',
        });
        await store.updateRun('r1', {});
        expect(await store.getRun('r1')).toEqual({
          ...created,
          status: 'done',
          itemsDone: 10,
          tokensIn: 5_000_000_000,
          endedAt: 'later',
        });
        expect((await store.listRuns({ kind: 'label' })).map((r) => r.id)).toEqual(['r1', 'r0']);
        expect((await store.listRuns({})).map((r) => r.id)).toEqual(['r1', 'r2', 'r0']);
        expect(await store.getRun('nope')).toBeUndefined();
      });

      it('replaces a run config with the figures the run measured', async () => {
        const created = labelRun('l9', 'llm:judge#ab12');
        await store.createRun(created);
        if (created.config.kind !== 'llm') throw new Error('an llm label run was expected');
        const positionBias = {
          items: 40,
          flipRate: 0.25,
          firstPositionWinRate: 0.6,
          positionShift: 0.1,
        };
        await store.updateRun('l9', { itemsDone: 40, config: { ...created.config, positionBias } });
        const read = await store.getRun('l9');
        expect(read?.itemsDone).toBe(40);
        expect(read?.config).toEqual({ ...created.config, positionBias });
        const tieOnly = { ...positionBias, firstPositionWinRate: null };
        await store.updateRun('l9', { config: { ...created.config, positionBias: tieOnly } });
        expect((await store.getRun('l9'))?.config).toEqual({
          ...created.config,
          positionBias: tieOnly,
        });
      });

      it('reads back every kind of run exactly as written', async () => {
        const written: Run[] = [
          labelRun('l1', 'llm:gpt-4o-mini#1a2b3c4d', {
            status: 'failed',
            tokensIn: 12,
            startedAt: '2025-01-01T00:00:00.000Z',
          }),
          labelRun('l2', 'model:local@3', { startedAt: '2025-01-02T00:00:00.000Z' }),
          routeRun(
            'r1',
            {
              threshold: 0.8125,
              thresholds: { a: 0.9, b: null },
              goldNeededDetail: {
                threshold: 0.7,
                observedAccuracy: 0.96,
                goldCoverage: 0.4,
                acceptedNeeded: 120,
                totalGold: 300,
                additionalGold: 100,
              },
              testCheck: {
                items: 10,
                accepted: 0,
                correct: 0,
                accuracy: { estimate: null, lower: 0, upper: 1 },
              },
              router: {
                names: ['confidence'],
                mean: [0.5],
                scale: [0.25],
                weights: [-2],
                bias: 0.1,
              },
              auditRun: 'a1',
            },
            { startedAt: '2025-01-03T00:00:00.000Z' },
          ),
          auditRun(
            'a1',
            { items: [{ id: 'p1', batch: '(no batch)', label: 'spam' }] },
            { startedAt: '2025-01-03T00:00:00.000Z' },
          ),
        ];
        for (const r of written) await store.createRun(r);
        expect(await store.listRuns({})).toEqual([written[0], written[1], written[3], written[2]]);
        expect(await store.getRun('r1')).toEqual(written[2]);
      });

      it('refuses a duplicate run id (CONFLICT) and a patch of an unknown run (NOT_FOUND)', async () => {
        await store.createRun(run('r1', 'label'));
        await expect(store.createRun(run('r1', 'label'))).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        await expect(store.updateRun('nope', { status: 'failed' })).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        await expect(store.updateRun('nope', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });
    });

    describe('models', () => {
      it('numbers versions per name and returns the newest or a given one', async () => {
        const base = {
          payload: '{"w":[1,2]}',
          metrics: { accuracy: 0.91 },
          trainedOn: 1200,
          createdAt: 'T1',
        };
        expect(await store.saveModel({ ...base, name: 'local' })).toBe(1);
        expect(
          await store.saveModel({ ...base, name: 'local', payload: 'v2', createdAt: 'T2' }),
        ).toBe(2);
        expect(await store.saveModel({ ...base, name: 'other' })).toBe(1);
        expect(await store.getModel('local')).toEqual({
          ...base,
          name: 'local',
          version: 2,
          payload: 'v2',
          createdAt: 'T2',
        });
        expect(await store.getModel('local', 1)).toEqual({ ...base, name: 'local', version: 1 });
        expect(await store.getModel('local', 3)).toBeUndefined();
        expect(await store.getModel('none')).toBeUndefined();
      });
    });

    describeResponseCacheContract(() => store);

    describeEmbeddingCacheContract(() => store);

    describeCheckStoreContract(() => store);

    describeDuplicateStoreContract(() => store);

    describeStoreTransactionContract(() => store);

    describeVoteDeletionContract(() => store);
    describeVoteColumnsContract(() => store);

    describeLockStoreContract(() => store);

    describeLabelWorkContract(() => store);
    describeVoteImportContract(() => store);
  });
}

function run(id: string, kind: RunKind, over: Partial<Omit<RunRecord, 'id'>> = {}): Run {
  const record = {
    status: 'running' as const,
    costUsd: 0.5,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: null,
    ...over,
  };
  switch (kind) {
    case 'label':
      return labelRun(id, 'llm:m#p', record);
    case 'route':
      return routeRun(id, {}, record);
    case 'audit':
      return auditRun(id, {}, record);
  }
}

function ids(items: readonly Item[]): string[] {
  return items.map((i) => i.id);
}
