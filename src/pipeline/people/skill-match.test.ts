import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { createRng, type Rng } from '../../core/rng.js';
import {
  annotator,
  decision,
  item,
  knownCrowd,
  project as aProject,
} from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { buildQueue } from './build-queue.js';
import { nextItem } from './next-item.js';
import type { PeopleContext } from './people-context.js';
import { skilledLabels } from './skill-match.js';
import { submitAnswer } from './submit-answer.js';

const LABELS = ['x', 'y'];
/** P(says l | is k), rows by truth: each person is an expert on one label. */
const EXPERTS = {
  'human:px': [
    [0.95, 0.05],
    [0.4, 0.6],
  ],
  'human:py': [
    [0.6, 0.4],
    [0.05, 0.95],
  ],
};

interface Outcome {
  /** Items in the order they were leased. */
  readonly leased: readonly string[];
  /** Share of answers that match the truth. */
  readonly accuracy: number;
  /** Share of each person's items whose true label is the one they are expert on. */
  readonly ownLabel: { readonly px: number; readonly py: number };
}

/**
 * Two experts take turns on `n` human-zone items (overlap 1) whose machine label is right
 * `machineAccuracy` of the time, each answering through their known confusion matrix.
 */
async function simulate(options: {
  readonly strength: number;
  readonly crowd: boolean;
  readonly n?: number;
  readonly machineAccuracy?: number;
  readonly seed?: number;
}): Promise<Outcome> {
  const n = options.n ?? 200;
  const rng = createRng(options.seed ?? 7);
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore();
  const truth = new Map<string, number>();
  const ids = Array.from({ length: n }, (_, i) => `i${String(i).padStart(4, '0')}`);
  await store.upsertItems(ids.map((id) => item(id, { fields: { text: 'short' } })));
  await store.putDecisions(
    ids.map((id) => {
      const k = rng.int(2);
      truth.set(id, k);
      const predicted = rng.next() < (options.machineAccuracy ?? 0.85) ? k : 1 - k;
      const p = 0.5 + 0.5 * rng.next();
      const label = LABELS[predicted] as string;
      const other = LABELS[1 - predicted] as string;
      return decision(id, { label, probabilities: { [label]: p, [other]: 1 - p }, zone: 'human' });
    }),
  );
  const project = aProject({
    labels: LABELS.map((name) => ({ name, description: '' })),
    people: {
      ...DEFAULT_PEOPLE_CONFIG,
      exam: { size: 0, threshold: 0 },
      controlRate: 0,
      rules: { ...DEFAULT_PEOPLE_CONFIG.rules, fastMs: 0, sameLabelRun: 0, minControls: 0 },
      skillMatching: options.strength,
    },
  });
  const ctx: PeopleContext = {
    store,
    project,
    clock: { now: () => now },
    rng: createRng(1),
    ...(options.crowd ? { crowd: knownCrowd(LABELS, EXPERTS) } : {}),
  };
  await buildQueue(ctx);
  const people = ['px', 'py'] as const;
  for (const id of people) await store.people.createAnnotator(annotator(id), `h-${id}`);
  const leased: string[] = [];
  const own = { px: [0, 0], py: [0, 0] };
  let right = 0;
  for (let turn = 0, idle = 0; idle < people.length; turn++) {
    const who = people[turn % people.length] as 'px' | 'py';
    const served = await nextItem(ctx, annotator(who));
    if (served === undefined) {
      idle++;
      continue;
    }
    idle = 0;
    leased.push(served.itemId);
    const k = truth.get(served.itemId) as number;
    const said = sample(EXPERTS[`human:${who}`][k] as number[], rng);
    if (said === k) right++;
    own[who][0]! += k === (who === 'px' ? 0 : 1) ? 1 : 0;
    own[who][1]! += 1;
    now += 5000;
    await submitAnswer(ctx, annotator(who), {
      itemId: served.itemId,
      label: LABELS[said] as string,
      timeSpentMs: 5000,
    });
  }
  return {
    leased,
    accuracy: right / leased.length,
    ownLabel: { px: own.px[0]! / own.px[1]!, py: own.py[0]! / own.py[1]! },
  };
}

function sample(row: readonly number[], rng: Rng): number {
  let draw = rng.next();
  for (let k = 0; k < row.length; k++) {
    draw -= row[k] as number;
    if (draw < 0) return k;
  }
  return row.length - 1;
}

describe('skill matching', () => {
  it('prefers the labels a person is better at than the crowd, best first', () => {
    const crowd = knownCrowd(['x', 'y', 'z'], {
      'human:p': [
        [0.9, 0.05, 0.05],
        [0.1, 0.7, 0.2],
        [0.02, 0.03, 0.95],
      ],
    });
    return crowd.current().then((snapshot) => {
      expect(skilledLabels(snapshot, 'human:p')).toEqual(['z', 'x']);
      expect(skilledLabels(snapshot, 'human:stranger')).toEqual([]);
    });
  });

  it('at strength 0 leases in the queue order, as without skill matching', async () => {
    const off = await simulate({ strength: 0, crowd: true, n: 60 });
    const without = await simulate({ strength: 1, crowd: false, n: 60 });
    expect(off.leased).toHaveLength(60);
    expect(off.leased).toEqual(without.leased);
  });

  it('at strength 1 sends each expert mostly items of their label, and answers get better', async () => {
    const off = await simulate({ strength: 0, crowd: true, n: 400, seed: 1 });
    const on = await simulate({ strength: 1, crowd: true, n: 400, seed: 1 });
    // Without matching each gets about half of each label: (95% + 60%) / 2 ≈ 78% right.
    expect(off.ownLabel.px).toBeGreaterThan(0.3);
    expect(off.ownLabel.px).toBeLessThan(0.7);
    expect(off.accuracy).toBeLessThan(0.82);
    expect(on.ownLabel.px).toBeGreaterThan(0.8);
    expect(on.ownLabel.py).toBeGreaterThan(0.8);
    // Matched, items of their label (85% of the machine's labels are right) come to them:
    // about 0.85 × 95% + 0.15 × 60% ≈ 90% right.
    expect(on.accuracy).toBeGreaterThan(0.85);
    expect(on.accuracy - off.accuracy).toBeGreaterThan(0.08);
  });
});
