import type { ChatMessage } from '../ports/chat-model.js';
import type { ProjectConfig } from '../project.js';
import type { Fields, Item } from '../types.js';
import { fnv1a64 } from './fnv1a64.js';
import { assignLabelCodes, type LabelCodes } from './label-codes.js';

/** How the model is asked to answer. */
export interface PromptMode {
  /** Reason first, then a final line `Answer: <code>`; otherwise the code alone. */
  readonly chainOfThought: boolean;
  /** Also ask for a last line `Confidence: <0-100>`. */
  readonly askVerbalized: boolean;
}

/** The part of a project a prompt is made of. */
export type PromptProject = Pick<ProjectConfig, 'name' | 'fields' | 'labels' | 'guidelines'>;

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
  const codes = assignLabelCodes(project.labels.map((label) => label.name));
  const what = codes.kind === 'codes' ? 'code' : 'name';
  const messages: ChatMessage[] = [
    { role: 'system', content: systemMessage(project, codes, mode) },
  ];
  for (const demo of demos) {
    const index = demo.goldLabel === null ? undefined : codes.labels.indexOf(demo.goldLabel);
    if (index === undefined || index < 0) continue;
    const code = codes.codes[index] as string;
    messages.push({ role: 'user', content: renderItemFields(project.fields, demo.fields) });
    messages.push({ role: 'assistant', content: mode.chainOfThought ? `Answer: ${code}` : code });
  }
  // Demos show bare answers; in chain-of-thought mode the model must not copy that shape.
  const reminder = mode.chainOfThought ? `\n\n${fill(TEMPLATE.reminder, { what })}` : '';
  messages.push({
    role: 'user',
    content: renderItemFields(project.fields, item.fields) + reminder,
  });
  return { messages, codes };
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
  const codes = assignLabelCodes(project.labels.map((label) => label.name));
  return fnv1a64(
    JSON.stringify({
      template: TEMPLATE,
      mode: { chainOfThought: mode.chainOfThought, askVerbalized: mode.askVerbalized },
      task: project.name,
      fields: project.fields,
      guidelines: project.guidelines,
      labels: project.labels.map((label, i) => [label.name, label.description, codes.codes[i]]),
      demos: demoIds,
    }),
  );
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

/**
 * Renders an item's fields as `field: value` lines, in the given order; other fields are left
 * out. Strings are shown as they are, absent values as empty, others as JSON.
 *
 * @example renderItemFields(['text'], { text: 'Win a prize!', id: 3 }) // 'text: Win a prize!'
 * Complexity: O(rendered length).
 */
export function renderItemFields(fields: readonly string[], values: Fields): string {
  return fields.map((field) => `${field}: ${renderValue(values[field])}`).join('\n');
}

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}

function systemMessage(project: PromptProject, codes: LabelCodes, mode: PromptMode): string {
  const what = codes.kind === 'codes' ? 'code' : 'name';
  const parts = [fill(TEMPLATE.intro, { task: project.name })];
  const guidelines = project.guidelines.trim();
  if (guidelines !== '') parts.push(`${TEMPLATE.guidelines}\n${guidelines}`);
  const lines = project.labels.map((label, i) => {
    const head = codes.kind === 'codes' ? `${codes.codes[i]}: ${label.name}` : label.name;
    const description = label.description.trim();
    return description === '' ? head : `${head} - ${description}`;
  });
  const heading = codes.kind === 'codes' ? TEMPLATE.labelsWithCodes : TEMPLATE.labelsByName;
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

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
