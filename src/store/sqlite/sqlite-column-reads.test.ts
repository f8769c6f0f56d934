import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteColumnReads } from './sqlite-column-reads.js';

/** Just the columns the reads use, so pages of votes can be laid out id by id. */
function database(): Database.Database {
  const db = new Database(':memory:');
  db.exec(
    'create table votes (id integer primary key, item_id text, source text, label text, probabilities text);' +
      'create table items (id text primary key, role text, gold_label text);' +
      'create table decisions (item_id text primary key, decided_by text, zone text);',
  );
  return db;
}

describe('sqliteColumnReads over more than one page of votes', () => {
  let db: Database.Database | undefined;
  afterEach(() => db?.close());

  it('reads every labelled vote once, in id order, across page boundaries', () => {
    db = database();
    const insert = db.prepare('insert into votes values (?, ?, ?, ?, ?)');
    // Ids with gaps, an unlabelled vote on a page boundary, and a machine distribution at the end.
    const ids: number[] = [];
    db.transaction(() => {
      for (let n = 0; n < 12_001; n++) {
        const id = n * 3 + 7;
        const label = n === 5_000 ? null : n % 2 === 0 ? 'spam' : 'ham';
        insert.run(id, `q${n % 997}`, `human:p${n % 13}`, label, null);
        if (label !== null) ids.push(id);
      }
      insert.run(100_000, 'q1', 'llm:m', 'ham', '{"ham":0.8,"spam":0.2}');
    })();
    ids.push(100_000);
    const columns = sqliteColumnReads(db).readVoteColumns();
    expect(columns.count).toBe(ids.length);
    expect([...columns.ids]).toEqual(ids);
    expect(columns.items[columns.item[columns.count - 2] as number]).toBe('q36');
    expect(columns.sources.length).toBe(14);
    expect([...columns.machineProbabilities]).toEqual([
      [columns.count - 1, { ham: 0.8, spam: 0.2 }],
    ]);
  });

  it('reads exactly one full page and stops', () => {
    db = database();
    const insert = db.prepare('insert into votes values (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let id = 1; id <= 5_000; id++) insert.run(id, 'q', 'human:a', 'spam', null);
    })();
    const columns = sqliteColumnReads(db).readVoteColumns();
    expect(columns.count).toBe(5_000);
    expect(columns.ids[4_999]).toBe(5_000);
  });
});
