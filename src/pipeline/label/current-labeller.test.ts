import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../core/runs/run-records.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { labelRun } from '../../testing/builders/run-builders.js';
import { currentLabeller, labellerLine, labelRunsOf } from './current-labeller.js';

const LOCAL = 'model:local@1';
const LLM = 'llm:gpt-4o-mini#1a2b3c4d';

function at(minute: number) {
  const startedAt = `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
  return { startedAt, endedAt: startedAt };
}

async function saveLocalModel(store: MemoryStore): Promise<void> {
  await store.saveModel({ name: 'local', payload: '', metrics: {}, trainedOn: 1, createdAt: '' });
}

describe('currentLabeller', () => {
  it.each<RunStatus>(['failed', 'interrupted', 'running'])(
    'never chooses a %s LLM run after a finished local run',
    async (status) => {
      const store = new MemoryStore();
      await store.createRun(labelRun('label-1', LOCAL, at(1)));
      await store.createRun(labelRun('label-2', LLM, { ...at(2), status }));
      expect(await currentLabeller({ store })).toEqual({
        id: LOCAL,
        chosenBy: 'label-run',
        runId: 'label-1',
      });
    },
  );

  it('takes the labeller of the newest finished label run', async () => {
    const store = new MemoryStore();
    await saveLocalModel(store);
    await saveLocalModel(store);
    await store.createRun(labelRun('label-1', LOCAL, at(1)));
    await store.createRun(labelRun('label-2', LLM, { ...at(2), status: 'failed' }));
    await store.createRun(labelRun('label-3', LLM, at(3)));
    // A newer local model has no label run of its own yet: the LLM stays current.
    expect(await currentLabeller({ store })).toEqual({
      id: LLM,
      chosenBy: 'label-run',
      runId: 'label-3',
    });
  });

  it('falls back to the newest local model when no label run has finished', async () => {
    const store = new MemoryStore();
    await store.createRun(labelRun('label-1', LLM, { ...at(1), status: 'failed' }));
    await expect(currentLabeller({ store })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message:
        'no labeller to work on: run `hilo learn`, `hilo label` or `hilo import-predictions` first, or pass --source (the last label run, label-1, is failed)',
    });
    await saveLocalModel(store);
    await saveLocalModel(store);
    expect(await currentLabeller({ store })).toEqual({
      id: 'model:local@2',
      chosenBy: 'local-model',
      runId: null,
    });
  });

  it('gives way to the labeller asked for', async () => {
    const store = new MemoryStore();
    await store.createRun(labelRun('label-1', LOCAL, at(1)));
    expect(await currentLabeller({ store, asked: LLM })).toEqual({
      id: LLM,
      chosenBy: 'flag',
      runId: null,
    });
    expect(await currentLabeller({ store: new MemoryStore(), asked: 'model:x@1' })).toMatchObject({
      id: 'model:x@1',
    });
    // An empty --source asks for nothing.
    expect((await currentLabeller({ store, asked: '' })).chosenBy).toBe('label-run');
  });
});

describe('labellerLine', () => {
  it('says which labeller and why, in one line', () => {
    expect(labellerLine({ id: LLM, chosenBy: 'label-run', runId: 'label-3' })).toBe(
      `labeller: ${LLM} (newest finished label run, label-3)`,
    );
    expect(labellerLine({ id: LOCAL, chosenBy: 'flag', runId: null })).toBe(
      `labeller: ${LOCAL} (--source)`,
    );
    expect(labellerLine({ id: 'model:local@2', chosenBy: 'local-model', runId: null })).toBe(
      'labeller: model:local@2 (newest local model; no label run has finished)',
    );
  });
});

describe('labelRunsOf', () => {
  it('lists every label run of a source, whatever its status, oldest first', async () => {
    const store = new MemoryStore();
    await store.createRun(labelRun('label-3', LLM, at(3)));
    await store.createRun(labelRun('label-1', LLM, { ...at(1), status: 'failed' }));
    await store.createRun(labelRun('label-2', LOCAL, at(2)));
    expect((await labelRunsOf(store, LLM)).map((run) => run.id)).toEqual(['label-1', 'label-3']);
  });
});
