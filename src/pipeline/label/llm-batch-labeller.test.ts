import { describe, expect, it } from 'vitest';
import { BilledModelError } from '../../core/cost/billed-model-error.js';
import { HiloError } from '../../core/errors.js';
import type { ChatModel, ChatRequest } from '../../core/ports/index.js';
import type { Item } from '../../core/types.js';
import type { ProjectConfig } from '../../core/project.js';
import { createLlmBatchLabeller } from './llm-batch-labeller.js';
import { item as anItem, project as aProject } from '../../testing/builders/index.js';

const project: ProjectConfig = aProject({
  name: 't',
  labeller: { llm: { maxTokens: 4 }, local: { l2: 1e-5 } },
  prices: { models: {}, humanHourlyUsd: 15, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
});
const item = (id: string, text: string): Item => anItem(id, { fields: { text } });

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
  it('keeps what a failed item cost: answers before the failure and tokens billed with the error', async () => {
    let calls = 0;
    const failing: ChatModel = {
      complete: () => {
        calls++;
        // An answer naming no label, then a repair that fails after billed unusable answers.
        if (calls === 1) {
          return Promise.resolve({
            choices: [{ content: 'Q', finishReason: 'stop', logprobs: [] }],
            usage: { promptTokens: 10, completionTokens: 1 },
            cached: false,
            latencyMs: 3,
          });
        }
        return Promise.reject(
          new BilledModelError('MODEL_UNAVAILABLE', 'no choices (after 3 attempts)', {
            promptTokens: 36,
            completionTokens: 6,
          }),
        );
      },
    };
    const price = { inputPerMTok: 1, outputPerMTok: 4 };
    const labeller = createLlmBatchLabeller({
      model: failing,
      project,
      settings: { ...project.labeller.llm, confidence: 'logprobs' },
      demos: [],
      price,
    });
    const [outcome] = await labeller.label([item('a', 'win')]);
    expect(outcome).toMatchObject({
      label: null,
      abstainReason: 'model error: no choices (after 3 attempts)',
      tokensIn: 46,
      tokensOut: 7,
      latencyMs: 3,
    });
    expect(outcome?.costUsd).toBeCloseTo((46 * 1 + 7 * 4) / 1e6, 15);
  });

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
