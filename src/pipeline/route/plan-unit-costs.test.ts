import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG, type Prices } from '../../core/project.js';
import { labelRun } from '../../testing/builders/run-builders.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { planUnitCosts } from './plan-unit-costs.js';

const prices: Prices = {
  models: {},
  humanHourlyUsd: 15,
  humanItemsPerHour: 100,
  hostingPerHourUsd: 10,
};
const hour = { startedAt: '2026-12-07T10:00:00.000Z', endedAt: '2026-12-07T11:00:00.000Z' };

describe('planUnitCosts', () => {
  it('adds hosting time to what a label run cost, but not to imported predictions', async () => {
    const store = new MemoryStore();
    await store.createRun(
      labelRun('label-1', 'llm:m#p', { ...hour, itemsDone: 100, costUsd: 2, status: 'done' }),
    );
    await store.createRun(
      labelRun('label-2', 'import:m', { ...hour, itemsDone: 100, costUsd: 1, status: 'done' }),
    );
    const common = { store, prices, people: DEFAULT_PEOPLE_CONFIG, humanAccuracy: 0.95 };
    const llm = await planUnitCosts({ ...common, source: 'llm:m#p' });
    expect(llm.machinePerItem).toBeCloseTo((2 + 10) / 100, 12);
    const imported = await planUnitCosts({ ...common, source: 'import:m' });
    expect(imported.machinePerItem).toBeCloseTo(1 / 100, 12);
    expect(imported.machineBasis).toBe('$1.0000 over 100 items labelled by import:m');
  });
});
