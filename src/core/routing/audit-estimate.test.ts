import { describe, expect, it } from 'vitest';
import { auditEstimate } from './audit-estimate.js';
import { clopperPearson } from './clopper-pearson.js';

describe('auditEstimate', () => {
  const rows = auditEstimate({
    batches: [
      { batch: 'b1', audited: 100, correct: 99 },
      { batch: 'b2', audited: 100, correct: 96 },
      { batch: 'b3', audited: 100, correct: 88 },
      { batch: 'b4', audited: 0, correct: 0 },
    ],
    target: 0.97,
  });

  it('flags ok, warn (estimate below target) and alarm (upper bound below target)', () => {
    expect(rows.map((r) => r.status)).toEqual(['ok', 'warn', 'alarm', 'no-data']);
    expect(rows[1]?.accuracy.upper).toBeGreaterThan(0.97);
    expect(rows[2]?.accuracy.upper).toBeLessThan(0.97);
  });

  it('keeps a cumulative estimate with its own interval', () => {
    expect(rows[1]?.cumulative).toMatchObject({ audited: 200, correct: 195, status: 'ok' });
    expect(rows[2]?.cumulative.accuracy).toEqual(clopperPearson(283, 300, 0.05));
    expect(rows[2]?.cumulative.status).toBe('alarm');
    expect(rows[3]?.cumulative.audited).toBe(300);
  });
});
