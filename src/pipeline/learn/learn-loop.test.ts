import { describe, expect, it } from 'vitest';
import { deserializeLocalClassifier } from '../../core/local-model/local-classifier.js';
import type { ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import {
  humanVote,
  loopProject,
  loopStore,
  routedDecision,
  WAITING,
} from '../../testing/fixtures/learn-loop-fixture.js';
import { runLearnLoop, type LearnLoopRound } from './learn-loop.js';
import { learnRound } from './learn-loop-round.js';
import { annotator } from '../../testing/builders/index.js';
import { runTournament } from './tournament.js';
import type { MemoryStore } from '../../testing/fakes/memory-store.js';

const clock = { now: () => Date.UTC(2026, 0, 1) };

async function order(store: MemoryStore): Promise<string[]> {
  return (await store.people.listQueue({ kind: 'task' })).map((e) => e.itemId);
}

describe('runLearnLoop', () => {
  it('retrains when enough answers arrived, and the queue then leads with the most uncertain item', async () => {
    const store = await loopStore();
    await store.putDecisions([routedDecision(WAITING.sureFruit, 'human')]);
    const rounds: LearnLoopRound[] = [];
    let before: string[] = [];
    let waits = 0;
    const wait = async (ms: number): Promise<void> => {
      expect(ms).toBe(30_000);
      waits++;
      // Look 1: one answer, too few. Look 2: five more arrive, six in all.
      if (waits === 1) {
        before = await order(store);
        await store.addVotes([humanVote('a0', 'fruit')]);
      }
      if (waits === 2)
        await store.addVotes([1, 2, 3, 4, 5].map((i) => humanVote(`a${i}`, 'fruit')));
    };
    const report = await runLearnLoop({
      store,
      project: loopProject,
      clock,
      rng: createRng(1),
      folds: 3,
      every: 5,
      intervalMs: 30_000,
      wait,
      shouldStop: () => false,
      maxRounds: 2,
      onRound: (round) => rounds.push(round),
    });
    expect(report).toEqual({ rounds: 2, lastVersion: 2 });
    expect(waits).toBe(2);
    expect(rounds.map((r) => [r.round, r.learn.version, r.learn.trainedOn, r.arrived])).toEqual([
      [1, 1, 40, 0],
      [2, 2, 46, 6],
    ]);
    expect(rounds[1]?.learn.fromVotes).toBe(6);
    expect(rounds[1]?.learn.crossFitAccuracy).toBeGreaterThan(0.9);
    // After the second round the model knows kiwi is a fruit: `kiwi engine` is the closest call.
    const after = await order(store);
    expect(before[0]).not.toBe(WAITING.split);
    expect(before.indexOf(WAITING.unknown)).toBeLessThan(before.indexOf(WAITING.split));
    expect(before.indexOf(WAITING.split)).toBeGreaterThan(6);
    expect(after[0]).toBe(WAITING.split);
    expect(after.indexOf(WAITING.unknown)).toBeGreaterThan(after.indexOf(WAITING.split));
    // The first pass is the local model: the new version labelled the pool, the zone stayed.
    const [decision] = await store.listDecisions({ itemIds: [WAITING.sureFruit] });
    expect(decision).toMatchObject({ source: 'model:local@2', zone: 'human', label: 'fruit' });
  });

  it('orders the queue by the first model right after the training at start', async () => {
    const store = await loopStore();
    const rounds: LearnLoopRound[] = [];
    await runLearnLoop({
      store,
      project: loopProject,
      clock,
      rng: createRng(1),
      folds: 0,
      every: 5,
      intervalMs: 10,
      wait: async () => undefined,
      shouldStop: () => rounds.length > 0,
      onRound: (round) => rounds.push(round),
    });
    expect(rounds).toHaveLength(1);
    const queue = await order(store);
    // The order is the first model's margin, closest call first, and the sure items come last.
    const model = deserializeLocalClassifier((await store.getModel('local', 1))?.payload ?? '');
    const items = await store.listItems({ ids: queue });
    const texts = new Map(items.map((i) => [i.id, String(i.fields.text)]));
    const margin = (id: string): number => {
      const [p] = model.predict([texts.get(id) ?? '']).probabilities;
      const [a = 0, b = 0] = [...(p ?? [])].sort((x, y) => y - x);
      return 1 - (a - b);
    };
    const byMargin = [...queue].sort((x, y) => margin(y) - margin(x) || x.localeCompare(y));
    expect(queue).toEqual(byMargin);
    expect(queue.slice(-2).sort()).toEqual([WAITING.sureFruit, WAITING.sureCars].sort());
  });

  it('waits without training while too few labels arrive, and stops when asked', async () => {
    const store = await loopStore();
    let stop = false;
    let waits = 0;
    const report = await runLearnLoop({
      store,
      project: { ...loopProject, labeller: { ...loopProject.labeller, default: 'llm' } },
      clock,
      rng: createRng(1),
      folds: 0,
      every: 3,
      intervalMs: 10,
      wait: async () => {
        waits++;
        if (waits === 2) await store.addVotes([humanVote('a0', 'fruit'), humanVote('a1', 'fruit')]);
        if (waits === 4) stop = true;
      },
      shouldStop: () => stop,
    });
    expect(report).toEqual({ rounds: 1, lastVersion: 1 });
    expect(waits).toBe(4);
    // Not the first pass: the loop did not label the pool.
    expect(await store.listVotes({ source: 'model:local@1', itemIds: [WAITING.split] })).toEqual(
      [],
    );
  });

  it('keeps waiting when there is nothing to learn from yet', async () => {
    const store = await loopStore();
    await store.upsertItems(
      (await store.listItems({ role: 'gold' })).map((i) => ({ ...i, role: 'pool' as const })),
    );
    const warnings: string[] = [];
    let waits = 0;
    const report = await runLearnLoop({
      store,
      project: loopProject,
      clock,
      rng: createRng(1),
      every: 1,
      intervalMs: 10,
      logger: { info: () => undefined, warn: (m) => warnings.push(m) },
      wait: async () => void waits++,
      shouldStop: () => waits >= 2,
    });
    expect(report).toEqual({ rounds: 0, lastVersion: null });
    expect(warnings[0]).toMatch(/not trained yet: the local model needs labelled items/);
  });
});

describe('learnRound', () => {
  it('stores versions whose gold scores the tournament compares', async () => {
    const store = await loopStore();
    const mlp: ProjectConfig = {
      ...loopProject,
      labeller: {
        ...loopProject.labeller,
        local: {
          ...loopProject.labeller.local,
          classifier: 'mlp',
          mlp: { hidden: 8, learningRate: 0.1, dropout: 0 },
        },
      },
    };
    const first = await learnRound({ store, project: loopProject, clock, rng: createRng(1) });
    const second = await learnRound({ store, project: mlp, clock, rng: createRng(1) });
    expect(first.relabelled).toBeNull();
    expect(first.rescore).toEqual({ strategy: 'margin', rescored: 10, settled: 0 });
    expect(first.learn.heldOut).toMatchObject({ items: 3 });
    expect(first.learn.heldOut?.accuracy).toBeCloseTo(2 / 3, 10);
    const stored = await store.getModel('local', 2);
    expect(stored?.metrics).toMatchObject({
      classifier: 'mlp',
      crossFitAccuracy: second.learn.crossFitAccuracy,
      heldOut: second.learn.heldOut,
    });
    expect(deserializeLocalClassifier(stored?.payload ?? '').state.kind).toBe('mlp');
    const tournament = await runTournament({ store, humanCostPerItem: 0.1, minItems: 1 });
    expect(tournament.entries.map((e) => e.source).sort()).toEqual([
      'model:local@1',
      'model:local@2',
    ]);
  });
});

describe('learnRound with discounted people', () => {
  it('learns from answers of people in good standing only', async () => {
    const store = await loopStore();
    await store.people.createAnnotator(annotator('careless'), 'h-careless');
    await store.people.updateAnnotator('careless', { discounted: true });
    await store.addVotes([
      humanVote('a0', 'fruit'),
      humanVote('a1', 'cars', 'careless'),
      humanVote('a2', 'cars', 'careless'),
    ]);
    const round = await learnRound({ store, project: loopProject, clock, rng: createRng(1) });
    // Gold (40) and a0; a1 and a2 were answered only by the discounted person.
    expect(round.learn.fromVotes).toBe(1);
    expect(round.learn.trainedOn).toBe(41);
    await store.people.updateAnnotator('careless', { discounted: false });
    const again = await learnRound({ store, project: loopProject, clock, rng: createRng(1) });
    expect(again.learn.fromVotes).toBe(3);
  });
});
