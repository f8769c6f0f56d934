import { describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import {
  choiceFlag,
  integerFlag,
  listFlag,
  numberFlag,
  positiveFlag,
  probabilityFlag,
} from './flags.js';

/** The one-line message of the INVALID_INPUT error `parse` throws. */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).code).toBe('INVALID_INPUT');
    const message = (error as HiloError).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the flag to be refused');
}

describe('integerFlag', () => {
  it('reads whole numbers within the range', () => {
    expect(integerFlag('--folds', '5', { min: 2 })).toBe(5);
    expect(integerFlag('--seed', '-3')).toBe(-3);
    expect(integerFlag('--port', '65535', { min: 0, max: 65535 })).toBe(65535);
  });

  it('names the flag, the value and what was expected', () => {
    expect(refusal(() => integerFlag('--limit', '0', { min: 1 }))).toBe(
      '--limit: "0" is not a whole number ≥ 1',
    );
    expect(refusal(() => integerFlag('--limit', '2.5', { min: 1 }))).toBe(
      '--limit: "2.5" is not a whole number ≥ 1',
    );
    expect(refusal(() => integerFlag('--port', '70000', { min: 0, max: 65535 }))).toBe(
      '--port: "70000" is not a whole number in [0, 65535]',
    );
    expect(refusal(() => integerFlag('--seed', 'abc'))).toBe('--seed: "abc" is not a whole number');
  });

  it('refuses an empty value instead of reading it as 0', () => {
    expect(refusal(() => integerFlag('--folds', '', { min: 0 }))).toMatch(/^--folds: ""/);
    expect(refusal(() => integerFlag('--folds', '  ', { min: 0 }))).toMatch(/^--folds: " {2}"/);
  });
});

describe('numberFlag and positiveFlag', () => {
  it('reads numbers within the range, ends included', () => {
    expect(numberFlag('--audit-rate', '0', { min: 0, max: 1 })).toBe(0);
    expect(numberFlag('--audit-rate', '1', { min: 0, max: 1 })).toBe(1);
    expect(numberFlag('--budget', '12.5', { min: 0 })).toBe(12.5);
    expect(positiveFlag('--interval', '0.2')).toBe(0.2);
  });

  it('refuses values outside the range, NaN and infinity', () => {
    expect(refusal(() => numberFlag('--audit-rate', '1.5', { min: 0, max: 1 }))).toBe(
      '--audit-rate: "1.5" is not a number in [0, 1]',
    );
    expect(refusal(() => numberFlag('--budget', '-1', { min: 0 }))).toBe(
      '--budget: "-1" is not a number ≥ 0',
    );
    expect(refusal(() => numberFlag('--budget', 'lots', { min: 0 }))).toMatch(/"lots"/);
    expect(refusal(() => positiveFlag('--interval', '0'))).toBe(
      '--interval: "0" is not a number > 0',
    );
    expect(refusal(() => positiveFlag('--interval', 'Infinity'))).toMatch(/"Infinity"/);
  });
});

describe('probabilityFlag', () => {
  it('reads a probability strictly between 0 and 1', () => {
    expect(probabilityFlag('--target-accuracy', '0.97')).toBe(0.97);
    for (const bad of ['0', '1', '97', ''])
      expect(refusal(() => probabilityFlag('--target-accuracy', bad))).toBe(
        `--target-accuracy: "${bad}" is not a number between 0 and 1 (exclusive)`,
      );
  });
});

describe('choiceFlag and listFlag', () => {
  const ROLES = ['pool', 'gold', 'test'] as const;

  it('reads a name of the set, and lists of them with blanks ignored', () => {
    expect(choiceFlag('--role', 'gold', ROLES)).toBe('gold');
    expect(listFlag('--roles', 'pool, gold,,test', ROLES)).toEqual(['pool', 'gold', 'test']);
  });

  it('names the bad entry and the choices', () => {
    expect(refusal(() => choiceFlag('--role', 'golden', ROLES))).toBe(
      '--role: "golden" is not one of pool, gold, test',
    );
    expect(refusal(() => listFlag('--roles', 'pool,silver', ROLES))).toBe(
      '--roles: "silver" is not one of pool, gold, test',
    );
    expect(refusal(() => listFlag('--roles', ' , ', ROLES))).toBe(
      '--roles: " , " is not a list of pool, gold, test',
    );
  });
});
