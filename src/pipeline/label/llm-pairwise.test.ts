import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { LlmLabellerConfig, ProjectConfig } from '../../core/project.js';
import type { Item } from '../../core/types.js';
import { item as anItem, project as aProject } from '../../testing/builders/index.js';
import { biasedJudge, type JudgedPair } from '../../testing/fakes/biased-judge.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { createScriptedModel } from '../../testing/fakes/scripted-model.js';
import { estimateLabelCost } from './estimate-label-cost.js';
import { labelItems } from './label-items.js';
import { createLlmBatchLabeller } from './llm-batch-labeller.js';
import { labelItemWithLlm } from './llm-labeller.js';

const FIRST_BIAS = 0.4;
const TIE = 0.05;
const clock = { now: () => Date.UTC(2026, 11, 7) };

function judgeProject(swap: boolean, llm: Partial<LlmLabellerConfig> = {}): ProjectConfig {
  const base = aProject({
    name: 'helpfulness',
    kind: 'pairwise',
    fields: ['prompt', 'a', 'b'],
    labels: ['a', 'b', 'tie'],
    prices: {
      models: { m: { inputPerMTok: 1, outputPerMTok: 4 } },
      humanHourlyUsd: 15,
      humanItemsPerHour: 60,
      hostingPerHourUsd: 0,
    },
  });
  return {
    ...base,
    pairwise: { ...base.pairwise, swap },
    labeller: { ...base.labeller, llm: { ...base.labeller.llm, ...llm } },
  };
}

/** `count` pairs whose better response is a or b at random, by a margin from 0.02 to 0.5. */
function pairs(count: number): {
  items: Item[];
  known: Map<string, JudgedPair>;
  truth: Map<string, string>;
} {
  const rng = createRng(14);
  const items: Item[] = [];
  const known = new Map<string, JudgedPair>();
  const truth = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const margin = 0.02 + 0.48 * rng.next();
    const aWins = rng.next() < 0.5;
    const pair = { a: `answer a${i}`, b: `answer b${i}`, pA: aWins ? 0.5 + margin : 0.5 - margin };
    const prompt = `question ${i}`;
    known.set(prompt, pair);
    truth.set(`p${i}`, aWins ? 'a' : 'b');
    items.push(anItem(`p${i}`, { fields: { prompt, a: pair.a, b: pair.b } }));
  }
  return { items, known, truth };
}

async function verdicts(
  project: ProjectConfig,
  items: readonly Item[],
  known: Map<string, JudgedPair>,
) {
  const model = createScriptedModel({
    respond: biasedJudge({ pairs: known, firstBias: FIRST_BIAS, tie: TIE }),
  });
  const out = [];
  for (const item of items) {
    out.push(
      await labelItemWithLlm({ model, project, item, demos: [], settings: project.labeller.llm }),
    );
  }
  return { outcomes: out, calls: model.calls };
}

