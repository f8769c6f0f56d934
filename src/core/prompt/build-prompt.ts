import type { ChatMessage } from '../ports/chat-model.js';
import type { ProjectConfig } from '../project.js';
import type { Fields, Item } from '../types.js';
import { fnv1a64 } from './fnv1a64.js';
import { fillTemplate as fill, KIND_TEMPLATE } from './kind-prompt-text.js';
import { assignLabelCodes, type LabelCodes } from './label-codes.js';
import {
  LABEL_SET_REMINDER,
  labelSetDemoAnswer,
  labelSetSystemMessage,
  type LabelSetAnswer,
} from './label-set-prompt.js';
import { pairwiseCodes, pairwiseItemText, swapVerdict } from './pairwise-prompt.js';
import { renderItemFields } from './render-fields.js';

export { renderItemFields };

/** How the model is asked to answer. */
export interface PromptMode {
  /** Reason first, then a final line `Answer: <code>`; otherwise the code alone. */
  readonly chainOfThought: boolean;
  /** Also ask for a last line `Confidence: <0-100>`. */
  readonly askVerbalized: boolean;
  /** Pairwise: show the two responses in swapped order (B's text as A and A's as B). */
  readonly swapped?: boolean;
  /** Multi-label: how each label's answer is asked for (default `yes-no`). */
  readonly setAnswer?: LabelSetAnswer;
}

/**
 * The part of a project a prompt is made of. Without `kind` the project classifies; the kind's
 * options are read only for its own kind.
 */
export type PromptProject = Pick<ProjectConfig, 'name' | 'fields' | 'labels' | 'guidelines'> &
  Partial<Pick<ProjectConfig, 'kind' | 'pairwise' | 'multilabel'>>;

export interface BuildLabelPromptOptions {
  readonly project: PromptProject;
  readonly item: Item;
  /** Few-shot demonstrations (items with a `goldLabel`), in the order they are shown. */
  readonly demos: readonly Item[];
  readonly mode: PromptMode;
}

export interface LabelPrompt {
  readonly messages: readonly ChatMessage[];
  readonly codes: LabelCodes;
}

/**
 * Every fixed sentence of the prompt. The prompt version hashes this object, so rewording any
 * of it changes the version and votes of the old and new wording are never mixed up.
 */
const TEMPLATE = {
  intro:
    'You label items for the task "{task}". Choose the one label that fits the item best, following the guidelines.',
  guidelines: 'Guidelines:',
  labelsWithCodes: 'Labels (code: name - description):',
  labelsByName: 'Labels (name - description):',
  direct: 'Reply with only the {what} of the label, nothing else.',
  directThenConfidence: 'Reply with the {what} of the label alone on the first line.',
  chainOfThought:
    'First reason step by step in a few sentences. Then write a final line "Answer: <{what}>" with the {what} of the label.',
  confidence:
    'On the very last line write "Confidence: <0-100>": how likely it is, in percent, that your answer is right.',
  reminder: 'Reason first, then end with the line "Answer: <{what}>".',
  repair: 'That answer could not be read ({reason}). Reply with only one of these {whats}: {list}.',
} as const;

/**
 * Builds the chat messages that ask the model to label one item: a system message with the task,
 * guidelines, the labels with their codes and the answer format; each demo as a user turn (its
 * fields) and an assistant turn (its code); then the item. Only the project's fields are shown,
 * as `field: value` lines, in the project's order.
 *
 * @example buildLabelPrompt({ project, item, demos: [], mode: { chainOfThought: false, askVerbalized: false } }).messages.length // 2
 * Complexity: O(prompt length).
 */
