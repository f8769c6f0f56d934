import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../project.js';
import type { Item } from '../types.js';
import { buildLabelPrompt, labelPromptVersion, type PromptProject } from './build-prompt.js';

const mode = { chainOfThought: false, askVerbalized: false };
const pair: Item = {
  id: 'p1',
  fields: { prompt: 'Capital of France?', a: 'Paris', b: 'Lyon', judge: 'crowd' },
  role: 'pool',
  batch: null,
  goldLabel: null,
};
const judged: PromptProject = {
  name: 'qa',
  kind: 'pairwise',
  fields: ['judge', 'prompt', 'a', 'b'],
  labels: [
    { name: 'a', description: '' },
    { name: 'b', description: '' },
    { name: 'tie', description: 'Neither is better.' },
  ],
  guidelines: '',
  pairwise: PROJECT_DEFAULTS.pairwise,
};

describe('prompts per task kind', () => {
  it('asks a pairwise judge with codes A, B, C and the responses under their headings', () => {
    const { messages, codes } = buildLabelPrompt({ project: judged, item: pair, demos: [], mode });
    expect(codes.codes).toEqual(['A', 'B', 'C']);
    expect(messages[0]?.content).toContain(
      'Verdicts (code: verdict - meaning):\nA: a - Response A is better.\nB: b - Response B is better.\nC: tie - Neither is better.',
    );
    expect(messages[1]?.content).toBe(
      'judge: crowd\n\nPrompt:\nCapital of France?\n\nResponse A:\nParis\n\nResponse B:\nLyon',
    );
    const swapped = buildLabelPrompt({
      project: judged,
      item: pair,
      demos: [],
      mode: { ...mode, swapped: true },
    });
    expect(swapped.messages[1]?.content).toContain('Response A:\nLyon\n\nResponse B:\nParis');
  });

  it('shows a pairwise demo in the order asked: its verdict swaps with the responses', () => {
    const demo: Item = { ...pair, id: 'g1', role: 'gold', goldLabel: 'a' };
    const once = buildLabelPrompt({ project: judged, item: pair, demos: [demo], mode });
    const swapped = buildLabelPrompt({
      project: judged,
      item: pair,
      demos: [demo],
      mode: { ...mode, swapped: true },
    });
    expect(once.messages[2]?.content).toBe('A');
    expect(swapped.messages[2]?.content).toBe('B');
  });

  it('keeps classify versions, and gives each kind’s settings their own', () => {
    const classify: PromptProject = {
      name: 'x',
      fields: ['text'],
      labels: judged.labels,
      guidelines: '',
    };
    const version = (project: PromptProject) => labelPromptVersion({ project, demoIds: [], mode });
    expect(version({ ...classify, kind: 'classify' })).toBe(version(classify));
    expect(version({ ...classify, kind: 'rating' })).not.toBe(version(classify));
    const noSwap = { ...judged, pairwise: { ...PROJECT_DEFAULTS.pairwise, swap: false } };
    expect(version(noSwap)).not.toBe(version(judged));
  });
});
