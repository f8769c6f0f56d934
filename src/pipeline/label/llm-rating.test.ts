import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../core/project.js';
import { item as anItem, project as aProject } from '../../testing/builders/index.js';
import { fakeAnswer, fakeToken } from '../../testing/fakes/fake-replies.js';
import { createScriptedModel } from '../../testing/fakes/scripted-model.js';
import { labelItemWithLlm } from './llm-labeller.js';

const SCALE = [
  { name: '1', description: 'useless' },
  { name: '2', description: 'poor' },
  { name: '3', description: 'fair' },
  { name: '4', description: 'good' },
  { name: '5', description: 'excellent' },
];

function ratingProject(measure: 'exact' | 'within-k'): ProjectConfig {
  const base = aProject({ name: 'answer quality', kind: 'rating', labels: SCALE });
  return {
    ...base,
    rating: { measure, withinK: 1 },
    labeller: { ...base.labeller, llm: { ...base.labeller.llm, confidence: 'logprobs' } },
  };
}

/** The level token carries this distribution over the levels. */
const respond = () =>
  fakeAnswer([
    { text: '4', tokens: [fakeToken('4', { '1': 0.05, '2': 0.3, '3': 0.25, '4': 0.4 })] },
  ]);

async function rate(project: ProjectConfig) {
  const model = createScriptedModel({ respond });
  const item = anItem('r1', { fields: { text: 'It answers half the question.' } });
  const outcome = await labelItemWithLlm({
    model,
    project,
    item,
    demos: [],
    settings: project.labeller.llm,
  });
  return { outcome, system: model.calls[0]?.messages[0]?.content ?? '' };
}

describe('the LLM labeller on a rating project', () => {
  it('shows the scale lowest to highest with its anchors, the levels as their own codes', async () => {
    const { system } = await rate(ratingProject('exact'));
    expect(system).toContain('on an ordered scale');
    expect(system).toContain(
      'Scale, lowest to highest (code: level - anchor):\n1 - useless\n2 - poor\n3 - fair\n4 - good\n5 - excellent',
    );
  });

  it('reads a distribution over the levels and decides exactly or within ±k', async () => {
    const exact = await rate(ratingProject('exact'));
    expect(exact.outcome.label).toBe('4');
    expect(exact.outcome.confidence).toBeCloseTo(0.4, 5);
    expect(exact.outcome.probabilities?.['2']).toBeCloseTo(0.3, 5);
    // Within ±1 the window 2..4 holds 0.95 of the mass: the decided level is 3.
    const within = await rate(ratingProject('within-k'));
    expect(within.outcome.label).toBe('3');
    expect(within.outcome.confidence).toBeCloseTo(0.95, 5);
  });
});
