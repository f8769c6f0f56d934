import { describe, expect, it } from 'vitest';
import { throughputOf } from './dashboard-throughput.js';

describe('throughputOf', () => {
  it('counts answers per clock hour, in the last hour and day, and per hour of work', () => {
    const now = Date.parse('2026-01-01T12:30:00Z');
    const times = [
      '2026-01-01T12:10:00Z',
      '2026-01-01T11:45:00Z',
      '2026-01-01T11:05:00Z',
      '2026-01-01T01:00:00Z', // 11.5 h ago: before the 3 hours shown, within the day
      '2025-12-30T12:00:00Z',
      'not a time',
    ];
    const t = throughputOf({ times, now, spentMs: 1_800_000, hours: 3 });
    expect(t.hours).toEqual([
      { start: '2026-01-01T10:00:00.000Z', answers: 0 },
      { start: '2026-01-01T11:00:00.000Z', answers: 2 },
      { start: '2026-01-01T12:00:00.000Z', answers: 1 },
    ]);
    expect(t.lastHour).toBe(2);
    expect(t.lastDay).toBe(4);
    expect(t.perPersonHour).toBe(12);
    expect(throughputOf({ times: [], now, spentMs: 0, hours: 1 }).perPersonHour).toBeNull();
  });
});
