import { describe, expect, it } from 'vitest';
import type { Progress } from '../../core/ports/index.js';
import { createRng } from '../../core/rng.js';
import type { Decision, Item, NewVote } from '../../core/types.js';
import {
  annotator,
  answer,
  decision,
  item,
  project as aProject,
  queueEntry,
} from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { findSuspects } from './find-suspects.js';
import { queueSuspects, suspectReason } from './queue-suspects.js';

const SPAM = ['win', 'prize', 'free', 'cash', 'claim', 'offer'];
const HAM = ['meeting', 'lunch', 'tomorrow', 'report', 'call', 'family'];
const project = aProject({ labeller: { local: { features: 1 << 12, epochs: 8 } } });

/** 120 pool items with aggregated labels, 6 of them wrong; plus trusted and left-out items. */
async function setup() {
  const store = new MemoryStore();
  const rng = createRng(4);
  const text = (words: string[]) =>
    Array.from({ length: 6 }, () => words[rng.int(words.length)]).join(' ');
  const items: Item[] = [];
  const decisions: Decision[] = [];
  const votes: NewVote[] = [];
  const wrong = new Set(['p003', 'p018', 'p041', 'p066', 'p077', 'p100']);
  for (let i = 0; i < 120; i++) {
    const id = `p${String(i).padStart(3, '0')}`;
    const truth = i % 2 === 0 ? 'spam' : 'ham';
    const given = wrong.has(id) ? (truth === 'spam' ? 'ham' : 'spam') : truth;
    items.push(item(id, { fields: { text: text(truth === 'spam' ? SPAM : HAM) } }));
    decisions.push(decision(id, { label: given, decidedBy: 'aggregated', source: 'dawid-skene' }));
    votes.push(answer(id, 'ann1', given), answer(id, 'ann2', given));
  }
  // A reviewer settled this one (wrongly, say): it teaches the model but is never listed.
  items.push(item('r1', { fields: { text: text(SPAM) } }));
  decisions.push(decision('r1', { label: 'ham', decidedBy: 'reviewer', source: 'human:rev' }));
  // A first-pass machine label is not final; a test item only measures.
  items.push(item('m1', { fields: { text: text(SPAM) } }));
  decisions.push(decision('m1', { label: 'ham', decidedBy: 'machine', source: 'model:local@1' }));
  items.push(item('t1', { fields: { text: text(SPAM) }, role: 'test', goldLabel: 'ham' }));
  items.push(item('g1', { fields: { text: text(HAM) }, role: 'gold', goldLabel: 'ham' }));
  await store.upsertItems(items);
  await store.putDecisions(decisions);
  await store.addVotes(votes);
  await store.people.createAnnotator(annotator('ann1', { name: 'Ada' }), 'h1');
  await store.people.createAnnotator(annotator('ann2', { name: 'Bo' }), 'h2');
  return { store, wrong };
}

function recordingProgress(): Progress & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    start: (label, total) => events.push(`start ${label} ${total}`),
    update: (done) => events.push(`update ${done}`),
    finish: () => events.push('finish'),
  };
}

describe('findSuspects', () => {
  it('finds the wrong final labels, with the votes behind them and who gave them', async () => {
    const { store, wrong } = await setup();
    const progress = recordingProgress();
    const report = await findSuspects({
      store,
      project,
      top: 10,
      people: store.people,
      progress,
    });
    expect(report.checked).toBe(122); // 120 pool + reviewer + gold; not the machine or test item
    expect(report.trusted).toBe(2);
    const found = report.suspects.filter((s) => wrong.has(s.itemId)).length;
    expect(found).toBeGreaterThanOrEqual(5);
    expect(report.suspects.length - found).toBeLessThanOrEqual(1);
    const first = report.suspects[0];
    expect(first?.suggested).not.toBe(first?.given);
    expect(first?.selfConfidence).toBeLessThan(0.5);
    expect(first?.decidedBy).toBe('aggregated');
    expect(first?.votes.map((v) => v.who).sort()).toEqual(['Ada', 'Bo']);
    expect(first?.votes[0]).toMatchObject({ label: first?.given, probability: 1 });
    expect(report.suspects.map((s) => s.selfConfidence)).toEqual(
      [...report.suspects.map((s) => s.selfConfidence)].sort((a, b) => a - b),
    );
    expect(report.thresholds.spam).toBeGreaterThan(0.5);
    expect(report.estimatedErrors).toBeGreaterThan(3);
    expect(progress.events).toEqual([
      'start folds 5',
      'update 1',
      'update 2',
      'update 3',
      'update 4',
      'update 5',
      'finish',
    ]);
  });

  it('never lists a reviewer’s or an expert label', async () => {
    const { store } = await setup();
    const report = await findSuspects({ store, project, top: 100 });
    const listed = report.suspects.map((s) => s.itemId);
    expect(listed).not.toContain('r1');
    expect(listed).not.toContain('g1');
    expect(listed).not.toContain('m1');
    expect(report.flagged).toBe(report.suspects.length);
  });

  it('refuses a project without enough final labels', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a'), item('b')]);
    await store.putDecisions([decision('a', { decidedBy: 'machine' })]);
    await expect(findSuspects({ store, project })).rejects.toThrow(
      'label-error detection needs final labels on at least 5 items and two labels; found 0 items',
    );
  });
});

describe('queueSuspects', () => {
  it('sends suspects to review with the model’s view as the reason, keeping other reasons', async () => {
    const { store } = await setup();
    const report = await findSuspects({ store, project, top: 4 });
    const [a, b, c] = report.suspects;
    if (!a || !b || !c) throw new Error('expected 3 suspects at least');
    await store.people.upsertQueue([
      queueEntry(b.itemId, { overlap: 2 }),
      queueEntry(c.itemId, { reviewReason: 'votes disagree' }),
    ]);
    const result = await queueSuspects(store.people, report.suspects);
    expect(result).toEqual({ queued: 3, alreadyUnderReview: 1 });
    const review = await store.people.listQueue({ underReview: true });
    const reasons = new Map(review.map((e) => [e.itemId, e.reviewReason]));
    expect(reasons.get(a.itemId)).toBe(suspectReason(a));
    expect(reasons.get(a.itemId)).toBe(
      `suspect label: given ${a.given}, model says ${a.suggested} (p=${a.suggestedProbability.toFixed(2)})`,
    );
    expect(reasons.get(c.itemId)).toBe('votes disagree');
    const fresh = await store.people.getQueueEntry(a.itemId);
    expect(fresh?.overlap).toBe(0); // nobody is asked again: a reviewer settles it
    expect((await store.people.getQueueEntry(b.itemId))?.overlap).toBe(2);
  });
});
