import { describe, expect, it } from 'vitest';
import { timingsLine } from './aggregate-timings.js';

describe('timingsLine', () => {
  it('gives each phase, the rest of the process as other, the total and the peak memory', () => {
    const line = timingsLine(
      { readSeconds: 0.4, fitSeconds: 0.7, writeSeconds: 0.5 },
      { uptimeSeconds: 2.25, peakRssBytes: 400 * 2 ** 20 },
    );
    expect(line).toBe(
      'timings: read votes 0.400 s, fit 0.700 s, write decisions 0.500 s, other 0.650 s, total 2.250 s (peak RSS 400 MB)\n',
    );
  });

  it('never gives a negative rest when the phases were timed by a coarser clock', () => {
    const line = timingsLine(
      { readSeconds: 1, fitSeconds: 1, writeSeconds: 1 },
      { uptimeSeconds: 2.999, peakRssBytes: 0 },
    );
    expect(line).toContain('other 0.000 s, total 2.999 s');
  });
});
