import { humanVote } from '../../core/human-vote.js';
import { emptyFileError } from '../../core/empty-file-error.js';
import { HiloError } from '../../core/errors.js';
import type { Clock, Progress, RecordSource, Store } from '../../core/ports/index.js';
import { readAnswer, type TaskShape } from '../../core/task-kind/index.js';
import type { Item, ItemRole, NewVote } from '../../core/types.js';

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
}

const BATCH = 2000;

/**
 * Imports existing annotations in crowd-kit's long format (`worker,task,label`) as votes of
 * `human:<worker>`, each label read in the project's kind (a multi-label answer becomes its set
 * code, see `readAnswer`); items are created (role pool, no fields) when missing, never overwritten.
 * Importing the same file again adds nothing: per (item, worker, label) the store keeps as many
 * votes as the file holds (repeated answers by one worker are kept as separate votes). A bad
 * row stops the import (nothing from the file is stored) unless `skipInvalid`; a file with no
 * rows is INVALID_INPUT "0 votes in FILE".
 * @example await importVotes({ store, source: await openRecordSource('answers.csv'), labels, clock });
 * Complexity: O(votes) with one store read per batch of 2,000; memory O(votes of one batch + distinct keys).
 */
export async function importVotes(options: ImportVotesOptions): Promise<ImportVotesReport> {
  const { store, source, clock, progress } = options;
  const workerField = options.workerField ?? 'worker';
  const taskField = options.taskField ?? 'task';
  const labelField = options.labelField ?? 'label';
  const shape = options.shape ?? { kind: 'classify', labels: options.labels };
  const cells = { textCells: options.source.textCells === true };
  const file = source.path;
  const skipped: { line: number; field?: string; reason: string }[] = [];
  const seenInFile = new Map<string, number>();
  const annotators = new Set<string>();
  let read = 0;
  let added = 0;
  let alreadyStored = 0;
  let itemsCreated = 0;
  const reject = (line: number, reason: string, field?: string): void => {
    if (!options.skipInvalid)
      throw new HiloError('INVALID_INPUT', reason, field ? { file, line, field } : { file, line });
    skipped.push(field ? { line, field, reason } : { line, reason });
  };
  const now = new Date(clock.now()).toISOString();
  progress?.start(`import votes ${file}`, 0);
  try {
    await store.transaction(async (tx) => {
      for await (const records of source.batches(BATCH)) {
        const rows: { item: string; source: string; label: string }[] = [];
        for (const record of records) {
          read++;
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
          else {
            annotators.add(worker);
            rows.push({ item: task, source: `human:${worker}`, label: answer.answer });
          }
        }
        if (rows.length === 0) continue;
        const ids = [...new Set(rows.map((r) => r.item))];
        const existing = new Set((await tx.listItems({ ids })).map((i) => i.id));
        const missing: Item[] = ids
          .filter((id) => !existing.has(id))
          .map((id) => ({
            id,
            fields: {},
            role: 'pool' as ItemRole,
            batch: null,
            goldLabel: null,
          }));
        if (missing.length > 0) itemsCreated += (await tx.upsertItems(missing)).inserted;
        const stored = new Map<string, number>();
        for (const v of await tx.listVotes({ itemIds: ids, sourcePrefix: 'human:' })) {
          const key = `${v.itemId}\u0000${v.source}\u0000${v.label ?? ''}`;
          stored.set(key, (stored.get(key) ?? 0) + 1);
        }
        const votes: NewVote[] = [];
        for (const row of rows) {
          const key = `${row.item}\u0000${row.source}\u0000${row.label}`;
          const occurrence = (seenInFile.get(key) ?? 0) + 1;
          seenInFile.set(key, occurrence);
          if (occurrence <= (stored.get(key) ?? 0)) {
            alreadyStored++;
            continue;
          }
          votes.push(
            humanVote({ itemId: row.item, source: row.source, label: row.label, createdAt: now }),
          );
        }
        if (votes.length > 0) await tx.addVotes(votes);
        added += votes.length;
        progress?.update(read);
      }
      if (read === 0) throw emptyFileError(file, 'votes');
    });
  } finally {
    progress?.finish(`read ${read} votes from ${file}`);
  }
  return { file, read, added, alreadyStored, itemsCreated, annotators: annotators.size, skipped };
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}