export function buildLabelPrompt(options: BuildLabelPromptOptions): LabelPrompt {
  const { project, item, demos, mode } = options;
  const codes = labelCodesOf(project);
  const what = codes.kind === 'codes' ? 'code' : 'name';
  const messages: ChatMessage[] = [
    { role: 'system', content: systemMessage(project, codes, mode) },
  ];
  for (const demo of demos) {
    const answer = demoAnswer(project, codes, mode, demo.goldLabel);
    if (answer === null) continue;
    messages.push({ role: 'user', content: itemText(project, demo.fields, mode) });
    messages.push({ role: 'assistant', content: answer });
  }
  // Demos show bare answers; in chain-of-thought mode the model must not copy that shape.
  const reminderText =
    project.kind === 'multilabel' ? LABEL_SET_REMINDER : fill(TEMPLATE.reminder, { what });
  const reminder = mode.chainOfThought ? `\n\n${reminderText}` : '';
  messages.push({ role: 'user', content: itemText(project, item.fields, mode) + reminder });
  return { messages, codes };
}

/**
 * The codes a project's prompts use: pairwise verdicts are always A, B (and C for a tie), so the
 * code names the response as the prompt shows it; other kinds as `assignLabelCodes` gives them.
 */
function labelCodesOf(project: PromptProject): LabelCodes {
  const names = project.labels.map((label) => label.name);
  return project.kind === 'pairwise' ? pairwiseCodes(names) : assignLabelCodes(names);
}

/** A demo's assistant turn, or null when its gold answer cannot be shown. */
function demoAnswer(
  project: PromptProject,
  codes: LabelCodes,
  mode: PromptMode,
  gold: string | null,
): string | null {
  if (project.kind === 'multilabel') {
    const answer = mode.setAnswer ?? 'yes-no';
    return labelSetDemoAnswer(gold, codes.labels, answer, mode.chainOfThought);
  }
  const shown = project.kind === 'pairwise' && mode.swapped === true ? swapVerdict(gold) : gold;
  const index = shown === null ? -1 : codes.labels.indexOf(shown);
  if (index < 0) return null;
  const code = codes.codes[index] as string;
  return mode.chainOfThought ? `Answer: ${code}` : code;
}

function itemText(project: PromptProject, fields: Fields, mode: PromptMode): string {
  if (project.kind === 'pairwise' && project.pairwise !== undefined) {
    return pairwiseItemText(project.fields, project.pairwise, fields, mode.swapped === true);
  }
  return renderItemFields(project.fields, fields);
}

export interface LabelPromptVersionOptions {
  readonly project: PromptProject;
  /** Ids of the run's demonstrations, in order. */
  readonly demoIds: readonly string[];
  readonly mode: PromptMode;
}

/**
 * A stable 16-hex-digit version of a labelling prompt: FNV-1a 64 over the template sentences, the
 * mode, the fields, the guidelines, the labels (names, descriptions, codes) and the demo ids. It
 * names the labeller in vote sources (`llm:<model>#<version>`), so the same settings always map
 * to the same source and any change to what the model is told gives a new one.
 *
 * @example labelPromptVersion({ project, demoIds: ['g1', 'g7'], mode }) // '5d0e2c…' (16 hex digits)
 * Complexity: O(guidelines + labels + demos).
 */
export function labelPromptVersion(options: LabelPromptVersionOptions): string {
  const { project, demoIds, mode } = options;
  const codes = labelCodesOf(project);
  return fnv1a64(
    JSON.stringify({
      template: TEMPLATE,
      mode: { chainOfThought: mode.chainOfThought, askVerbalized: mode.askVerbalized },
      task: project.name,
      fields: project.fields,
      guidelines: project.guidelines,
      labels: project.labels.map((label, i) => [label.name, label.description, codes.codes[i]]),
      demos: demoIds,
      // Classify prompts keep the versions they had before other kinds existed.
      ...kindVersionPart(project, mode),
    }),
  );
}

function kindVersionPart(project: PromptProject, mode: PromptMode): Record<string, unknown> {
  switch (project.kind) {
    case undefined:
    case 'classify':
      return {};
    case 'rating':
      return { kind: project.kind, kindTemplate: KIND_TEMPLATE.rating };
    case 'pairwise':
      return {
        kind: project.kind,
        kindTemplate: KIND_TEMPLATE.pairwise,
        pairwise: project.pairwise,
      };
    case 'multilabel':
      return {
        kind: project.kind,
        kindTemplate: KIND_TEMPLATE.multilabel,
        multilabel: project.multilabel,
        setAnswer: mode.setAnswer ?? 'yes-no',
      };
  }
}

