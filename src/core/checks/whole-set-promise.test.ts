import { describe, expect, it } from 'vitest';
import { drawChecks } from './draw-checks.js';
import { promiseFromChecks } from './promise-from-checks.js';
import { wholeSetPromise, type PromiseCheck } from './whole-set-promise.js';

/** 1,000 items: the first 600 (by score) always right, the rest right one time in two. */
function setup(count = 200, design: 'uniform' | 'stratified' = 'uniform') {
  const N = 1000;
  const score = Float64Array.from({ length: N }, (_, i) => 1 - i / N);
  const right = Uint8Array.from({ length: N }, (_, i) => (i < 600 || i % 2 === 0 ? 1 : 0));
  const confidence = Float64Array.from(score, (s) => 0.5 + s / 2);
  const predicted = new Int32Array(N);
  const { checks } = drawChecks({ confidence, predicted, labels: ['a'], count, design, seed: 4 });
  const labelled: PromiseCheck[] = checks.map((c) => ({ ...c, right: right[c.index] === 1 }));
  return { N, score, right, confidence, predicted, checks: labelled };
}

describe('wholeSetPromise', () => {
  it('accepts the sure items, never a checked one, and counts what it spares', () => {
    const { N, score, checks } = setup();
    const result = wholeSetPromise({ score, checks, maxError: 0.05, alpha: 0.05 });
    expect(result.kept).toBe(true);
    expect(result.boundKind).toBe('exact');
    expect(result.accepted).toBeGreaterThan(600);
    expect(result.accepted).toBeLessThan(800);
    for (const c of checks) expect(result.accept[c.index]).toBe(0);
    const acceptedCount = result.accept.reduce((a, b) => a + b, 0);
    expect(acceptedCount).toBe(result.spared);
    expect(result.spared + result.checkedAmongAccepted).toBe(result.accepted);
    expect(result.spared + checks.length + result.toPeople).toBe(N);
    expect(result.bound).toBeLessThanOrEqual(0.05);
    expect(result.estimate).toBeLessThanOrEqual(result.bound);
    // The fixed sequence stops at its first failure and keeps the one before.
    const last = result.tests.at(-1);
    expect(last?.passed).toBe(false);
    expect(result.tests.at(-2)?.accepted).toBe(result.accepted);
  });

  it('accepts less when people make mistakes too, and nothing when people alone break ε', () => {
    const { score, checks } = setup();
    const base = wholeSetPromise({ score, checks, maxError: 0.05, alpha: 0.05 });
    const people = wholeSetPromise({
      score,
      checks,
      maxError: 0.05,
      alpha: 0.05,
      people: { kind: 'measured', errors: 3, answers: 200 },
    });
    expect(people.peopleErrorUpper).toBeGreaterThan(0.015);
    expect(people.accepted).toBeLessThan(base.accepted);
    const hopeless = wholeSetPromise({
      score,
      checks,
      maxError: 0.05,
      alpha: 0.05,
      people: { kind: 'declared', rate: 0.2 },
    });
    expect(hopeless.accepted).toBe(0);
    expect(hopeless.kept).toBe(false);
    expect(hopeless.bound).toBeGreaterThan(0.05);
  });

  it('never accepts items without a finite score', () => {
    const { score, checks } = setup();
    const abstained = Float64Array.from(score, (s, i) => (i % 3 === 0 ? Number.NaN : s));
    const result = wholeSetPromise({ score: abstained, checks, maxError: 0.2, alpha: 0.05 });
    expect(result.accepted).toBeGreaterThan(0);
    for (let i = 0; i < score.length; i += 3) expect(result.accept[i]).toBe(0);
  });

  it('uses the weighted bound for stratified checks and refuses the exact one there', () => {
    const { score, confidence, predicted, right } = setup();
    const { checks } = drawChecks({
      confidence,
      predicted,
      labels: ['a'],
      count: 200,
      design: 'stratified',
      seed: 2,
    });
    const labelled = checks.map((c) => ({ ...c, right: right[c.index] === 1 }));
    const result = wholeSetPromise({ score, checks: labelled, maxError: 0.05, alpha: 0.05 });
    expect(result.boundKind).toBe('weighted');
    expect(result.accepted).toBeGreaterThan(400);
    expect(() =>
      wholeSetPromise({ score, checks: labelled, maxError: 0.05, alpha: 0.05, bound: 'exact' }),
    ).toThrow(/one stratum/);
  });

  it('refuses bad settings and a pool item checked twice', () => {
    const { score, checks } = setup();
    expect(() => wholeSetPromise({ score, checks, maxError: 0, alpha: 0.05 })).toThrow(
      /maximum error/,
    );
    expect(() => wholeSetPromise({ score, checks, maxError: 0.05, alpha: 1 })).toThrow(
      /error level/,
    );
    const first = checks[0] as PromiseCheck;
    expect(() =>
      wholeSetPromise({ score, checks: [...checks, first], maxError: 0.05, alpha: 0.05 }),
    ).toThrow(/checked twice/);
  });
});

describe('promiseFromChecks', () => {
  it('fits the order on part of the checks, bounds with the rest, and keeps them all expert-labelled', () => {
    const { confidence, predicted, checks } = setup(300);
    const result = promiseFromChecks({
      confidence,
      predicted,
      checks,
      maxError: 0.05,
      alpha: 0.05,
      seed: 1,
    });
    expect(result.fittedChecks).toBe(60);
    expect(result.boundChecks).toBe(240);
    for (const c of checks) expect(result.accept[c.index]).toBe(0);
    expect(result.accepted).toBeGreaterThan(550);
  });
});
