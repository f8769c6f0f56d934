import { describe, expect, it } from 'vitest';
import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { annotator, item, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { modelDispute, outvotedAnswers } from './answer-disputes.js';
import { readPeopleCrowd } from './crowd-votes.js';
import { setModelDispute } from './set-disputes.js';

const CHECKS = DEFAULT_PEOPLE_CONFIG.machineChecks;
const MACHINE = 'model:local@1';
const SCALE = ['1', '2', '3', '4', '5'];
const machine = (probabilities: Record<string, number>, K: number) => ({
  source: MACHINE,
  vote: { ...vote('x', MACHINE, { probabilities }), id: 1 },
  calibrator: restoreCalibrator(`{"method":"none","K":${K}}`),
});

describe('the model’s dispute in the kind’s terms', () => {
  const sure4 = { '1': 0.005, '2': 0.005, '3': 0.02, '4': 0.95, '5': 0.02 };

  it('disputes a level only outside the ±k window when ratings are measured within ±k', () => {
    expect(modelDispute(machine(sure4, 5), '3', SCALE, CHECKS)).toBe(
      'model disputes: model:local@1 gives "3" 2.0%, "4" 95%',
    );
    const withinOne = { ...CHECKS, withinK: 1 };
    expect(modelDispute(machine(sure4, 5), '3', SCALE, withinOne)).toBeNull();
    expect(modelDispute(machine(sure4, 5), '1', SCALE, withinOne)).toBe(
      'model disputes: model:local@1 gives "1" ±1 1.0%, "4" ±1 99%',
    );
  });

  it('disputes a set on the first label the calibrated machine is sure the other way', () => {
    const labels = ['toxic', 'insult', 'threat'];
    const probabilities = { toxic: 0.99, insult: 0.5, threat: 0.01 };
    expect(setModelDispute(machine(probabilities, 2), 'toxic', labels, CHECKS)).toBeNull();
    expect(setModelDispute(machine(probabilities, 2), 'insult|threat', labels, CHECKS)).toBe(
      'model disputes: model:local@1 gives "toxic" 99% to apply, the answer leaves it out',
    );
    expect(setModelDispute(machine(probabilities, 2), 'toxic|threat', labels, CHECKS)).toBe(
      'model disputes: model:local@1 gives "threat" 99% not to apply, the answer has it',
    );
    // A calibrator of whole distributions says nothing about yes/no questions.
    expect(setModelDispute(machine(probabilities, 3), 'insult', labels, CHECKS)).toBeNull();
  });
});

describe('the majority on a rating scale', () => {
  it('outvotes a level only outside ±k of what the others make it', async () => {
    const store = new MemoryStore();
    const answers: [string, string][] = [
      ['ann', '4'],
      ['bob', '4'],
      ['eve', '4'],
      ['cy', '3'],
      ['dee', '1'],
    ];
    await store.upsertItems([item('r')]);
    for (const [who] of answers) await store.people.createAnnotator(annotator(who), `h-${who}`);
    const ids = await store.addVotes(
      answers.map(([who, level]) => vote('r', `human:${who}`, { label: level })),
    );
    expect(ids).toHaveLength(5);
    const crowd = await readPeopleCrowd({ store, labels: SCALE });
    const votes = await store.listVotes({ itemIds: ['r'] });
    const two = { ...CHECKS, majorityOthers: 2 };
    const exact = outvotedAnswers(crowd, votes, new Set(), two).map((o) => o.source);
    expect(exact).toEqual(['human:cy', 'human:dee']);
    const within = outvotedAnswers(crowd, votes, new Set(), { ...two, withinK: 1 });
    expect(within.map((o) => o.source)).toEqual(['human:dee']);
    expect(within[0]?.reason).toMatch(
      /^disagrees with majority: 4 others make it more than 1 level from "1" at (9\d\.\d|100\.0)%$/,
    );
  });
});
