import { describe, expect, it } from 'vitest';
import type { Item } from '../types.js';
import {
  buildLabelPrompt,
  labelPromptVersion,
  renderItemFields,
  repairMessages,
  type PromptMode,
  type PromptProject,
} from './build-prompt.js';

const project: PromptProject = {
  name: 'review sentiment',
  fields: ['title', 'text'],
  labels: [
    { name: 'negative', description: 'The reviewer is unhappy.' },
    { name: 'neutral', description: '' },
    { name: 'positive', description: 'The reviewer is happy.' },
  ],
  guidelines: 'Sarcasm counts as negative.\n',
};

const direct: PromptMode = { chainOfThought: false, askVerbalized: false };
const reasoned: PromptMode = { chainOfThought: true, askVerbalized: true };

function item(id: string, fields: Item['fields'], goldLabel: string | null = null): Item {
  return { id, fields, role: goldLabel === null ? 'pool' : 'gold', batch: null, goldLabel };
}

const target = item('r1', { title: 'Meh', text: 'It works, I guess.', secret: 'do not show' });
const demos = [
  item('g1', { title: 'Great', text: 'Love it' }, 'positive'),
  item('g2', { title: 'Bad', text: 'Broke in a day' }, 'negative'),
];

describe('buildLabelPrompt', () => {
  it('puts task, guidelines, coded labels and the answer format in the system message', () => {
    const { messages, codes } = buildLabelPrompt({
      project,
      item: target,
      demos: [],
      mode: direct,
    });
    expect(codes.codes).toEqual(['A', 'B', 'C']);
    expect(messages).toHaveLength(2);
    const system = messages[0];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('"review sentiment"');
    expect(system?.content).toContain('Guidelines:\nSarcasm counts as negative.');
    expect(system?.content).toContain(
      'A: negative - The reviewer is unhappy.\nB: neutral\nC: positive',
    );
    expect(system?.content).toContain('Reply with only the code of the label, nothing else.');
    expect(system?.content).not.toContain('Confidence');
  });

  it('shows only the project fields of the item, in order', () => {
    const { messages } = buildLabelPrompt({ project, item: target, demos: [], mode: direct });
    expect(messages.at(-1)).toEqual({
      role: 'user',
      content: 'title: Meh\ntext: It works, I guess.',
    });
  });

  it('turns demos into user/assistant pairs answered with codes', () => {
    const { messages } = buildLabelPrompt({ project, item: target, demos, mode: direct });
    expect(messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(messages[1]?.content).toBe('title: Great\ntext: Love it');
    expect(messages[2]?.content).toBe('C');
    expect(messages[4]?.content).toBe('A');
  });

  it('asks for reasoning, a final Answer line and a confidence in chain-of-thought mode', () => {
    const { messages } = buildLabelPrompt({ project, item: target, demos, mode: reasoned });
    const system = messages[0]?.content ?? '';
    expect(system).toContain('reason step by step');
    expect(system).toContain('"Answer: <code>"');
    expect(system).toContain('"Confidence: <0-100>"');
    expect(messages[2]?.content).toBe('Answer: C');
    expect(messages.at(-1)?.content).toMatch(
      /^title: Meh\ntext: It works, I guess\.\n\nReason first/,
    );
  });

  it('asks for the code on its own line when a confidence is wanted without reasoning', () => {
    const { messages } = buildLabelPrompt({
      project,
      item: target,
      demos: [],
      mode: { chainOfThought: false, askVerbalized: true },
    });
    expect(messages[0]?.content).toContain('code of the label alone on the first line');
    expect(messages[0]?.content).toContain('Confidence');
  });

  it('lists names instead of codes beyond 62 labels and skips demos with unknown labels', () => {
    const many: PromptProject = {
      ...project,
      labels: Array.from({ length: 63 }, (_, i) => ({ name: `intent_${i}`, description: '' })),
    };
    const { messages, codes } = buildLabelPrompt({
      project: many,
      item: target,
      demos: [item('g3', { text: 'x' }, 'intent_5'), item('g4', { text: 'y' }, 'nope')],
      mode: direct,
    });
    expect(codes.kind).toBe('names');
    expect(messages[0]?.content).toContain('Labels (name - description):\nintent_0\nintent_1');
    expect(messages[0]?.content).toContain('Reply with only the name of the label');
    expect(messages).toHaveLength(4);
    expect(messages[2]?.content).toBe('intent_5');
  });
});

describe('labelPromptVersion', () => {
  const version = (p: PromptProject, ids: string[], mode: PromptMode): string =>
    labelPromptVersion({ project: p, demoIds: ids, mode });

  it('is a stable 16-digit hex hash', () => {
    const v = version(project, ['g1', 'g2'], direct);
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(version({ ...project }, ['g1', 'g2'], { ...direct })).toBe(v);
  });

  it('changes with anything the model is told', () => {
    const v = version(project, ['g1', 'g2'], direct);
    const variants = [
      version({ ...project, guidelines: 'Sarcasm counts as neutral.' }, ['g1', 'g2'], direct),
      version({ ...project, labels: project.labels.slice(0, 2) }, ['g1', 'g2'], direct),
      version(
        { ...project, labels: project.labels.map((l) => ({ ...l, description: 'x' })) },
        ['g1', 'g2'],
        direct,
      ),
      version({ ...project, fields: ['text'] }, ['g1', 'g2'], direct),
      version(project, ['g2', 'g1'], direct),
      version(project, ['g1'], direct),
      version(project, ['g1', 'g2'], reasoned),
      version(project, ['g1', 'g2'], { chainOfThought: false, askVerbalized: true }),
    ];
    expect(new Set([v, ...variants]).size).toBe(variants.length + 1);
  });
});

describe('repairMessages', () => {
  it('appends the bad answer and a message naming the problem and the valid codes', () => {
    const { messages, codes } = buildLabelPrompt({
      project,
      item: target,
      demos: [],
      mode: direct,
    });
    const repaired = repairMessages({
      messages,
      badAnswer: 'mixed feelings',
      reason: 'not a code',
      codes,
    });
    expect(repaired.slice(0, messages.length)).toEqual(messages);
    expect(repaired.at(-2)).toEqual({ role: 'assistant', content: 'mixed feelings' });
    expect(repaired.at(-1)?.role).toBe('user');
    expect(repaired.at(-1)?.content).toContain('(not a code)');
    expect(repaired.at(-1)?.content).toContain('one of these codes: A, B, C.');
  });
});

describe('renderItemFields', () => {
  it('renders strings as they are, absent values as empty and others as JSON', () => {
    expect(
      renderItemFields(['s', 'n', 'b', 'o', 'missing', 'nil'], {
        s: 'two\nlines',
        n: 3.5,
        b: false,
        o: { a: [1, 2] },
        nil: null,
      }),
    ).toBe('s: two\nlines\nn: 3.5\nb: false\no: {"a":[1,2]}\nmissing: \nnil: ');
  });
});
