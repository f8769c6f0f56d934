import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import { memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { importItems, type ImportItemsOptions } from './import-items.js';
import { importTruth } from './import-truth.js';

const KINDS = join(import.meta.dirname, '..', '..', 'testing', 'fixtures', 'kinds');
const EMOTIONS = (
  'admiration amusement anger annoyance approval caring confusion curiosity desire ' +
  'disappointment disapproval disgust embarrassment excitement fear gratitude grief joy love ' +
  'nervousness optimism pride realization relief remorse sadness surprise neutral'
).split(' ');
const ML: TaskShape = {
  kind: 'multilabel',
  labels: EMOTIONS,
  measure: 'exact',
  minLabels: 0,
  maxLabels: EMOTIONS.length,
};
const PAIRWISE: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
const CONVABUSE: TaskShape = {
  kind: 'rating',
  labels: ['-3', '-2', '-1', '0', '1'],
  measure: 'within-k',
  withinK: 1,
};

function fixture(name: string): Record<string, unknown>[] {
  return readFileSync(join(KINDS, name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function options(
  store: MemoryStore,
  file: string,
  rows: readonly FakeRow[],
  shape: TaskShape,
  extra: Partial<ImportItemsOptions> = {},
): ImportItemsOptions {
  return {
    store,
    source: memorySource(file, rows),
    role: 'gold',
    idField: 'id',
    labelField: 'label',
    fields: ['text'],
    labels: shape.labels,
    shape,
    skipInvalid: false,
    ...extra,
  };
}

async function refusal(promise: Promise<unknown>): Promise<HiloError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HiloError);
  return error as HiloError;
}

describe('importing a multi-label project', () => {
  const rows = fixture('goemotions-multilabel.jsonl');

  it('stores each JSON array of names as its set code', async () => {
    const store = new MemoryStore();
    const report = await importItems(options(store, 'gold.jsonl', rows, ML));
    expect(report.inserted).toBe(48);
    const first = rows.find((r) => (r.label as string[]).length > 1);
    const stored = await store.getItem(first?.id as string);
    expect(stored?.goldLabel).toBe((first?.label as string[]).join('|'));
    expect(stored?.fields).toEqual({ text: first?.text });
  });

  it('reads names joined by | from CSV, and a labels column as hilo exports it', async () => {
    const store = new MemoryStore();
    const csv = [
      { id: 'c1', text: 'x', label: 'joy|admiration' },
      { id: 'c2', text: 'y', label: '[]' },
    ];
    await importItems(options(store, 'gold.csv', csv, ML));
    expect((await store.getItem('c1'))?.goldLabel).toBe('admiration|joy');
    expect((await store.getItem('c2'))?.goldLabel).toBe('');
    const exported = [{ id: 'e1', text: 'z', label: 'fear', labels: ['fear', 'grief'] }];
    await importItems(options(store, 'export.jsonl', exported, ML));
    expect(await store.getItem('e1')).toMatchObject({
      goldLabel: 'fear|grief',
      fields: { text: 'z' },
    });
  });

  it('stops at an unknown name, a set outside the bounds or text in JSON, storing nothing', async () => {
    const cases: [FakeRow, string][] = [
      [{ id: 'u', text: 't', label: ['joy', 'glee'] }, '"glee" is not one of the labels'],
      [
        { id: 'm', text: 't', label: ['joy', 'fear', 'love'] },
        'more than multilabel.maxLabels (2)',
      ],
      [{ id: 's', text: 't', label: 'joy' }, 'must be a JSON array of label names, got text'],
    ];
    for (const [bad, reason] of cases) {
      const store = new MemoryStore();
      const bounded: TaskShape = { ...ML, maxLabels: 2 };
      const error = await refusal(
        importItems(options(store, 'g.jsonl', [...rows.slice(0, 3), bad], bounded)),
      );
      expect(error.message).toContain(reason);
      expect(error.location).toEqual({ file: 'g.jsonl', line: 4, field: 'label' });
      expect(await store.countItems({})).toBe(0);
    }
  });

  it('sets trusted sets from a truth file', async () => {
    const store = new MemoryStore();
    const source = memorySource('truth.csv', [{ task: 't1', label: 'neutral|joy' }]);
    await importTruth({ store, source, labels: EMOTIONS, shape: ML, role: 'test' });
    expect(await store.getItem('t1')).toMatchObject({ role: 'test', goldLabel: 'joy|neutral' });
    const bad = memorySource('truth.jsonl', [{ task: 't2', label: 'joy' }]);
    const error = await refusal(
      importTruth({ store, source: bad, labels: EMOTIONS, shape: ML, role: 'test' }),
    );
    expect(error.location).toEqual({ file: 'truth.jsonl', line: 1, field: 'label' });
  });
});

describe('importing a pairwise project', () => {
  const rows = fixture('llmfao-pairwise.jsonl');
  const fields = ['prompt', 'a', 'b', 'system_a', 'system_b'];

  it('keeps the prompt, both responses and the system fields, with a/b/tie verdicts', async () => {
    const store = new MemoryStore();
    await importItems(options(store, 'pairs.jsonl', rows, PAIRWISE, { fields }));
    const tie = rows.find((r) => r.label === 'tie');
    const stored = await store.getItem(tie?.id as string);
    expect(stored?.goldLabel).toBe('tie');
    expect(Object.keys(stored?.fields ?? {})).toEqual(fields);
    expect(stored?.fields.system_a).toBe(tie?.system_a);
  });

  it('stops at a row without a response, and at a tie where the project has none', async () => {
    const noB = { ...rows[0], b: undefined };
    const missing = await refusal(
      importItems(options(new MemoryStore(), 'p.jsonl', [noB], PAIRWISE, { fields })),
    );
    expect(missing.message).toBe('p.jsonl, line 1, field "b": missing field "b"');
    const tie = rows.find((r) => r.label === 'tie') as FakeRow;
    const noTie: TaskShape = { kind: 'pairwise', labels: ['a', 'b'] };
    const refused = await refusal(
      importItems(options(new MemoryStore(), 'p.jsonl', [tie], noTie, { fields })),
    );
    expect(refused.message).toBe(
      'p.jsonl, line 1, field "label": label "tie" is not a or b (this project has no tie)',
    );
  });
});

describe('importing a rating project', () => {
  const rows = fixture('convabuse-rating.jsonl');
  const fields = ['prev_agent', 'prev_user', 'agent', 'user'];

  it('matches numeric ratings to the levels of the scale', async () => {
    const store = new MemoryStore();
    await importItems(options(store, 'ratings.jsonl', rows, CONVABUSE, { fields }));
    const counts = new Map<string, number>();
    for (const item of await store.listItems({}))
      counts.set(item.goldLabel ?? '', (counts.get(item.goldLabel ?? '') ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ '-3': 6, '-2': 8, '-1': 10, '0': 8, '1': 16 });
  });

  it('stops at a rating between levels or off the scale', async () => {
    for (const label of [0.5, 2]) {
      const bad = { ...rows[0], label };
      const error = await refusal(
        importItems(options(new MemoryStore(), 'r.jsonl', [bad], CONVABUSE, { fields })),
      );
      expect(error.message).toBe(
        `r.jsonl, line 1, field "label": rating ${label} is not a level of the scale (-3, -2, -1, 0, 1)`,
      );
    }
  });
});
