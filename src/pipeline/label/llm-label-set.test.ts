import { describe, expect, it } from 'vitest';
import { buildLabelPrompt } from '../../core/prompt/build-prompt.js';
import type { LlmLabellerConfig, ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { decideItem, taskShapeOf } from '../../core/task-kind/index.js';
import type { Item } from '../../core/types.js';
import { item as anItem, project as aProject } from '../../testing/builders/index.js';
import { fakeAnswer, fakeToken } from '../../testing/fakes/fake-replies.js';
import { labelSetJudge } from '../../testing/fakes/label-set-judge.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { createScriptedModel } from '../../testing/fakes/scripted-model.js';
import { labelItems } from './label-items.js';
import { createLlmBatchLabeller } from './llm-batch-labeller.js';
import { labelItemWithLlm } from './llm-labeller.js';

const LABELS = ['toxic', 'obscene', 'insult'];
const clock = { now: () => Date.UTC(2026, 11, 7) };

function setProject(
  llm: Partial<LlmLabellerConfig> = {},
  measure: 'exact' | 'per-label' = 'exact',
): ProjectConfig {
  const base = aProject({ name: 'toxicity', kind: 'multilabel', labels: LABELS });
  return {
    ...base,
    multilabel: { ...base.multilabel, measure },
    labeller: { ...base.labeller, llm: { ...base.labeller.llm, ...llm } },
  };
}

const known = new Map<string, readonly number[]>([
  ['you idiot', [0.9, 0.15, 0.8]],
  ['nice day', [0.05, 0.02, 0.1]],
]);
const idiot = anItem('t1', { fields: { text: 'you idiot' } });

async function label(
  project: ProjectConfig,
  item: Item = idiot,
  respond = labelSetJudge({ labels: LABELS, items: known }),
) {
  const model = createScriptedModel({ respond });
  const outcome = await labelItemWithLlm({
    model,
    project,
    item,
    demos: [],
    settings: project.labeller.llm,
  });
  return { outcome, calls: model.calls };
}

describe('the LLM labeller on a multi-label project', () => {
  it('reads one yes-probability per label from the logprobs of a yes/no JSON answer', async () => {
    const project = setProject({ confidence: 'logprobs' });
    const { outcome, calls } = await label(project);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.messages[0]?.content).toContain('"yes" or "no" as its value');
    expect(outcome.method).toBe('logprobs');
    for (const [l, p] of [0.9, 0.15, 0.8].entries()) {
      expect(outcome.probabilities?.[LABELS[l] as string]).toBeCloseTo(p, 6);
    }
    expect(outcome.label).toBe('toxic|insult');
    expect(outcome.confidence).toBeCloseTo(0.9 * 0.85 * 0.8, 6);
    const perLabel = await label(setProject({ confidence: 'logprobs' }, 'per-label'));
    expect(perLabel.outcome.confidence).toBeCloseTo((0.9 + 0.85 + 0.8) / 3, 6);
  });

  it('counts each label in samples, smoothed', async () => {
    const project = setProject({ confidence: 'self-consistency', samples: 40, temperature: 1 });
    const { outcome, calls } = await label(project);
    expect(calls[0]?.n).toBe(40);
    expect(outcome.method).toBe('self-consistency');
    const p = outcome.probabilities ?? {};
    expect(p.toxic).toBeGreaterThan(0.75);
    expect(p.obscene).toBeLessThan(0.35);
    expect(p.insult).toBeGreaterThan(0.6);
    expect(Object.values(p).every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('takes stated probabilities with confidence: verbalized', async () => {
    const { outcome, calls } = await label(setProject({ confidence: 'verbalized' }));
    expect(calls[0]?.messages[0]?.content).toContain('the probability (a number from 0 to 1)');
    expect(outcome).toMatchObject({
      method: 'verbalized',
      label: 'toxic|insult',
      probabilities: { toxic: 0.9, obscene: 0.15, insult: 0.8 },
    });
  });

  it('falls back to samples under auto when no yes/no is among the logprobs', async () => {
    const respond = labelSetJudge({ labels: LABELS, items: known });
    let asked = 0;
    const { outcome } = await label(
      setProject({ confidence: 'auto', samples: 5 }),
      idiot,
      (body, i) => {
        asked++;
        // One token for the whole object: no value token of its own to read.
        const text = '{"toxic": "yes", "obscene": "no", "insult": "yes"}';
        if (i === 0) return fakeAnswer([{ text, tokens: [fakeToken(text)] }]);
        return respond(body, i);
      },
    );
    expect(asked).toBe(2);
    expect(outcome.method).toBe('self-consistency');
    expect(outcome.stats.fallback).toBe('no yes or no among the top logprobs of every label');
  });

  it('repairs an answer that leaves out labels, then abstains when it cannot read the repair', async () => {
    const project = setProject({ confidence: 'verbalized' });
    const replies = ['{"toxic": 0.8}', '{"toxic": 0.8, "obscene": 0.1, "insult": 0.3, "spam": 1}'];
    const repaired = await label(project, idiot, (_body, i) => fakeAnswer(replies[i] ?? ''));
    expect(repaired.calls).toHaveLength(2);
    expect(repaired.calls[1]?.messages.at(-1)?.content).toBe(
      'That answer could not be read (the answer leaves out obscene, insult). Reply with only the JSON object, with each of these labels as a key: toxic, obscene, insult.',
    );
    expect(repaired.outcome).toMatchObject({ label: 'toxic', stats: { repaired: true } });
    const failed = await label(project, idiot, () => fakeAnswer('toxic, I think'));
    expect(failed.outcome).toMatchObject({
      label: null,
      probabilities: null,
      abstainReason:
        'invalid answer: no JSON object or list in the answer; after repair: no JSON object or list in the answer',
    });
  });

  it('refuses askVerbalized, which states one confidence per answer', async () => {
    await expect(label(setProject({ askVerbalized: true }))).rejects.toThrow(
      'labeller.llm.askVerbalized (one confidence per answer) does not apply to kind multilabel',
    );
  });

  it('shows a demo’s gold set as the JSON answer', () => {
    const project = setProject();
    const demo = anItem('g1', {
      fields: { text: 'filthy insult' },
      role: 'gold',
      goldLabel: 'insult|obscene',
    });
    const empty = anItem('g2', { fields: { text: 'fine' }, role: 'gold', goldLabel: '' });
    const prompt = buildLabelPrompt({
      project,
      item: idiot,
      demos: [demo, empty],
      mode: { chainOfThought: false, askVerbalized: false, setAnswer: 'yes-no' },
    });
    expect(prompt.messages.map((m) => m.content).slice(1, 5)).toEqual([
      'text: filthy insult',
      '{"toxic": "no", "obscene": "yes", "insult": "yes"}',
      'text: fine',
      '{"toxic": "no", "obscene": "no", "insult": "no"}',
    ]);
  });

  it('stores the set code and its probability as the machine decision, calibrated on the double', async () => {
    const rng = createRng(7);
    const items: Item[] = [];
    const truth = new Map<string, number[]>();
    const table = new Map<string, readonly number[]>();
    for (let i = 0; i < 300; i++) {
      const p = LABELS.map(() => rng.next());
      table.set(`text ${i}`, p);
      truth.set(
        `m${i}`,
        p.map((q) => (rng.next() < q ? 1 : 0)),
      );
      items.push(anItem(`m${i}`, { fields: { text: `text ${i}` } }));
    }
    const project = setProject({ confidence: 'logprobs' });
    const store = new MemoryStore();
    await store.upsertItems(items);
    const model = createScriptedModel({ respond: labelSetJudge({ labels: LABELS, items: table }) });
    const labeller = createLlmBatchLabeller({
      model,
      project,
      settings: project.labeller.llm,
      demos: [],
    });
    await labelItems({ store, labeller, clock });
    const decisions = await store.listDecisions({});
    expect(decisions).toHaveLength(300);
    const shape = taskShapeOf(project);
    let predicted = 0;
    let observed = 0;
    let brier = 0;
    for (const d of decisions) {
      const row = Float64Array.from(LABELS.map((l) => d.probabilities?.[l] ?? NaN));
      expect(d.label).toBe(decideItem(shape, row).label);
      expect(d.confidence).toBeCloseTo(decideItem(shape, row).confidence, 9);
      const t = truth.get(d.itemId) ?? [];
      row.forEach((q, l) => {
        predicted += q;
        observed += t[l] ?? 0;
        brier += (q - (t[l] ?? 0)) ** 2;
      });
    }
    // The probabilities are the double's own: their mean matches the rate labels apply, and
    // their Brier score beats a constant 0.5 (0.25) by far.
    expect(Math.abs(predicted - observed) / 900).toBeLessThan(0.04);
    expect(brier / 900).toBeLessThan(0.2);
  });
});
