import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { ChatModel, ChatRequest } from '../../core/ports/index.js';
import type { Item } from '../../core/types.js';
import { PROJECT_DEFAULTS, type ProjectConfig } from '../../core/project.js';
import { createLlmBatchLabeller } from './llm-batch-labeller.js';

const project: ProjectConfig = {
  name: 't',
  kind: 'classify',
  fields: ['text'],
  labels: [
    { name: 'spam', description: '' },
    { name: 'ham', description: '' },
  ],
  guidelines: '',
  labeller: {
    default: 'llm',
    llm: {
      model: 'm',
      fewShot: 0,
      chainOfThought: false,
      confidence: 'logprobs',
      samples: 5,
      temperature: 0.7,
      askVerbalized: false,
      maxTokens: 4,
      concurrency: 1,
      requestsPerMinute: 0,
      tokensPerMinute: 0,
      timeoutMs: 1000,
      maxRetries: 0,
    },
    local: PROJECT_DEFAULTS.labeller.local,
  },
  prices: PROJECT_DEFAULTS.prices,
  database: null,
  people: PROJECT_DEFAULTS.people,
};
const item = (id: string, text: string): Item => ({
  id,
  fields: { text },
  role: 'pool',
  batch: null,
  goldLabel: null,
});

/** Answers "A" (spam) with logprobs, and fails every request whose prompt contains "boom". */
function model(): ChatModel {
  return {
    complete: async (request: ChatRequest) => {
      const text = request.messages.map((m) => m.content).join('\n');
      if (text.includes('boom'))
        throw new HiloError('MODEL_UNAVAILABLE', 'model server answered 500: bad output');
      return {
        choices: [
          {
            content: 'A',
            finishReason: 'stop',
            logprobs: [
              {
                token: 'A',
                logprob: Math.log(0.8),
                top: [
                  { token: 'A', logprob: Math.log(0.8) },
                  { token: 'B', logprob: Math.log(0.2) },
                ],
              },
            ],
          },
        ],
        usage: { promptTokens: 10, completionTokens: 1 },
        cached: false,
        latencyMs: 1,
      };
    },
  };
}

describe('createLlmBatchLabeller', () => {
  it('turns an item the model cannot answer into an abstention with the reason', async () => {
    const labeller = createLlmBatchLabeller({
      model: model(),
      project,
      settings: project.labeller.llm,
      demos: [],
    });
    const [good, bad] = await labeller.label([item('a', 'win'), item('b', 'boom')]);
    expect(good?.label).toBe('spam');
    expect(bad).toMatchObject({ label: null, probabilities: null });
    expect(bad?.abstainReason).toMatch(/^model error: .*500/);
  });

  it('stops the run when several items in a row fail (an outage, not an item)', async () => {
    const labeller = createLlmBatchLabeller({
      model: model(),
      project,
      settings: project.labeller.llm,
      demos: [],
    });
    for (let i = 0; i < 4; i++) await labeller.label([item(`b${i}`, 'boom')]);
    await expect(labeller.label([item('b5', 'boom')])).rejects.toThrow(/5 items in a row failed/);
  });
});
