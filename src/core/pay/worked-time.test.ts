import { describe, expect, it } from 'vitest';
import { workedMs } from './worked-time.js';

const MIN = 60_000;

describe('workedMs', () => {
  it('is 0 without intervals', () => {
    expect(workedMs([])).toBe(0);
  });

  it('counts two items leased together once: lease at 0, answers at 1 and 3 minutes', () => {
    expect(
      workedMs([
        { start: 0, end: 1 * MIN },
        { start: 0, end: 3 * MIN },
      ]),
    ).toBe(3 * MIN);
  });

  it('leaves out the gaps between sittings, in any order', () => {
    // 10:00–10:05 and 10:03–10:08 overlap (8 min); 11:00–11:02 stands alone (2 min).
    expect(
      workedMs([
        { start: 60 * MIN, end: 62 * MIN },
        { start: 3 * MIN, end: 8 * MIN },
        { start: 0, end: 5 * MIN },
      ]),
    ).toBe(10 * MIN);
  });

  it('ignores empty and reversed intervals', () => {
    expect(
      workedMs([
        { start: 5, end: 5 },
        { start: 9, end: 2 },
        { start: 0, end: 4 },
      ]),
    ).toBe(4);
  });
});
