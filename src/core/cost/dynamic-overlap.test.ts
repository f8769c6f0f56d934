import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedOverlapPeople } from './dynamic-overlap.js';
import { hybridCost, type UnitCosts } from './hybrid-cost.js';
import { overlapPeopleOf } from './overlap-people-of.js';

const settings = { start: 2, max: 3, targetPosterior: 0.9, humanAccuracy: 0.9 };

describe('expectedOverlapPeople', () => {
  it('matches a worked example computed by hand', () => {
    // Machine 60% sure, people 90% right. After 2 answers: both for the machine's label (d = +2)
    // or both against (d = −2) settle the item; a split (d = 0, probability 2 · 0.9 · 0.1 = 0.18
    // whatever the truth) leaves the posterior at 0.6 < 0.9, so a third person is asked.
    expect(expectedOverlapPeople(0.6, settings)).toBeCloseTo(2.18, 12);
    // With a fourth person allowed: after the split, a third answer against the machine leaves
    // the other label at σ(logit 0.6 − logit 0.9) = 0.857 < 0.9: asked with probability
    // 0.6 · 0.18 · 0.1 + 0.4 · 0.18 · 0.9 = 0.0756.
    expect(expectedOverlapPeople(0.6, { ...settings, max: 4 })).toBeCloseTo(2.2556, 12);
  });

  it('asks exactly start people without a raise, and never fewer than start nor more than max', () => {
    expect(expectedOverlapPeople(0.7, { ...settings, max: 2 })).toBe(2);
    expect(expectedOverlapPeople(0.7, { ...settings, max: 1 })).toBe(2);
    // People who are right half the time tell nothing: every item goes to the maximum.
    expect(expectedOverlapPeople(0.7, { ...settings, max: 5, humanAccuracy: 0.5 })).toBeCloseTo(
      5,
      12,
    );
  });

  it('sums over items with the fewest and most people', () => {
    const unit: UnitCosts = {
      machinePerItem: 0,
      annotation: 1,
      overlap: 1,
      overlapZoneHumans: 2,
      dynamicOverlap: { max: 3, targetPosterior: 0.9, humanAccuracy: 0.9 },
      controlRate: 0,
      auditRate: 0,
    };
    // Two of three items in the overlap zone (code 1), the third accepted (code 0).
    const sum = overlapPeopleOf([0.6, 0.6, 0.99], unit).inZone(Uint8Array.of(1, 1, 0));
    expect(sum.expected).toBeCloseTo(4.36, 12);
    expect(sum).toMatchObject({ fewest: 4, most: 6 });
  });

  it('is monotone: more people at first or a higher maximum never ask fewer people', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        (c, start, extra, targetPosterior, humanAccuracy) => {
          const s = { start, max: start + extra, targetPosterior, humanAccuracy };
          const e = expectedOverlapPeople(c, s);
          expect(e).toBeGreaterThanOrEqual(start - 1e-9);
          expect(e).toBeLessThanOrEqual(start + extra + 1e-9);
          expect(expectedOverlapPeople(c, { ...s, max: s.max + 1 })).toBeGreaterThanOrEqual(
            e - 1e-9,
          );
          expect(
            expectedOverlapPeople(c, { ...s, start: start + 1, max: s.max + 1 }),
          ).toBeGreaterThanOrEqual(e - 1e-9);
        },
      ),
    );
  });
});

describe('cost and overlap', () => {
  const counts = fc.record({
    accept: fc.integer({ min: 0, max: 500 }),
    overlap: fc.integer({ min: 0, max: 500 }),
    human: fc.integer({ min: 0, max: 500 }),
  });

  it('is monotone in every overlap setting', () => {
    fc.assert(
      fc.property(
        counts,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('overlap', 'overlapZoneHumans', 'max') as fc.Arbitrary<
          'overlap' | 'overlapZoneHumans' | 'max'
        >,
        (zones, confidence, human, start, extra, raise) => {
          const unit = (h: number, s: number, m: number): UnitCosts => ({
            machinePerItem: 0.001,
            annotation: 0.125,
            overlap: h,
            overlapZoneHumans: s,
            dynamicOverlap: { max: m, targetPosterior: 0.9, humanAccuracy: 0.95 },
            controlRate: 0.1,
            auditRate: 0.05,
          });
          const cost = (u: UnitCosts) => {
            // The pool's items all in the overlap zone, then scaled to the zone's size.
            const all = new Uint8Array(confidence.length).fill(1);
            const people = overlapPeopleOf(confidence, u).inZone(all).expected;
            const overlapPeople = (people / confidence.length) * zones.overlap;
            return hybridCost({ ...zones, overlapPeople }, u).total;
          };
          const before = unit(human, start, start + extra);
          const after =
            raise === 'overlap'
              ? unit(human + 1, start, start + extra)
              : raise === 'overlapZoneHumans'
                ? unit(human, start + 1, start + extra + 1)
                : unit(human, start, start + extra + 1);
          expect(cost(after)).toBeGreaterThanOrEqual(cost(before) - 1e-9);
        },
      ),
    );
  });
});
