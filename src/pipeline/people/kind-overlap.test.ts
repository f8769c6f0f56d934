import { describe, expect, it } from 'vitest';
import type { MachineCheckSettings } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { answerProbabilities } from '../../core/people-kinds/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { item, queueEntry, vote } from '../../testing/builders/index.js';
import {
  kindWorld,
  multilabelProject,
  ratingProject,
  type KindWorld,
} from '../../testing/people/kind-world.js';
import { adjustOverlap } from './adjust-overlap.js';
import { annotatorQuality } from './annotator-quality.js';
import { createCrowdModel } from './crowd-model.js';
import { createLabelSetModel } from './label-set-model.js';
import { readLabelSetCrowd } from './label-set-snapshot.js';
import { liveAggregate } from './live-aggregate.js';
import { machineChecks } from './machine-checks.js';
import { outvotedSets } from './set-disputes.js';

const LABELS = ['toxic', 'obscene', 'insult', 'threat'];
const PREVALENCE = [0.4, 0.2, 0.25, 0.05];

/** 80 answered items: good1–good4 right on 95% of label decisions, rand1–rand2 at random. */
async function setHistory(w: KindWorld): Promise<void> {
  const rng = createRng(11);
  const shape = taskShapeOf(w.project);
  const items = Array.from({ length: 80 }, (_, i) => item(`h${i}`));
  await w.store.upsertItems(items);
  const votes = [];
  for (const { id } of items) {
    const truth = LABELS.map((_, l) => rng.next() < (PREVALENCE[l] as number));
    for (const who of ['good1', 'good2', 'good3', 'good4', 'rand1', 'rand2']) {
      const said = truth.map((t) =>
        who.startsWith('good') ? (rng.next() < 0.95 ? t : !t) : rng.next() < 0.5,
      );
      const code = LABELS.filter((_, l) => said[l]).join('|');
      votes.push(
        vote(id, `human:${who}`, { label: code, probabilities: answerProbabilities(shape, code) }),
      );
    }
  }
  await w.store.addVotes(votes);
  for (const who of ['good1', 'good2', 'good3', 'good4', 'rand1', 'rand2']) await w.person(who);
}

async function overlapTask(w: KindWorld, id: string): Promise<void> {
  await w.store.upsertItems([item(id)]);
  await w.store.people.upsertQueue([queueEntry(id, { zone: 'overlap', overlap: 2 })]);
}

async function answer(w: KindWorld, id: string, who: string, label: string) {
  const shape = taskShapeOf(w.project);
  await w.store.addVotes([
    vote(id, `human:${who}`, { label, probabilities: answerProbabilities(shape, label) }),
  ]);
}

describe('dynamic overlap and live decisions on sets', () => {
  it('learns who answers sets well: the random answerers get no better than chance', async () => {
    const w = await kindWorld(multilabelProject());
    await setHistory(w);
    const crowd = await readLabelSetCrowd({ store: w.store, labels: LABELS });
    const rates = (who: string) => crowd.fit.rates[crowd.index.get(`human:${who}`) ?? -1];
    expect(rates('good1')?.sensitivity).toBeGreaterThan(0.85);
    expect(rates('good1')?.specificity).toBeGreaterThan(0.9);
    const rand = rates('rand1');
    expect((rand?.sensitivity ?? 1) + (rand?.specificity ?? 1)).toBeLessThan(1.25);
  });

  it('settles when two reliable people give one set, asks more when they differ', async () => {
    const w = await kindWorld(multilabelProject());
    await setHistory(w);
    const ctx = { ...w, labelSets: createLabelSetModel({ store: w.store, labels: LABELS }) };
    await overlapTask(w, 'agree');
    await answer(w, 'agree', 'good1', 'toxic|insult');
    expect(await adjustOverlap(ctx, 'agree')).toBe('waiting');
    await answer(w, 'agree', 'good2', 'toxic|insult');
    expect(await adjustOverlap(ctx, 'agree')).toBe('settled');
    const decision = await liveAggregate(ctx, 'agree');
    expect(decision?.label).toBe('toxic|insult');
    // The exact set's probability, the product of each label's decision being right.
    const p = decision?.probabilities ?? {};
    const exact = (p.toxic ?? 0) * (1 - (p.obscene ?? 1)) * (p.insult ?? 0) * (1 - (p.threat ?? 1));
    expect(decision?.confidence).toBeCloseTo(exact, 12);
    expect(decision?.confidence).toBeGreaterThan(0.9);
    expect(Object.keys(p)).toEqual(LABELS);

    await overlapTask(w, 'differ');
    await answer(w, 'differ', 'good1', 'toxic|insult');
    await answer(w, 'differ', 'good2', 'toxic');
    expect(await adjustOverlap(ctx, 'differ')).toBe('raised');
    expect((await w.store.people.getQueueEntry('differ'))?.overlap).toBe(3);
  });

  it('asks more of random answerers even when they agree', async () => {
    const w = await kindWorld(multilabelProject());
    await setHistory(w);
    await overlapTask(w, 'noise');
    await answer(w, 'noise', 'rand1', 'toxic|insult');
    await answer(w, 'noise', 'rand2', 'toxic|insult');
    // No served model: the step fits the project's votes on the spot.
    expect(await adjustOverlap(w, 'noise')).toBe('raised');
  });

  it('is judged per label with multilabel.measure: per-label', async () => {
    const w = await kindWorld(
      multilabelProject({ multilabel: { minLabels: 0, maxLabels: null, measure: 'per-label' } }),
    );
    await setHistory(w);
    const ctx = { ...w, labelSets: createLabelSetModel({ store: w.store, labels: LABELS }) };
    await overlapTask(w, 'one-off');
    await answer(w, 'one-off', 'good1', 'toxic|insult');
    await answer(w, 'one-off', 'good2', 'toxic');
    // Three of four label decisions are sure: the expected share right passes 0.9.
    expect(await adjustOverlap(ctx, 'one-off')).toBe('settled');
  });
});

