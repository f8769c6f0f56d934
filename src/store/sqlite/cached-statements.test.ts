import type { SqliteStatement } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachedStatements, type PreparingDatabase } from './cached-statements.js';

function fakeDatabase(): PreparingDatabase & { prepared: string[]; closed: boolean } {
  const fake = {
    prepared: [] as string[],
    closed: false,
    close() {
      fake.closed = true;
    },
    prepare(sql: string): SqliteStatement {
      fake.prepared.push(sql);
      return {
        reader: false,
        all: () => [],
        run: () => ({ changes: 0, lastInsertRowid: 0 }),
        iterate: () => [][Symbol.iterator](),
      };
    },
  };
  return fake;
}

describe('cachedStatements', () => {
  it('prepares each SQL text once and returns the same statement again', () => {
    const fake = fakeDatabase();
    const db = cachedStatements(fake);
    const first = db.prepare('select 1');
    expect(db.prepare('select 1')).toBe(first);
    db.prepare('select 2');
    expect(fake.prepared).toEqual(['select 1', 'select 2']);
  });

  it('drops the least recently used statement beyond its capacity', () => {
    const fake = fakeDatabase();
    const db = cachedStatements(fake, 2);
    db.prepare('a');
    db.prepare('b');
    db.prepare('a');
    db.prepare('c');
    db.prepare('a');
    db.prepare('b');
    expect(fake.prepared).toEqual(['a', 'b', 'c', 'b']);
  });

  it('closes the database', () => {
    const fake = fakeDatabase();
    cachedStatements(fake).close();
    expect(fake.closed).toBe(true);
  });
});
