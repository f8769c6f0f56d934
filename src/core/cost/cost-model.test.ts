import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { annotationCost, humanBaselineCost, humanCostPerItem, machineCost } from './cost-model.js';

describe('cost model', () => {
  it('prices one annotation from the hourly rate and speed', () => {
    expect(annotationCost({ hourlyRate: 15, itemsPerHour: 60 })).toBe(0.25);
  });

  it('prices a human item with overlap and control overhead', () => {
    expect(
      humanCostPerItem({ hourlyRate: 15, itemsPerHour: 60, overlap: 3, controlRate: 0.1 }),
    ).toBeCloseTo(0.825, 12);
  });

  it('prices machine work from tokens and hosting', () => {
    const price = { inputPerMTok: 0.15, outputPerMTok: 0.6 };
    expect(machineCost({ tokensIn: 2e6, tokensOut: 1e5, price })).toBeCloseTo(0.36, 12);
    expect(machineCost({ tokensIn: 0, tokensOut: 0, price, hostingPerHour: 2, hours: 1.5 })).toBe(
      3,
    );
  });

  it('prices the plain human project as (N + controls) × overlap × annotation', () => {
    expect(
      humanBaselineCost({ items: 3000, controlRate: 0.1, overlap: 3, annotationCost: 0.25 }),
    ).toBeCloseTo(2475, 9);
  });

  it('rejects impossible inputs', () => {
    expect(() => annotationCost({ hourlyRate: 15, itemsPerHour: 0 })).toThrow(HiloError);
    expect(() =>
      humanCostPerItem({ hourlyRate: 15, itemsPerHour: 60, overlap: -1, controlRate: 0 }),
    ).toThrow(HiloError);
  });
});
