import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskShape } from '../../core/task-kind/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';
import { importVotes } from './import-votes.js';

const KINDS = join(import.meta.dirname, '..', '..', 'testing', 'fixtures', 'kinds');
const clock = { now: () => Date.UTC(2026, 11, 7) };

/** The fixture's `worker,task,label` rows (no quoted cells in these files). */
function votesFixture(name: string): FakeRow[] {
  const [, ...lines] = readFileSync(join(KINDS, name), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [worker, task, label] = line.split(',');
    return { worker, task, label };
  });
}

function run(store: MemoryStore, file: string, rows: readonly FakeRow[], shape: TaskShape) {
  return importVotes({
    store,
    source: memorySource(file, rows),
    labels: shape.labels,
    shape,
    clock,
  });
}

describe('importing people’s votes per kind', () => {
  it('reads pairwise verdicts and refuses a side name', async () => {
    const store = new MemoryStore();
    const shape: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
    const report = await run(store, 'crowd.csv', votesFixture('llmfao-pairwise-votes.csv'), shape);
    expect(report).toMatchObject({ read: 129, added: 129, itemsCreated: 30 });
    const labels = new Set((await store.listVotes({})).map((v) => v.label));
    expect([...labels].sort()).toEqual(['a', 'b', 'tie']);
    await expect(
      run(new MemoryStore(), 'crowd.csv', [{ worker: 'w', task: 't', label: 'left' }], shape),
    ).rejects.toThrow('crowd.csv, line 1, field "label": label "left" is not a, b or tie');
  });

  it('reads ratings on a scale with negative levels', async () => {
    const store = new MemoryStore();
    const shape: TaskShape = {
      kind: 'rating',
      labels: ['-3', '-2', '-1', '0', '1'],
      measure: 'exact',
      withinK: 1,
    };
    const report = await run(
      store,
      'experts.csv',
      votesFixture('convabuse-rating-votes.csv'),
      shape,
    );
    expect(report).toMatchObject({ read: 140, added: 140, itemsCreated: 48 });
    const counts: Record<string, number> = {};
    for (const v of await store.listVotes({}))
      counts[v.label ?? ''] = (counts[v.label ?? ''] ?? 0) + 1;
    expect(counts).toEqual({ '-3': 10, '-2': 27, '-1': 22, '0': 17, '1': 64 });
  });

  it('stores a multi-label answer as its set code, from JSON arrays and from CSV', async () => {
    const store = new MemoryStore();
    const shape: TaskShape = {
      kind: 'multilabel',
      labels: ['toxic', 'obscene', 'insult'],
      measure: 'exact',
      minLabels: 0,
      maxLabels: 3,
    };
    await run(store, 'v.jsonl', [{ worker: 'ada', task: 't1', label: ['insult', 'toxic'] }], shape);
    await run(
      store,
      'v.csv',
      [
        { worker: 'bo', task: 't1', label: 'obscene' },
        { worker: 'cy', task: 't1', label: '[]' },
      ],
      shape,
    );
    const votes = await store.listVotes({ itemIds: ['t1'] });
    expect(votes.map((v) => [v.source, v.label])).toEqual([
      ['human:ada', 'toxic|insult'],
      ['human:bo', 'obscene'],
      ['human:cy', ''],
    ]);
    await expect(
      run(store, 'v.jsonl', [{ worker: 'dy', task: 't1', label: 'toxic' }], shape),
    ).rejects.toThrow('must be a JSON array of label names');
  });
});