describe('the majority check on sets', () => {
  const settings: MachineCheckSettings = {
    disputeBelow: 0,
    disputeConfidence: 0.9,
    majorityAbove: 0.95,
    majorityOthers: 2,
    pastedShare: 0,
    pastedMinAnswers: 10,
    readingCharsPerSecond: 50,
  };

  it('finds the person whose set leaves out a label the others agree on', async () => {
    const w = await kindWorld(multilabelProject());
    await setHistory(w);
    await overlapTask(w, 't');
    await answer(w, 't', 'good1', 'toxic|insult');
    await answer(w, 't', 'good2', 'toxic|insult');
    await answer(w, 't', 'good3', 'toxic');
    const crowd = await readLabelSetCrowd({ store: w.store, labels: LABELS });
    const votes = await w.store.listVotes({ itemIds: ['t'] });
    const found = outvotedSets(crowd, votes, new Set(), settings);
    expect(found.map((f) => f.source)).toEqual(['human:good3']);
    expect(found[0]?.reason).toMatch(
      /^disagrees with majority: 2 others say "insult" applies at 9\d\.\d%$/,
    );
    const flags = await machineChecks(
      { ...w, project: { ...w.project, people: { ...w.project.people, machineChecks: settings } } },
      'good3',
      't',
    );
    expect(flags.map((f) => [f.annotatorId, f.kind])).toEqual([['good3', 'outvoted']]);
    expect((await w.store.people.getQueueEntry('t'))?.reviewReason).toBe(found[0]?.reason);
  });
});

describe('dynamic overlap on a rating scale', () => {
  async function twoAdjacent(measure: 'exact' | 'within-k') {
    const w = await kindWorld(ratingProject({ rating: { measure, withinK: 1 } }));
    const ctx = {
      ...w,
      crowd: createCrowdModel({ store: w.store, labels: ['1', '2', '3', '4', '5'] }),
    };
    await w.person('ann');
    await w.person('bob');
    await overlapTask(w, 'r');
    await answer(w, 'r', 'ann', '3');
    await answer(w, 'r', 'bob', '4');
    return { ctx, w };
  }

  it('settles two neighbouring levels within ±1, asks more for the exact level', async () => {
    const within = await twoAdjacent('within-k');
    expect(await adjustOverlap(within.ctx, 'r')).toBe('settled');
    const decision = await liveAggregate(within.ctx, 'r');
    expect(['3', '4']).toContain(decision?.label);
    const p = decision?.probabilities ?? {};
    const window = ['2', '3', '4', '5'].filter(
      (l) => Math.abs(Number(l) - Number(decision?.label)) <= 1,
    );
    expect(decision?.confidence).toBeCloseTo(
      window.reduce((s, l) => s + (p[l] ?? 0), 0),
      12,
    );
    const exact = await twoAdjacent('exact');
    expect(await adjustOverlap(exact.ctx, 'r')).toBe('raised');
  });
});

describe('createLabelSetModel', () => {
  it('serves one fit and refits in the background once the answers doubled', async () => {
    const w = await kindWorld(multilabelProject());
    await setHistory(w);
    const model = createLabelSetModel({ store: w.store, labels: LABELS, pause: async () => {} });
    const first = await model.current();
    expect(first.votes).toBe(480);
    expect(await model.current()).toBe(first);
    await overlapTask(w, 'new');
    await answer(w, 'new', 'good1', 'toxic');
    model.noteAnswers(479);
    await model.idle();
    expect(await model.current()).toBe(first);
    model.noteAnswers(1);
    await model.idle();
    const second = await model.current();
    expect(second).not.toBe(first);
    expect(second.votes).toBe(481);
  });
});

describe('people’s quality in a multi-label project', () => {
  it('shows each person’s sensitivity and specificity as a two-way table', async () => {
    const w = await kindWorld(multilabelProject());
    await setHistory(w);
    const report = await annotatorQuality(w);
    const of = (id: string) => report.annotators.find((a) => a.id === id);
    expect(of('good1')?.estimatedAccuracy).toBeGreaterThan(0.9);
    expect(of('rand1')?.estimatedAccuracy).toBeLessThan(0.65);
    expect(Object.keys(of('good1')?.confusion ?? {})).toEqual(['applies', 'does not apply']);
    expect(of('good1')?.confusion?.['applies']?.['applies']).toBeGreaterThan(0.85);
    expect(report.votes).toBe(480);
  });
});
