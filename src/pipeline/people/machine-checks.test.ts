import { describe, expect, it } from 'vitest';
import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import { DEFAULT_PEOPLE_CONFIG, type PeopleConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import {
  annotator,
  item,
  knownCrowd,
  project as aProject,
  queueEntry,
  vote,
} from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { modelDispute } from './answer-disputes.js';
import { calibratorName } from '../calibrate/index.js';
import { machineChecks } from './machine-checks.js';
import { chatbotPattern, pastedBySpeed } from './pasted-answer.js';
import type { PeopleContext } from './people-context.js';
import { submitAnswer } from './submit-answer.js';

const CHECKS = DEFAULT_PEOPLE_CONFIG.machineChecks;
const LABELS = ['a', 'b', 'c'];
const MACHINE = 'model:local@1';

async function setup(
  people: Partial<PeopleConfig> = {},
): Promise<PeopleContext & { tick: (ms: number) => void }> {
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore();
  const project = aProject({
    labels: LABELS.map((name) => ({ name, description: '' })),
    people: {
      ...DEFAULT_PEOPLE_CONFIG,
      exam: { size: 0, threshold: 0 },
      controlRate: 0,
      ...people,
    },
  });
  await store.upsertItems(
    ['x', 'y', ...Array.from({ length: 12 }, (_, i) => `w${i}`)].map((id) =>
      item(id, { fields: { text: 'a short text of forty characters or so.' } }),
    ),
  );
  for (const id of ['p1', 'p2', 'p3', 'p4'])
    await store.people.createAnnotator(annotator(id), `h-${id}`);
  return {
    store,
    project,
    clock: { now: () => now },
    rng: createRng(1),
    tick: (ms) => (now += ms),
  };
}

function model(name: string, payload: string) {
  return { name, payload, metrics: {}, createdAt: '2026-01-01T00:00:00.000Z', trainedOn: 0 };
}

/** Leases `itemId` to the person (the only open task) and answers it after `ms`. */
async function answerAfter(
  ctx: PeopleContext & { tick: (ms: number) => void },
  who: string,
  itemId: string,
  label: string,
  ms: number,
) {
  await ctx.store.people.upsertQueue([queueEntry(itemId, { overlap: 4, zone: 'human' })]);
  const lease = await ctx.store.people.leaseNext({
    annotatorId: who,
    kind: 'task',
    now: new Date(ctx.clock.now()).toISOString(),
    expiresAt: new Date(ctx.clock.now() + 3_600_000).toISOString(),
  });
  expect(lease?.itemId).toBe(itemId);
  ctx.tick(ms);
  return submitAnswer(ctx, annotator(who), { itemId, label, timeSpentMs: ms });
}

describe('machineChecks', () => {
  it('sends an answer the calibrated labeller strongly disputes to review, and counts it', async () => {
    const ctx = await setup();
    await ctx.store.saveModel(model('local', '{}'));
    await ctx.store.saveModel(model(calibratorName(MACHINE), '{"method":"none","K":3}'));
    await ctx.store.addVotes([
      vote('x', MACHINE, { label: 'a', probabilities: { a: 0.97, b: 0.02, c: 0.01 } }),
      vote('y', MACHINE, { label: 'a', probabilities: { a: 0.6, b: 0.3, c: 0.1 } }),
    ]);
    await answerAfter(ctx, 'p1', 'x', 'b', 9000);
    await answerAfter(ctx, 'p1', 'y', 'c', 9000);
    const x = await ctx.store.people.getQueueEntry('x');
    expect(x?.reviewReason).toBe('model disputes: model:local@1 gives "b" 2.0%, "a" 97%');
    // 10% for "c" is no strong dispute.
    expect((await ctx.store.people.getQueueEntry('y'))?.reviewReason).toBeNull();
    expect(await ctx.store.people.answerFlagCounts()).toEqual([
      { annotatorId: 'p1', kind: 'disputed', count: 1 },
    ]);
  });

  it('leaves answers alone without a calibrator for the labeller', async () => {
    const ctx = await setup();
    await ctx.store.saveModel(model('local', '{}'));
    await ctx.store.addVotes([vote('x', MACHINE, { label: 'a', probabilities: { a: 1 } })]);
    await answerAfter(ctx, 'p1', 'x', 'b', 9000);
    expect(await machineChecks(ctx, 'p1', 'x')).toEqual([]);
  });

  it('sends an answer against a confident majority of the others to review, even an earlier one', async () => {
    // Everyone 80% right, errors spread evenly: two others agreeing make a label 97.0% likely,
    // one other only 80%.
    const ctx = { ...(await setup()), crowd: knownCrowd(LABELS, {}) };
    await answerAfter(ctx, 'p1', 'x', 'b', 9000);
    await answerAfter(ctx, 'p2', 'x', 'a', 9000);
    expect(await ctx.store.people.answerFlagCounts()).toEqual([]);
    await answerAfter(ctx, 'p3', 'x', 'a', 9000);
    expect((await ctx.store.people.getQueueEntry('x'))?.reviewReason).toBe(
      'disagrees with majority: 2 others make it "a" at 97.0%, not "b"',
    );
    await answerAfter(ctx, 'p4', 'x', 'a', 9000);
    expect(await ctx.store.people.answerFlagCounts()).toEqual([
      { annotatorId: 'p1', kind: 'outvoted', count: 1 },
    ]);
  });

  it('flags an answer far faster than the person and the reading time, and chatbot text', async () => {
    const ctx = await setup();
    for (let i = 0; i < 10; i++) await answerAfter(ctx, 'p1', `w${i}`, 'a', 8000);
    await answerAfter(ctx, 'p1', 'x', 'a', 500);
    expect(await ctx.store.people.answerFlagCounts()).toEqual([
      { annotatorId: 'p1', kind: 'pasted', count: 1 },
    ]);
    // Flagged only: the item does not go to review.
    expect((await ctx.store.people.getQueueEntry('x'))?.reviewReason).toBeNull();
  });
});

describe('pastedBySpeed', () => {
  const timing = { elapsedMs: 900, othersMs: Array<number>(10).fill(8000), characters: 400 };
  it('needs both: faster than a share of the median and than reading the item', () => {
    expect(pastedBySpeed(timing, CHECKS)).toBe(
      'answered in 0.9 s, under 25% of their median 8.0 s and the 8.0 s it takes to read the item',
    );
    expect(pastedBySpeed({ ...timing, characters: 40 }, CHECKS)).toBeNull();
    expect(pastedBySpeed({ ...timing, elapsedMs: 2500 }, CHECKS)).toBeNull();
    expect(pastedBySpeed({ ...timing, othersMs: [8000] }, CHECKS)).toBeNull();
    expect(pastedBySpeed(timing, { ...CHECKS, pastedShare: 0 })).toBeNull();
  });
});

describe('chatbotPattern', () => {
  it('names the tell-tale signs and passes plain notes', () => {
    expect(chatbotPattern('As an AI language model, I think this is spam.')).toBe(
      'says it is an AI',
    );
    expect(chatbotPattern('Certainly! The message is an advert.')).toBe(
      "a chatbot's opening or closing",
    );
    expect(chatbotPattern('Reasons:\n- it sells pills\n- it has a link')).toBe('a markdown list');
    expect(chatbotPattern("It's important to note that the sender is unknown.")).toBe(
      'typical LLM phrasing',
    );
    expect(chatbotPattern('The **key** point is the link.')).toBe('markdown formatting');
    expect(chatbotPattern('sells pills, link to a shop')).toBeNull();
    expect(chatbotPattern('- only one dash here')).toBeNull();
  });
});

describe('modelDispute', () => {
  const machine = (probabilities: Record<string, number>, method = '{"method":"none","K":3}') => ({
    source: MACHINE,
    vote: { ...vote('x', MACHINE, { probabilities }), id: 1 },
    calibrator: restoreCalibrator(method),
  });
  it('reads the calibrated probability, not the raw one', () => {
    const raw = { a: 0.96, b: 0.03, c: 0.01 };
    expect(modelDispute(machine(raw), 'b', LABELS, CHECKS)).toBe(
      'model disputes: model:local@1 gives "b" 3.0%, "a" 96%',
    );
    // Softened by a temperature of 3 the model is no longer sure enough to dispute.
    const soft = machine(raw, '{"method":"temperature","K":3,"temperature":3}');
    expect(modelDispute(soft, 'b', LABELS, CHECKS)).toBeNull();
    expect(modelDispute(machine(raw), 'a', LABELS, CHECKS)).toBeNull();
    expect(modelDispute(machine(raw), 'b', LABELS, { ...CHECKS, disputeBelow: 0 })).toBeNull();
  });
});
