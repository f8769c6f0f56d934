import type { ChatMessage } from '../ports/chat-model.js';
import { decodeLabelSet } from '../task-kind/label-set-code.js';
import type { LabelDef } from '../project.js';
import { fillTemplate, KIND_TEMPLATE } from './kind-prompt-text.js';

const T = KIND_TEMPLATE.multilabel;

/**
 * How a multi-label answer is asked for: `yes-no` (a "yes"/"no" per label, whose tokens' logprobs
 * or whose samples give each label's probability) or `confidence` (a stated probability per
 * label, read as a verbalized confidence).
 */
export type LabelSetAnswer = 'yes-no' | 'confidence';

export interface LabelSetPromptParts {
  readonly task: string;
  readonly guidelines: string;
  readonly labels: readonly LabelDef[];
  readonly minLabels: number;
  /** null: any number up to all labels. */
  readonly maxLabels: number | null;
  readonly answer: LabelSetAnswer;
  readonly chainOfThought: boolean;
}

/**
 * The system message of a multi-label prompt: the task, the guidelines, every label with its
 * description, the bounds on the set when there are any, and the JSON answer format.
 * @example labelSetSystemMessage({ task: 'toxicity', guidelines: '', labels, minLabels: 0, maxLabels: null, answer: 'yes-no', chainOfThought: false })
 * Complexity: O(guidelines + labels).
 */
export function labelSetSystemMessage(parts: LabelSetPromptParts): string {
  const { labels } = parts;
  const max = parts.maxLabels ?? labels.length;
  const bounded = parts.minLabels > 0 || max < labels.length;
  const bounds = bounded
    ? fillTemplate(T.bounds, { min: String(parts.minLabels), max: String(max) })
    : '';
  const out = [fillTemplate(T.intro, { task: parts.task, bounds })];
  const guidelines = parts.guidelines.trim();
  if (guidelines !== '') out.push(`Guidelines:\n${guidelines}`);
  const lines = labels.map((label) => {
    const description = label.description.trim();
    return description === '' ? label.name : `${label.name} - ${description}`;
  });
  out.push(`${T.labels}\n${lines.join('\n')}`);
  const example = labelSetJson(
    labels.map((l) => l.name).slice(0, 2),
    labels.slice(0, 2).map((_, i) => (i === 0 ? 0 : 1)),
    parts.answer,
  );
  const format = [fillTemplate(parts.answer === 'yes-no' ? T.yesNo : T.confidence, { example })];
  if (parts.chainOfThought) format.push(T.chainOfThought);
  out.push(format.join(' '));
  return out.join('\n\n');
}

/**
 * A demo's answer: the JSON object of its gold set ("yes"/"no", or 1/0 for stated
 * probabilities), after `Answer: ` with chain of thought. Null when the demo has no gold set or
 * its code names a label outside the project's.
 * @example labelSetDemoAnswer('toxic', ['toxic', 'insult'], 'yes-no', false) // '{"toxic": "yes", "insult": "no"}'
 * Complexity: O(labels).
 */
export function labelSetDemoAnswer(
  gold: string | null,
  labels: readonly string[],
  answer: LabelSetAnswer,
  chainOfThought: boolean,
): string | null {
  if (gold === null) return null;
  let names: Set<string>;
  try {
    names = new Set(decodeLabelSet(gold, labels));
  } catch {
    return null;
  }
  const json = labelSetJson(
    labels,
    labels.map((l) => (names.has(l) ? 1 : 0)),
    answer,
  );
  return chainOfThought ? `Answer: ${json}` : json;
}

/** The follow-up turn of a repair: the reason, and every label the object must name. */
export function labelSetRepairMessages(
  messages: readonly ChatMessage[],
  badAnswer: string,
  reason: string,
  labels: readonly string[],
): ChatMessage[] {
  return [
    ...messages,
    { role: 'assistant', content: badAnswer },
    {
      role: 'user',
      content: fillTemplate(T.repair, { reason, list: labels.join(', ') }),
    },
  ];
}

/** The reminder after the item in chain-of-thought mode (demos show bare answers). */
export const LABEL_SET_REMINDER = T.reminder;

function labelSetJson(
  names: readonly string[],
  values: readonly number[],
  answer: LabelSetAnswer,
): string {
  const entries = names.map((name, i) => {
    const v = values[i] ?? 0;
    return `${JSON.stringify(name)}: ${answer === 'yes-no' ? (v === 1 ? '"yes"' : '"no"') : v}`;
  });
  return `{${entries.join(', ')}}`;
}