describe('the pairwise judge asked in both orders', () => {
  const { items, known, truth } = pairs(200);

  it('recovers the verdicts a judge biased towards the first response gets wrong', async () => {
    const single = await verdicts(judgeProject(false, { confidence: 'logprobs' }), items, known);
    const swapped = await verdicts(judgeProject(true, { confidence: 'logprobs' }), items, known);
    const accuracy = (o: { itemId: string; label: string | null }[]) =>
      o.filter((v) => v.label === truth.get(v.itemId)).length / o.length;
    expect(accuracy(swapped.outcomes)).toBe(1);
    expect(accuracy(single.outcomes)).toBeLessThan(0.9);
    // Asked once, every wrong verdict goes to the response shown first.
    const wrong = single.outcomes.filter((v) => v.label !== truth.get(v.itemId));
    expect(wrong.every((v) => v.label === 'a')).toBe(true);
    expect(single.calls).toHaveLength(200);
    expect(swapped.calls).toHaveLength(400);
  });

  it('shows the second request the responses swapped and maps its answer back', async () => {
    const { outcomes, calls } = await verdicts(
      judgeProject(true, { confidence: 'logprobs' }),
      items.slice(0, 1),
      known,
    );
    const pair = known.get('question 0') as JudgedPair;
    const user = (k: number) => calls[k]?.messages.at(-1)?.content ?? '';
    expect(user(0)).toBe(`Prompt:\nquestion 0\n\nResponse A:\n${pair.a}\n\nResponse B:\n${pair.b}`);
    expect(user(1)).toBe(`Prompt:\nquestion 0\n\nResponse A:\n${pair.b}\n\nResponse B:\n${pair.a}`);
    const expectedA = (FIRST_BIAS / 2 + (1 - FIRST_BIAS) * pair.pA) * (1 - TIE);
    expect(outcomes[0]?.probabilities?.a).toBeCloseTo(expectedA, 6);
    expect(outcomes[0]?.probabilities?.tie).toBeCloseTo(TIE, 6);
    expect(outcomes[0]?.confidence).toBeCloseTo(Math.max(expectedA, 1 - TIE - expectedA), 6);
    // Tokens and cost count both requests.
    const single = await verdicts(
      judgeProject(false, { confidence: 'logprobs' }),
      items.slice(0, 1),
      known,
    );
    expect(outcomes[0]?.tokensIn).toBe(2 * (single.outcomes[0]?.tokensIn ?? 0));
    expect(outcomes[0]?.costUsd).toBeCloseTo(2 * (single.outcomes[0]?.costUsd ?? 0), 12);
    expect(outcomes[0]?.stats.requests).toBe(2);
  });

  it('records the measured position bias in the run, near the built-in one', async () => {
    const project = judgeProject(true, { confidence: 'logprobs' });
    const store = new MemoryStore();
    await store.upsertItems(items);
    const model = createScriptedModel({
      respond: biasedJudge({ pairs: known, firstBias: FIRST_BIAS, tie: TIE }),
    });
    const labeller = createLlmBatchLabeller({
      model,
      project,
      settings: project.labeller.llm,
      demos: [],
    });
    const report = await labelItems({ store, labeller, clock });
    // With logprobs the shift is exact: each order moves FIRST_BIAS·(1 − tie) towards the first.
    expect(report.positionBias?.items).toBe(200);
    expect((2 * (report.positionBias?.positionShift ?? 0)) / (1 - TIE)).toBeCloseTo(FIRST_BIAS, 9);
    expect(report.positionBias?.flipRate).toBeGreaterThan(0.1);
    const run = await store.getRun(report.runId);
    expect(run?.kind === 'label' && run.config.kind === 'llm' && run.config.positionBias).toEqual(
      report.positionBias,
    );
    const decisions = await store.listDecisions({});
    expect(decisions.every((d) => d.label === truth.get(d.itemId))).toBe(true);
  });

  it('measures first-position wins of sampled verdicts within sampling error', async () => {
    const many = pairs(400);
    const project = judgeProject(true, {
      confidence: 'self-consistency',
      samples: 1,
      temperature: 1,
    });
    const store = new MemoryStore();
    await store.upsertItems(many.items);
    const model = createScriptedModel({
      respond: biasedJudge({ pairs: many.known, firstBias: FIRST_BIAS, tie: TIE }),
    });
    const labeller = createLlmBatchLabeller({
      model,
      project,
      settings: project.labeller.llm,
      demos: [],
    });
    const report = await labelItems({ store, labeller, clock });
    // A sampled verdict picks the first response with P = bias + (1 − bias)·P(it is better),
    // 0.5 + bias/2 on average over both orders; 800 verdicts give a standard error near 0.017.
    const expected = 0.5 + FIRST_BIAS / 2;
    expect(Math.abs((report.positionBias?.firstPositionWinRate ?? 0) - expected)).toBeLessThan(
      0.06,
    );
  });

  it('judges a project without ties over a and b alone', async () => {
    const base = judgeProject(true, { confidence: 'logprobs' });
    const project = { ...base, labels: base.labels.filter((l) => l.name !== 'tie') };
    const { outcomes, calls } = await verdicts(project, items.slice(0, 20), known);
    expect(calls[0]?.messages[0]?.content).not.toContain('C: tie');
    for (const o of outcomes) {
      expect(Object.keys(o.probabilities ?? {}).sort()).toEqual(['a', 'b']);
      expect(o.label).toBe(truth.get(o.itemId));
    }
  });

  it('estimates two requests per item when it swaps', async () => {
    const store = new MemoryStore();
    await store.upsertItems(items.slice(0, 10));
    const estimate = async (swap: boolean) => {
      const project = judgeProject(swap);
      return estimateLabelCost({
        store,
        project,
        settings: project.labeller.llm,
        demos: [],
        roles: ['pool'],
        price: { inputPerMTok: 1, outputPerMTok: 4 },
      });
    };
    const once = await estimate(false);
    const twice = await estimate(true);
    expect(twice.requestsPerItem).toBe(2);
    expect(twice.tokensIn).toBeCloseTo(2 * once.tokensIn, -1);
    expect(twice.tokensOut).toBe(2 * once.tokensOut);
    expect(twice.costUsd ?? 0).toBeCloseTo(2 * (once.costUsd ?? 0), 4);
    expect(twice.basis).toContain('both orders');
  });

  it('refuses a stated confidence per label, which is for multi-label only', async () => {
    const project = judgeProject(true, { confidence: 'verbalized' });
    const model = createScriptedModel();
    await expect(
      labelItemWithLlm({
        model,
        project,
        item: items[0] as Item,
        demos: [],
        settings: project.labeller.llm,
      }),
    ).rejects.toThrow(
      'labeller.llm.confidence verbalized applies to kind multilabel only; a pairwise project',
    );
  });
});
