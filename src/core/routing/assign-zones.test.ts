import { describe, expect, it } from 'vitest';
import { assignZones, countZones, ZONES } from './assign-zones.js';

describe('assignZones', () => {
  it('accepts at or above hi, sends below lo to people, overlaps between', () => {
    const zones = assignZones({ confidence: [0.99, 0.95, 0.8, 0.6, 0.4], hi: 0.95, lo: 0.6 });
    expect(Array.from(zones, (z) => ZONES[z])).toEqual([
      'accept',
      'accept',
      'overlap',
      'overlap',
      'human',
    ]);
    expect(countZones(zones)).toEqual({ accept: 2, overlap: 2, human: 1 });
  });

  it('treats lo above hi as hi (no overlap zone)', () => {
    const zones = assignZones({ confidence: [0.9, 0.5], hi: 0.7, lo: 0.8 });
    expect(Array.from(zones, (z) => ZONES[z])).toEqual(['accept', 'human']);
  });

  it('uses per-class thresholds by predicted label; Infinity never accepts', () => {
    const zones = assignZones({
      confidence: [0.9, 0.9, 0.9],
      predicted: [0, 1, 2],
      hi: [0.85, 0.95, Number.POSITIVE_INFINITY],
      lo: [0.5, 0.5, 0.5],
    });
    expect(Array.from(zones, (z) => ZONES[z])).toEqual(['accept', 'overlap', 'overlap']);
  });
});
