import Database from 'better-sqlite3';
import { sqliteColumnReads } from '../dist/store/sqlite/sqlite-column-reads.js';
const db = new Database('/tmp/agg2/pristine.db', { readonly: true });
const reads = sqliteColumnReads(db);
for (let i = 0; i < 2; i++) { const s = performance.now(); const c = reads.readVoteColumns(); console.log('readVoteColumns', ((performance.now() - s) / 1000).toFixed(3), c.count, c.items.length); }
