import type { LabelDef, ProjectConfig } from '../project.js';
import { LABEL_SET_SEPARATOR } from '../task-kind/index.js';

/** Words for the pairwise verdicts, as a person reads them. */
const VERDICTS: Readonly<Record<string, string>> = { a: 'A better', b: 'B better', tie: 'tie' };

/**
 * A stored answer in the words a person reads: the label (classify); the labels of a set joined
 * by ", " or "no label" for the empty set (multi-label); "A better", "B better" or "tie"
 * (pairwise); the level with its anchor, "4 — severe" (rating, when the level has a description).
 * @example answerText({ kind: 'multilabel', labels }, 'toxic|insult') // 'toxic, insult'
 * Complexity: O(L + |answer|).
 */
export function answerText(
  project: Pick<ProjectConfig, 'kind' | 'labels'>,
  answer: string,
): string {
  switch (project.kind) {
    case 'multilabel':
      return answer === '' ? 'no label' : answer.split(LABEL_SET_SEPARATOR).join(', ');
    case 'pairwise':
      return VERDICTS[answer] ?? answer;
    case 'rating': {
      const anchor = describe(project.labels, answer);
      return anchor === null ? answer : `${answer} — ${anchor}`;
    }
    case 'classify':
      return answer;
  }
}

/**
 * The labels on which two multi-label answers differ: those the truth has and the answer
 * lacks (`missed`), and those the answer has and the truth lacks (`extra`), in label order.
 * @example setDifference(['toxic', 'insult', 'threat'], 'toxic', 'toxic|insult') // { missed: ['insult'], extra: [] }
 * Complexity: O(L + |answers|).
 */
export function setDifference(
  labels: readonly string[],
  answer: string,
  truth: string,
): { readonly missed: string[]; readonly extra: string[] } {
  const given = new Set(answer === '' ? [] : answer.split(LABEL_SET_SEPARATOR));
  const right = new Set(truth === '' ? [] : truth.split(LABEL_SET_SEPARATOR));
  return {
    missed: labels.filter((l) => right.has(l) && !given.has(l)),
    extra: labels.filter((l) => given.has(l) && !right.has(l)),
  };
}

function describe(labels: readonly LabelDef[], name: string): string | null {
  const text = labels.find((l) => l.name === name)?.description.trim() ?? '';
  return text.length > 0 ? text : null;
}
