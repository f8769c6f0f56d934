import { buildVoteMatrix, type LongVote } from '../../core/aggregation/build-vote-matrix.js';
import { HiloError } from '../../core/errors.js';
import type { RecordSource } from '../../core/ports/records.js';
import { fitCrowdAnnotators } from '../../core/simulation/fit-crowd-annotators.js';
import { crowdForLabels, type SimulatedCrowd } from './simulate-crowd.js';

/**
 * Reads a crowd's answers in crowd-kit's long format (`worker,task,label`, as `hilo import-votes`
 * takes them), fits every worker's confusion matrix by Dawid-Skene, and returns a builder of the
 * simulated crowd for a data set's label set (see crowdForLabels).
 * @example const crowd = await readCrowdFit(await openRecordSource('answers.csv')); crowd(labelSet)
 * Complexity: O(votes) to read, plus one Dawid-Skene fit.
 * @throws HiloError INVALID_INPUT on a line without worker, task or label, or an empty file.
 */
export async function readCrowdFit(
  source: RecordSource,
): Promise<(labelSet: readonly string[]) => SimulatedCrowd> {
  const file = source.path;
  const votes: LongVote[] = [];
  for await (const batch of source.batches(5000)) {
    for (const record of batch) {
      if ('error' in record)
        throw new HiloError('INVALID_INPUT', record.error, { file, line: record.line });
      const value = (field: string): string => {
        const v = record.values[field];
        if (v === undefined || v === null || v === '')
          throw new HiloError('INVALID_INPUT', 'missing', { file, line: record.line, field });
        return String(v);
      };
      votes.push({ item: value('task'), annotator: value('worker'), label: value('label') });
    }
  }
  if (votes.length === 0) throw new HiloError('INVALID_INPUT', 'no votes', { file });
  const built = buildVoteMatrix(votes);
  const fit = fitCrowdAnnotators(built.matrix, { names: built.annotators });
  return (labelSet) => crowdForLabels({ ...fit, labels: built.labels, source: file }, labelSet);
}
