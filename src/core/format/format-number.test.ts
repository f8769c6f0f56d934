import { describe, expect, it } from 'vitest';
import { count, decimal, money, percent, percentRange, unitPrice, usd } from './format-number.js';

describe('number formats', () => {
  it('prints percentages, ranges and missing values', () => {
    expect(percent(0.9312)).toBe('93.1%');
    expect(percent(0.5, 0)).toBe('50%');
    expect(percent(null)).toBe('–');
    expect(percent(Number.NaN)).toBe('–');
    expect(percent(1 / 0)).toBe('–');
    expect(percent(0.000456, 2)).toBe('0.05%');
    expect(percentRange({ lower: 0.902, upper: 0.953 })).toBe('90.2–95.3%');
  });

  it('prints counts, money and prices per item', () => {
    expect(count(2130.4)).toBe('2,130');
    expect(money(46.2)).toBe('$46.20');
    expect(money(1250.4)).toBe('$1,250');
    expect(money(-3, '€')).toBe('−€3.00');
    expect(usd(12.5)).toBe('$12.50');
    expect(usd(1250.004)).toBe('$1250.00');
    expect(usd(0.00123, 4)).toBe('$0.0012');
    expect(unitPrice(0.000417)).toBe('$0.00042');
    expect(unitPrice(0.125)).toBe('$0.125');
    expect(unitPrice(0)).toBe('$0');
    expect(decimal(0.93412)).toBe('0.934');
    expect(decimal(null)).toBe('–');
  });
});
