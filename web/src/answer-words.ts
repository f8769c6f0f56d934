import type { MeResponse, TaskView } from '../../src/contract/people-api.js';
import { LABEL_SET_SEPARATOR } from '../../src/core/task-kind/index.js';

type Labels = MeResponse['project']['labels'];

/** A pairwise verdict in words; nothing in them tells which system wrote which response. */
const VERDICTS: Record<string, string> = { a: 'A better', b: 'B better', tie: 'tie' };

/** A pairwise verdict (`a`, `b`, `tie`) in words: "A better", "B better", "tie". */
export function verdictWords(verdict: string): string {
  return VERDICTS[verdict] ?? verdict;
}

/**
 * The names of a multi-label set code, in the order stored ('' is the empty set). Unlike
 * decodeLabelSet it never throws: a page shows what it was sent.
 * @example setNames('joy|anger') // ['joy', 'anger']
 */
export function setNames(code: string): string[] {
  return code === '' ? [] : code.split(LABEL_SET_SEPARATOR);
}

/**
 * One answer in the words of its kind: a label, a set ("joy, anger", or "no label" for the
 * empty set), a verdict ("A better", "B better", "tie"), or a level with its anchor ("4 — severe").
 * @example answerWords({ kind: 'pairwise', … }, labels, 'b') // 'B better'
 * Complexity: O(labels).
 */
export function answerWords(task: TaskView, labels: Labels, answer: string): string {
  switch (task.kind) {
    case 'classify':
      return answer;
    case 'multilabel': {
      const names = setNames(answer);
      return names.length === 0 ? 'no label' : names.join(', ');
    }
    case 'pairwise':
      return verdictWords(answer);
    case 'rating': {
      const anchor = labels.find((l) => l.name === answer)?.description ?? '';
      return anchor === '' ? answer : `${answer} — ${anchor}`;
    }
  }
}
