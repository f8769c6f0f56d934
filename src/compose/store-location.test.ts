import { describe, expect, it } from 'vitest';
import { storeLocation } from './store-location.js';

const base = { dir: '/proj', defaultFile: 'hilo.db' };

describe('storeLocation', () => {
  it('takes a value without a scheme as a SQLite file beside the project, never as a host', () => {
    expect(storeLocation({ ...base, database: 'mydata.db' })).toEqual({ path: '/proj/mydata.db' });
    expect(storeLocation({ ...base, database: 'data/x.db' })).toEqual({ path: '/proj/data/x.db' });
    expect(storeLocation({ ...base, database: '/srv/x.db' })).toEqual({ path: '/srv/x.db' });
  });

  it('opens PostgreSQL for a postgres URL, the environment first', () => {
    expect(storeLocation({ ...base, database: 'postgresql://u@h/db' })).toEqual({
      url: 'postgresql://u@h/db',
    });
    expect(
      storeLocation({ ...base, envUrl: 'postgres://u@h/other', database: 'mydata.db' }),
    ).toEqual({ url: 'postgres://u@h/other' });
  });

  it('uses hilo.db in the project without a value, and refuses another scheme naming the key', () => {
    expect(storeLocation({ ...base, database: null })).toEqual({ path: '/proj/hilo.db' });
    expect(storeLocation({ ...base, envUrl: '', database: null })).toEqual({
      path: '/proj/hilo.db',
    });
    expect(() => storeLocation({ ...base, database: 'mysql://h/db' })).toThrow(
      'hilo.yaml database: "mysql" is not a database hilo opens',
    );
  });
});
