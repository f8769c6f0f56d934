import { describe, expect, it } from 'vitest';
import { RECOMMENDED_DAWID_SKENE } from './aggregate.js';
import { dawidSkene, dawidSkeneSteps } from './dawid-skene.js';
import { simulateCrowd } from './fixtures/simulated-crowd.js';
import { createVoteMatrix } from './vote-matrix.js';

describe('dawidSkeneSteps', () => {
  it('is the same fit as dawidSkene, one sweep per step', () => {
    const crowd = simulateCrowd({
      numItems: 300,
      numAnnotators: 20,
      numClasses: 3,
      votesPerItem: 3,
      seed: 9,
    });
    const matrix = createVoteMatrix({ ...crowd, numClasses: 3 });
    const options = { ...RECOMMENDED_DAWID_SKENE, tolerance: 1e-6 };
    const whole = dawidSkene(matrix, options);
    const steps = dawidSkeneSteps(matrix, options);
    const seen: number[] = [];
    let step = steps.next();
    while (!step.done) {
      seen.push(step.value);
      step = steps.next();
    }
    expect(whole.iterations).toBeGreaterThan(2);
    // A step between every two sweeps, none after the last.
    expect(seen).toEqual(Array.from({ length: whole.iterations - 1 }, (_, i) => i + 1));
    expect(step.value.iterations).toBe(whole.iterations);
    expect([...step.value.posteriors]).toEqual([...whole.posteriors]);
    expect([...(step.value.skills.confusion ?? [])]).toEqual([...(whole.skills.confusion ?? [])]);
  });
});
