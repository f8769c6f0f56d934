/**
 * The LLM labeller of each task kind against a real llama-server with a tiny random-weight model:
 * the requests go through, the answers are read (or the item abstains with a reason), and the
 * votes and decisions are stored in the kind's shape. The labels are meaningless; only the
 * protocol and the shapes are checked.
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/ports/chat-model.js';
import type { LlmLabellerConfig, ProjectConfig } from '../../src/core/project.js';
import { decodeLabelSet } from '../../src/core/task-kind/index.js';
import type { Item, Vote } from '../../src/core/types.js';
import { createOpenAiCompatibleModel } from '../../src/llm/openai-compatible-model.js';
import {
  createLlmBatchLabeller,
  labelItems,
  type LabelReport,
} from '../../src/pipeline/label/index.js';
import { item as anItem, project as aProject } from '../../src/testing/builders/index.js';
import { MemoryStore } from '../../src/testing/fakes/memory-store.js';
import { LLAMA_URL, noteSkip } from './llama-server-env.js';

if (!LLAMA_URL) noteSkip('HILO_LLAMA_URL', 'llama-server task-kind tests');

const clock = { now: () => Date.UTC(2026, 11, 7) };

function kindProject(over: Partial<ProjectConfig>, llm: Partial<LlmLabellerConfig>): ProjectConfig {
  const base = aProject({ name: 'protocol', ...over });
  return {
    ...base,
    ...over,
    labeller: {
      ...base.labeller,
      llm: { ...base.labeller.llm, model: 'tiny', maxTokens: 24, concurrency: 2, ...llm },
    },
  };
}

describe.skipIf(!LLAMA_URL)('the LLM labeller of each task kind against llama-server', () => {
  const baseUrl = LLAMA_URL ?? 'http://127.0.0.1:1';

  async function run(
    project: ProjectConfig,
    items: readonly Item[],
  ): Promise<{ votes: Vote[]; requests: ChatRequest[]; report: LabelReport }> {
    const inner = createOpenAiCompatibleModel({ baseUrl, maxRetries: 0, timeoutMs: 30_000 });
    const requests: ChatRequest[] = [];
    const model = {
      complete: (request: ChatRequest) => {
        requests.push(request);
        return inner.complete(request);
      },
    };
    const store = new MemoryStore();
    await store.upsertItems(items);
    const labeller = createLlmBatchLabeller({
      model,
      project,
      settings: project.labeller.llm,
      demos: [],
    });
    const report = await labelItems({ store, labeller, clock });
    return { votes: await store.listVotes({}), requests, report };
  }

  it('pairwise: asks both orders, stores verdicts over a, b, tie and measures position bias', async () => {
    const project = kindProject(
      {
        kind: 'pairwise',
        fields: ['prompt', 'a', 'b'],
        labels: [
          { name: 'a', description: '' },
          { name: 'b', description: '' },
          { name: 'tie', description: '' },
        ],
      },
      { confidence: 'logprobs', maxTokens: 1 },
    );
    const items = [0, 1, 2].map((i) =>
      anItem(`p${i}`, {
        fields: { prompt: `question ${i}?`, a: `first answer ${i}`, b: `second answer ${i}` },
      }),
    );
    const { votes, requests, report } = await run(project, items);
    expect(votes).toHaveLength(3);
    const users = requests.map((r) => r.messages.at(-1)?.content ?? '');
    for (let i = 0; i < 3; i++) {
      expect(users).toContain(
        `Prompt:\nquestion ${i}?\n\nResponse A:\nfirst answer ${i}\n\nResponse B:\nsecond answer ${i}`,
      );
      expect(users).toContain(
        `Prompt:\nquestion ${i}?\n\nResponse A:\nsecond answer ${i}\n\nResponse B:\nfirst answer ${i}`,
      );
    }
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const vote of votes) {
      if (vote.label === null) {
        // The tiny random model rarely writes a code: both orders were asked and repaired.
        expect(vote.abstainReason).toMatch(/^first order: .+; swapped order: .+/);
        continue;
      }
      expect(['a', 'b', 'tie']).toContain(vote.label);
      const p = vote.probabilities ?? {};
      expect(Object.keys(p).sort()).toEqual(['a', 'b', 'tie']);
      expect(Object.values(p).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    }
    expect(votes.every((v) => v.tokensIn > 0)).toBe(true);
    if (votes.every((v) => v.label !== null)) expect(report.positionBias?.items).toBe(3);
  }, 120_000);

  it('multilabel: asks for a yes/no per label and stores a set code and a probability per label', async () => {
    const labels = ['spam', 'rude', 'off-topic'];
    const project = kindProject(
      { kind: 'multilabel', labels: labels.map((name) => ({ name, description: '' })) },
      { confidence: 'self-consistency', samples: 2, temperature: 0.8, maxTokens: 24 },
    );
    const items = ['buy now!!!', 'you fool', 'the weather is nice'].map((text, i) =>
      anItem(`m${i}`, { fields: { text } }),
    );
    const { votes, requests } = await run(project, items);
    expect(votes).toHaveLength(3);
    expect(requests[0]?.messages[0]?.content).toContain('"yes" or "no" as its value');
    expect(requests.some((r) => r.n === 2)).toBe(true);
    for (const vote of votes) {
      if (vote.label === null) {
        expect(vote.abstainReason).toMatch(/^invalid answer: |no valid sample/);
        continue;
      }
      expect(() => decodeLabelSet(vote.label ?? '', labels)).not.toThrow();
      const p = vote.probabilities ?? {};
      expect(Object.keys(p).sort()).toEqual([...labels].sort());
      for (const q of Object.values(p)) expect(q > 0 && q < 1).toBe(true);
    }
  }, 120_000);

  it('rating: shows the scale, reads a distribution over its levels', async () => {
    const scale = ['1', '2', '3', '4', '5'].map((name) => ({ name, description: `level ${name}` }));
    const project = kindProject(
      { kind: 'rating', labels: scale },
      { confidence: 'logprobs', maxTokens: 1 },
    );
    const items = ['great', 'awful', 'so-so'].map((text, i) =>
      anItem(`r${i}`, { fields: { text } }),
    );
    const { votes, requests } = await run(project, items);
    expect(requests[0]?.messages[0]?.content).toContain(
      'Scale, lowest to highest (code: level - anchor):\n1 - level 1',
    );
    expect(requests.every((r) => r.topLogprobs === 20)).toBe(true);
    expect(votes).toHaveLength(3);
    for (const vote of votes) {
      if (vote.label === null) {
        expect(vote.abstainReason).toMatch(/^invalid answer: .+; after repair: /);
        continue;
      }
      expect(scale.map((s) => s.name)).toContain(vote.label);
      expect(Object.values(vote.probabilities ?? {}).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    }
  }, 120_000);
});
