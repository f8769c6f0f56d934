import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { item } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { labelItems } from './label-items.js';
import type { Labeller } from './labeller.js';
import { SpentModelError } from './llm-job.js';

const clock = { now: () => Date.UTC(2026, 0, 1) };

describe('labelItems when the labeller stops the run', () => {
  it("counts what the provider billed for the failing call in the run's spend", async () => {
    const store = new MemoryStore();
    await store.upsertItems(['a', 'b'].map((id) => item(id, { fields: { text: id } })));
    const outage = new HiloError('MODEL_UNAVAILABLE', '5 items in a row failed; last: no choices');
    const labeller: Labeller = {
      source: 'llm:m#1',
      batchSize: 1,
      concurrency: 1,
      description: { kind: 'local', version: 1, trainedOn: 0 },
      label: () =>
        Promise.reject(
          new SpentModelError(outage, {
            tokensIn: 36,
            tokensOut: 6,
            costUsd: 0.00006,
            latencyMs: 4,
            requests: 3,
            cached: false,
          }),
        ),
    };
    await expect(labelItems({ store, labeller, clock })).rejects.toThrow(/in a row failed/);
    const [run] = await store.listRuns({ kind: 'label' });
    expect(run).toMatchObject({ status: 'failed', tokensIn: 36, tokensOut: 6 });
    expect(run?.costUsd).toBeCloseTo(0.00006, 12);
  });
});
