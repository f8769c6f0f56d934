import { describe, expect, it } from 'vitest';
import { labelRun } from '../../testing/builders/run-builders.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { createLabellerSource, labellerSourceNow } from './labeller-source.js';

describe('the labeller source of the machine checks', () => {
  it('is null before any labeller has run, then the newest finished label run', async () => {
    const store = new MemoryStore();
    expect(await labellerSourceNow(store)).toBeNull();
    await store.createRun(labelRun('label-1', 'llm:mini#ab', { status: 'done' }));
    expect(await labellerSourceNow(store)).toBe('llm:mini#ab');
  });

  it('reads the runs once per maxAgeMs, shares a read in progress, and sees a new run after that', async () => {
    const store = new MemoryStore();
    let reads = 0;
    const counted = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'listRuns') {
          return (...args: Parameters<MemoryStore['listRuns']>) => {
            reads += 1;
            return target.listRuns(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      },
    });
    let now = 0;
    const labeller = createLabellerSource({
      store: counted,
      clock: { now: () => now },
      maxAgeMs: 1000,
    });
    expect(await Promise.all([labeller.current(), labeller.current()])).toEqual([null, null]);
    expect(reads).toBe(1);
    await store.createRun(labelRun('label-1', 'llm:mini#ab', { status: 'done' }));
    now = 999;
    expect(await labeller.current()).toBeNull();
    expect(reads).toBe(1);
    now = 1000;
    expect(await labeller.current()).toBe('llm:mini#ab');
    expect(reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const store = new MemoryStore();
    let fail = true;
    const failing = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'listRuns' && fail) return () => Promise.reject(new Error('disk gone'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      },
    });
    const labeller = createLabellerSource({ store: failing, clock: { now: () => 0 } });
    await expect(labeller.current()).rejects.toThrow('disk gone');
    fail = false;
    expect(await labeller.current()).toBeNull();
  });
});
