import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Safety net while the worker runs: if it stalls, the serving connection checkpoints itself. */
const FALLBACK_PAGES = 10_000;

// A CommonJS script: eval workers run as one. It loads better-sqlite3 by absolute path, so it
// works whatever the process's working directory.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * WAL checkpoints in a worker thread with its own connection, for a busy server. SQLite's
 * automatic checkpoint runs inside the COMMIT that crosses 1,000 WAL pages, on the event loop:
 * copying those pages and syncing the file stalls every request for ~20 ms. A PASSIVE checkpoint
 * from another connection never blocks writers, so the serving connection hands the job over
 * (keeping a far checkpoint of its own in case the worker stops, and the default back if it
 * exits). Nothing starts for an in-memory database.
 * @example const checkpoints = startBackgroundCheckpoints(database); … await checkpoints?.stop()
 * Complexity: one PASSIVE checkpoint every `everyMs` off the main thread.
 */
export function startBackgroundCheckpoints(
  database: Database.Database,
  everyMs = 100,
): { stop(): Promise<void> } | undefined {
  if (database.memory) return undefined;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: database.name,
      everyMs,
    },
  });
  // Never keeps the process alive by itself.
  worker.unref();
  database.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  let stopped = false;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      if (!stopped && database.open) database.pragma('wal_autocheckpoint = 1000');
      resolve();
    }),
  );
  worker.on('error', () => undefined);
  return {
    stop: async () => {
      if (!stopped && !exited) worker.postMessage('stop');
      stopped = true;
      await exit;
    },
  };
}