export interface RepairMessagesOptions {
  /** The messages of the request that got the unreadable answer. */
  readonly messages: readonly ChatMessage[];
  readonly badAnswer: string;
  /** Why the answer could not be read, from `parseAnswer`. */
  readonly reason: string;
  readonly codes: LabelCodes;
}

/**
 * The follow-up conversation for one repair attempt: the original messages, the model's
 * unreadable answer, and a user turn that names the problem and lists the valid codes. The
 * repair asks for the code alone, even after chain of thought (the reasoning is already there).
 *
 * @example repairMessages({ messages, badAnswer: 'maybe', reason: 'not a label code', codes }).at(-1)?.content
 * Complexity: O(messages + labels).
 */
export function repairMessages(options: RepairMessagesOptions): ChatMessage[] {
  const { messages, badAnswer, reason, codes } = options;
  const whats = codes.kind === 'codes' ? 'codes' : 'label names';
  return [
    ...messages,
    { role: 'assistant', content: badAnswer },
    {
      role: 'user',
      content: fill(TEMPLATE.repair, { reason, whats, list: codes.codes.join(', ') }),
    },
  ];
}

function systemMessage(project: PromptProject, codes: LabelCodes, mode: PromptMode): string {
  if (project.kind === 'multilabel') {
    return labelSetSystemMessage({
      task: project.name,
      guidelines: project.guidelines,
      labels: project.labels,
      minLabels: project.multilabel?.minLabels ?? 0,
      maxLabels: project.multilabel?.maxLabels ?? null,
      answer: mode.setAnswer ?? 'yes-no',
      chainOfThought: mode.chainOfThought,
    });
  }
  const what = codes.kind === 'codes' ? 'code' : 'name';
  const words = kindWords(project.kind, codes);
  const parts = [fill(words.intro, { task: project.name })];
  const guidelines = project.guidelines.trim();
  if (guidelines !== '') parts.push(`${TEMPLATE.guidelines}\n${guidelines}`);
  const lines = project.labels.map((label, i) => {
    // A rating level that is its own code (1..5) is shown once: `3 - anchor`.
    const ownCode = project.kind === 'rating' && codes.codes[i] === label.name;
    const head =
      codes.kind === 'codes' && !ownCode ? `${codes.codes[i]}: ${label.name}` : label.name;
    const description = label.description.trim() || defaultMeaning(project.kind, label.name);
    return description === '' ? head : `${head} - ${description}`;
  });
  const heading = words.heading;
  parts.push(`${heading}\n${lines.join('\n')}`);
  const format: string[] = [];
  if (mode.chainOfThought) format.push(fill(TEMPLATE.chainOfThought, { what }));
  else
    format.push(
      fill(mode.askVerbalized ? TEMPLATE.directThenConfidence : TEMPLATE.direct, { what }),
    );
  if (mode.askVerbalized) format.push(TEMPLATE.confidence);
  parts.push(format.join(' '));
  return parts.join('\n\n');
}

/** The intro and the label heading of a single-choice kind: levels of a scale, verdicts, labels. */
function kindWords(
  kind: PromptProject['kind'],
  codes: LabelCodes,
): { intro: string; heading: string } {
  const coded = codes.kind === 'codes';
  if (kind === 'rating') {
    const r = KIND_TEMPLATE.rating;
    return { intro: r.intro, heading: coded ? r.levelsWithCodes : r.levelsByName };
  }
  if (kind === 'pairwise' && coded) {
    return {
      intro: KIND_TEMPLATE.pairwise.intro,
      heading: KIND_TEMPLATE.pairwise.verdictsWithCodes,
    };
  }
  return {
    intro: TEMPLATE.intro,
    heading: coded ? TEMPLATE.labelsWithCodes : TEMPLATE.labelsByName,
  };
}

/** What a pairwise verdict means when the project gives it no description. */
function defaultMeaning(kind: PromptProject['kind'], label: string): string {
  if (kind !== 'pairwise') return '';
  const p = KIND_TEMPLATE.pairwise;
  return label === 'a' ? p.a : label === 'b' ? p.b : label === 'tie' ? p.tie : '';
}
