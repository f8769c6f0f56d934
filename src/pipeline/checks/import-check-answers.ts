import { HiloError } from '../../core/errors.js';
import type { Clock, Progress, RecordSource, Store } from '../../core/ports/index.js';
import { readAnswer, type TaskShape } from '../../core/task-kind/index.js';
import { answerChecks } from './answer-checks.js';

export interface ImportCheckAnswersOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Rows with the drawn item's id and the expert's label (e.g. a filled-in `hilo checks export`). */
  readonly source: RecordSource;
  /** The project's labels, in order. */
  readonly labels: readonly string[];
  /** The project's task shape (a multi-label answer is a set); default: classify over `labels`. */
  readonly shape?: TaskShape;
  /** Column with the item id; default `id`. */
  readonly idField?: string;
  /** Column with the expert's label; default `label`. */
  readonly labelField?: string;
  readonly progress?: Progress;
}

export interface ImportCheckAnswersReport {
  readonly file: string;
  /** Rows with a label. */
  readonly answered: number;
  /** Rows whose label is still empty (not answered yet): skipped. */
  readonly unanswered: number;
  /** Items whose expert decision changed (0 when the same answers come again). */
  readonly changed: number;
}

/**
 * `hilo import FILE --role check`: sets the expert labels of drawn checks from a file of `id`,
 * `label` rows. All or nothing: a malformed line, a missing column, an id never drawn or a label
 * outside the label set stops the import with a one-line error naming the file, the line and the
 * field, and nothing is written. An empty label is a check not answered yet and is skipped.
 * @example await importCheckAnswers({ store, clock, source: await openRecordSource('checks.csv'), labels })
 * Complexity: O(rows) reads, one read of the checks, then one transaction.
 */
export async function importCheckAnswers(
  options: ImportCheckAnswersOptions,
): Promise<ImportCheckAnswersReport> {
  const { store, source, progress } = options;
  const idField = options.idField ?? 'id';
  const labelField = options.labelField ?? 'label';
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels: options.labels };
  const cells = { textCells: source.textCells === true };
  const drawn = new Set((await store.listChecks()).map((c) => c.itemId));
  const answers: { itemId: string; label: string }[] = [];
  let unanswered = 0;
  let rows = 0;
  progress?.start(`import ${source.path}`, 0);
  try {
    for await (const records of source.batches(2000)) {
      for (const record of records) {
        const at = { file: source.path, line: record.line };
        if ('error' in record) throw new HiloError('INVALID_INPUT', record.error, at);
        const values = record.values;
        for (const field of [idField, labelField]) {
          if (!(field in values)) {
            throw new HiloError('INVALID_INPUT', `no "${field}" column`, { ...at, field });
          }
        }
        const itemId = text(values[idField]);
        if (itemId === '') {
          throw new HiloError('INVALID_INPUT', 'empty item id', { ...at, field: idField });
        }
        if (!drawn.has(itemId)) {
          throw new HiloError(
            'NOT_FOUND',
            `item "${itemId}" was never drawn for a check (see \`hilo checks export\`)`,
            { ...at, field: idField },
          );
        }
        const read = readAnswer(shape, values[labelField], cells);
        if ('missing' in read) {
          unanswered++;
          continue;
        }
        if ('problem' in read) {
          throw new HiloError('INVALID_INPUT', read.problem, { ...at, field: labelField });
        }
        answers.push({ itemId, label: read.answer });
      }
      rows += records.length;
      progress?.update(rows);
    }
  } finally {
    progress?.finish(`read ${rows} rows of ${source.path}`);
  }
  const { changed } = await answerChecks({
    store,
    clock: options.clock,
    labels: options.labels,
    shape,
    answers,
    by: `import:${fileName(source.path)}`,
  });
  return { file: source.path, answered: answers.length, unanswered, changed };
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** The last part of a path, with either separator. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
