import { emptyFileError } from '../../core/empty-file-error.js';
import { HiloError } from '../../core/errors.js';
import type { Clock, Progress, RecordSource, Store } from '../../core/ports/index.js';
import { readAnswer, type TaskShape } from '../../core/task-kind/index.js';
import { VoteColumns } from './vote-columns.js';

export interface ImportVotesOptions {
  readonly store: Store;
  /** Long format, one vote per row: crowd-kit's `worker,task,label`. */
  readonly source: RecordSource;
  readonly labels: readonly string[];
  /** The project's kind: how a label is read (default classify over `labels`). */
  readonly shape?: TaskShape;
  readonly clock: Clock;
  readonly workerField?: string;
  readonly taskField?: string;
  readonly labelField?: string;
  readonly skipInvalid?: boolean;
  readonly progress?: Progress;
}

export interface ImportVotesReport {
  readonly file: string;
  readonly read: number;
  readonly added: number;
  /** Votes already in the store from an earlier import of the same answers. */
  readonly alreadyStored: number;
  readonly itemsCreated: number;
  readonly annotators: number;
  readonly skipped: readonly { line: number; field?: string; reason: string }[];
  /** Seconds by the clock: reading and checking the file, then storing (one transaction). */
  readonly seconds: { readonly read: number; readonly store: number };
}

/** Rows handed over by the reader at a time. */
const BATCH = 8192;

/**
 * Imports existing annotations in crowd-kit's long format (`worker,task,label`) as votes of
 * `human:<worker>`, each label read in the project's kind (a multi-label answer becomes its set
 * code, see `readAnswer`); items are created (role pool, no fields) when missing, never overwritten.
 * Importing the same file again adds nothing: per (item, worker, label) the store keeps as many
 * votes as the file holds (repeated answers by one worker are kept as separate votes). A bad
 * row stops the import before anything is stored unless `skipInvalid`; a file with no rows is
 * INVALID_INPUT "0 votes in FILE".
 * The whole file is read and checked first, into columns (`VoteColumns`); then one transaction
 * creates the missing items, tallies the votes already stored on the items that existed, and
 * appends the rest in one call.
 * @example await importVotes({ store, source: await openRecordSource('answers.csv'), labels, clock });
 * Complexity: O(votes); three store calls in all; memory O(votes) references + O(distinct ids) strings.
 */
export async function importVotes(options: ImportVotesOptions): Promise<ImportVotesReport> {
  const { store, clock } = options;
  const file = options.source.path;
  const started = clock.now();
  const read = await readVotes(options);
  if (read.rows === 0) throw emptyFileError(file, 'votes');
  const { columns, skipped } = read;
  if (columns.length === 0) {
    const seconds = { read: (clock.now() - started) / 1000, store: 0 };
    return {
      file,
      read: read.rows,
      added: 0,
      alreadyStored: 0,
      itemsCreated: 0,
      annotators: 0,
      skipped,
      seconds,
    };
  }
  const stored = clock.now();
  const createdAt = new Date(stored).toISOString();
  const written = await store.transaction(async (tx) => {
    const items = columns.items;
    const created = new Set(await tx.addMissingItems(items));
    // Only items that were stored before can hold votes from an earlier import.
    const existed = created.size === items.length ? [] : items.filter((id) => !created.has(id));
    const earlier =
      existed.length === 0 ? new Map<string, number>() : await storedCounts(tx, existed);
    let alreadyStored = 0;
    const votes =
      earlier.size === 0
        ? columns.select(createdAt)
        : columns.select(createdAt, (row) => {
            const item = columns.items[columns.itemOf[row] as number];
            const key = voteKey(item, columns.sources[row], columns.labels[row]);
            const left = earlier.get(key);
            if (left === undefined || left === 0) return true;
            earlier.set(key, left - 1);
            alreadyStored += 1;
            return false;
          });
    const added = await tx.addHumanVotes(votes);
    return { added, alreadyStored, itemsCreated: created.size };
  });
  return {
    file,
    read: read.rows,
    ...written,
    annotators: columns.annotators,
    skipped,
    seconds: { read: (stored - started) / 1000, store: (clock.now() - stored) / 1000 },
  };
}

/** Reads and checks every row: the good ones into columns, a bad one stops unless skipInvalid. */
async function readVotes(options: ImportVotesOptions): Promise<{
  columns: VoteColumns;
  rows: number;
  skipped: { line: number; field?: string; reason: string }[];
}> {
  const { source, progress } = options;
  const workerField = options.workerField ?? 'worker';
  const taskField = options.taskField ?? 'task';
  const labelField = options.labelField ?? 'label';
  const shape = options.shape ?? { kind: 'classify', labels: options.labels };
  const cells = { textCells: source.textCells === true };
  const columns = new VoteColumns();
  const skipped: { line: number; field?: string; reason: string }[] = [];
  const reject = (line: number, reason: string, field?: string): void => {
    if (!options.skipInvalid) {
      const where = field ? { file: source.path, line, field } : { file: source.path, line };
      throw new HiloError('INVALID_INPUT', reason, where);
    }
    skipped.push(field ? { line, field, reason } : { line, reason });
  };
  let rows = 0;
  progress?.start(`import votes ${source.path}`, 0);
  try {
    for await (const records of source.batches(BATCH)) {
      for (const record of records) {
        rows++;
        if ('error' in record) {
          reject(record.line, record.error);
          continue;
        }
        const worker = text(record.values[workerField]);
        const task = text(record.values[taskField]);
        const answer = readAnswer(shape, record.values[labelField], cells);
        if (!worker) reject(record.line, `missing ${workerField}`, workerField);
        else if (!task) reject(record.line, `missing ${taskField}`, taskField);
        else if ('missing' in answer) reject(record.line, `missing ${labelField}`, labelField);
        else if ('problem' in answer) reject(record.line, answer.problem, labelField);
        else columns.add(task, worker, answer.answer);
      }
      progress?.update(rows);
    }
  } finally {
    progress?.finish(`read ${rows} votes from ${source.path}`);
  }
  return { columns, rows, skipped };
}

/** Votes of people stored per (item, source, label) on these items. */
async function storedCounts(
  store: Store,
  itemIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of await store.tallyVotes({ itemIds, sourcePrefix: 'human:' }))
    counts.set(voteKey(t.itemId, t.source, t.label ?? ''), t.votes);
  return counts;
}

function voteKey(
  itemId: string | undefined,
  source: string | undefined,
  label: string | undefined,
): string {
  return `${itemId ?? ''}\u0000${source ?? ''}\u0000${label ?? ''}`;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}
