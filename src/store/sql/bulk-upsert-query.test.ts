import { describe, expect, it } from 'vitest';
import { bulkUpsertQuery } from './bulk-upsert-query.js';

describe('bulkUpsertQuery', () => {
  const base = {
    table: 'items',
    columns: ['id', 'name', 'created_at'],
    key: 'id',
    update: ['name'],
  } as const;
  const rows = [
    ['a', 'x', 't'],
    ['b', null, 't'],
  ];

  it('writes one ? per value for SQLite, parameters flattened row by row', () => {
    const query = bulkUpsertQuery({ ...base, dialect: 'sqlite', rows });
    expect(query.sql).toBe(
      'insert into "items" ("id", "name", "created_at") values (?, ?, ?), (?, ?, ?) ' +
        'on conflict ("id") do update set "name" = excluded."name"',
    );
    expect(query.parameters).toEqual(['a', 'x', 't', 'b', null, 't']);
  });

  it('numbers parameters for PostgreSQL', () => {
    const query = bulkUpsertQuery({ ...base, dialect: 'postgres', rows });
    expect(query.sql).toContain('values ($1, $2, $3), ($4, $5, $6) on conflict');
    expect(query.parameters).toHaveLength(6);
  });

  it('rewrites an existing row only when a compared column differs, if asked', () => {
    const query = bulkUpsertQuery({ ...base, dialect: 'sqlite', rows, changedIn: ['name'] });
    expect(query.sql).toMatch(
      / do update set "name" = excluded\."name" where "items"\."name" is distinct from excluded\."name"$/,
    );
  });

  it('quotes identifiers containing quotes', () => {
    const query = bulkUpsertQuery({
      ...base,
      dialect: 'sqlite',
      table: 'we"ird',
      rows: [['a', 'x', 't']],
    });
    expect(query.sql).toContain('insert into "we""ird"');
  });
});
