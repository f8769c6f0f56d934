import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { mapDatabaseError } from './map-database-error.js';

function withCode(code: string): Error {
  return Object.assign(new Error(`failed with ${code}`), { code });
}

describe('mapDatabaseError', () => {
  it.each([
    'SQLITE_CONSTRAINT_PRIMARYKEY',
    'SQLITE_CONSTRAINT_FOREIGNKEY',
    '23505',
    '23503',
    '23P01',
  ])('maps constraint violation %s to CONFLICT, keeping the cause', (code) => {
    const cause = withCode(code);
    const error = mapDatabaseError(cause, 'addVotes');
    expect(error.code).toBe('CONFLICT');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(`store addVotes: failed with ${code}`);
  });

  it.each(['SQLITE_BUSY', '42P01', '08006', '2350'])('maps %s to INTERNAL', (code) => {
    expect(mapDatabaseError(withCode(code), 'x').code).toBe('INTERNAL');
  });

  it('maps errors without a code, and non-errors, to INTERNAL', () => {
    expect(mapDatabaseError(new Error('gone'), 'x').code).toBe('INTERNAL');
    expect(mapDatabaseError('text', 'x').message).toBe('store x: text');
  });

  it('passes a HiloError through unchanged', () => {
    const original = new HiloError('NOT_FOUND', 'run "r" does not exist');
    expect(mapDatabaseError(original, 'updateRun')).toBe(original);
  });
});
