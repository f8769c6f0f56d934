import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { parametricCrowd } from './simulate-crowd.js';
import { simulateHybrid } from './simulate-hybrid.js';
import { simulateRelabel } from './simulate-relabel.js';

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 16,
  wordNgrams: 1,
  charNgrams: [0, 0],
  l2: 1e-4,
  epochs: 4,
  seed: 1,
};

/** Texts of three topics; `clear` items carry two topic words, the others one plus a decoy. */
function topics(n: number, seed: number) {
  const rng = createRng(seed);
  const words = [
    ['goal', 'match', 'team', 'score', 'coach'],
    ['vote', 'party', 'law', 'minister', 'senate'],
    ['stock', 'market', 'bank', 'profit', 'trade'],
  ];
  const texts: string[] = [];
  const labels: string[] = [];
  const agreement: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    const clear = rng.next() < 0.7;
    const decoy = words[(k + 1 + rng.int(2)) % 3]![rng.int(5)]!;
    texts.push(
      [
        words[k]![rng.int(5)]!,
        clear ? words[k]![rng.int(5)]! : decoy,
        'news',
        `w${rng.int(50)}`,
      ].join(' '),
    );
    labels.push(['sport', 'politics', 'business'][k]!);
    agreement.push(clear ? 0.9 : 0.5);
  }
  return { texts, labels, agreement };
}

describe('simulateHybrid', () => {
  const data = topics(900, 1);
  const unit = {
    machinePerItem: 0.001,
    annotation: 0.1,
    overlap: 3,
    overlapZoneHumans: 1,
    controlRate: 0.1,
  };
  const crowd = (labelSet: readonly string[]) =>
    parametricCrowd(
      [{ accuracy: 0.9 }, { accuracy: 0.85 }, { accuracy: 0.8 }, { accuracy: 0.75 }],
      labelSet,
    );
  const run = (accept: number, humanBelow: number) =>
    simulateHybrid({
      ...data,
      crowd,
      policy: { accept, humanBelow },
      unit,
      gold: 60,
      batches: 4,
      config,
      seed: 2,
    });

  it('routes every pool item, and costs what the cost model says', () => {
    const r = run(0.9, 0.5);
    expect(r.pool).toBe(840);
    expect(r.zones.accept + r.zones.overlap + r.zones.human).toBe(840);
    const perTask = 0.1 * 1.1;
    expect(r.overlapPeoplePerItem).toBeGreaterThanOrEqual(1);
    expect(r.overlapPeoplePerItem).toBeLessThanOrEqual(3);
    const answers = r.zones.overlap * r.overlapPeoplePerItem + r.zones.human * 3;
    const expected = 840 * 0.001 + perTask * answers + 60 * 0.1;
    expect(r.hybrid.cost).toBeCloseTo(expected, 9);
    expect(r.allHuman.cost).toBeCloseTo(840 * 1.1 * 3 * 0.1, 9);
    expect(r.allMachine.cost).toBeCloseTo(840 * 0.001 + 6, 9);
    expect(r.savingVsHuman).toBeCloseTo(1 - r.hybrid.cost / r.allHuman.cost, 12);
  });

  it('sits between all-machine and all-human: more accurate than the machine, cheaper than people', () => {
    const r = run(0.9, 0.5);
    expect(r.hybrid.accuracy.estimate).toBeGreaterThan(r.allMachine.accuracy.estimate);
    expect(r.hybrid.cost).toBeLessThan(r.allHuman.cost);
    expect(r.allHuman.accuracy.estimate).toBeGreaterThan(0.9); // three people at 75–90% each, majority vote
  });

  it('accepting everything is the machine alone; accepting nothing is people on every item', () => {
    const machineOnly = run(0, 0);
    expect(machineOnly.zones.accept).toBe(840);
    expect(machineOnly.hybrid.accuracy.estimate).toBeCloseTo(
      machineOnly.allMachine.accuracy.estimate,
      12,
    );
    const peopleOnly = run(1.01, 1.01);
    expect(peopleOnly.zones.human).toBe(840);
    expect(peopleOnly.hybrid.cost).toBeCloseTo(peopleOnly.allHuman.cost + 6 + 0.84, 9);
  });

  it('dynamic overlap asks more people only where they disagree, and is more accurate there', () => {
    const fixed = simulateHybrid({
      ...data,
      crowd,
      policy: { accept: 0.9, humanBelow: 0.2 },
      unit,
      gold: 60,
      batches: 4,
      config,
      seed: 2,
      dynamicOverlap: false,
    });
    const dynamic = simulateHybrid({
      ...data,
      crowd,
      policy: { accept: 0.9, humanBelow: 0.2 },
      unit,
      gold: 60,
      batches: 4,
      config,
      seed: 2,
    });
    expect(fixed.overlapPeoplePerItem).toBe(1);
    expect(dynamic.overlapPeoplePerItem).toBeGreaterThan(1.05);
    expect(dynamic.overlapPeoplePerItem).toBeLessThan(2);
    expect(dynamic.zoneAccuracy.overlap).toBeGreaterThan(fixed.zoneAccuracy.overlap);
  });

  it('refuses thresholds out of order', () => {
    expect(() => run(0.5, 0.9)).toThrow(/human-below ≤ accept/);
  });
});

describe('simulateRelabel', () => {
  const data = topics(900, 3);
  const result = simulateRelabel({ ...data, shares: [0, 0.2, 0.5], config, seed: 4 });

  it('corrupts about 1 − agreement of the labels and hurts the model', () => {
    expect(result.noiseRate).toBeGreaterThan(0.15);
    expect(result.noiseRate).toBeLessThan(0.25); // 0.7 × 0.1 + 0.3 × 0.5 = 0.22 expected
    expect(result.noisyAccuracy).toBeLessThan(result.cleanAccuracy);
  });

  it("finds more wrong labels by the model's confidence than at random, and repairs them", () => {
    const [none, fifth, half] = result.sweep;
    expect(none).toMatchObject({ share: 0, relabelled: 0 });
    expect(none!.byConfidence.labelAccuracy).toBeCloseTo(1 - result.noiseRate, 12);
    expect(fifth!.relabelled).toBe(Math.round(0.2 * result.train));
    expect(fifth!.byConfidence.errorsFound).toBeGreaterThan(1.5 * fifth!.random.errorsFound);
    expect(half!.byConfidence.labelAccuracy).toBeGreaterThan(half!.random.labelAccuracy);
    expect(half!.byConfidence.labelAccuracy).toBeGreaterThan(none!.byConfidence.labelAccuracy);
  });
});
