import { DEFAULT_PEOPLE_CONFIG, type ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import type { NewVote } from '../../core/types.js';
import { MemoryStore } from '../testing/memory-store.js';
import type { PeopleContext } from './people-context.js';
import { annotatorFixture, voteFixture } from './vote-fixture.js';

/** The labels of {@link crowdHistory}. */
export const CROWD_LABELS = ['spam', 'ham'];
/** The machine labeller of {@link crowdHistory}. */
export const CROWD_MACHINE = 'model:local@1';
const project = {
  name: 't',
  kind: 'classify',
  fields: ['text'],
  labels: CROWD_LABELS.map((name) => ({ name, description: '' })),
  guidelines: '',
  prices: { models: {}, humanHourlyUsd: 36, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
  database: null,
  people: { ...DEFAULT_PEOPLE_CONFIG, overlap: { human: 1, overlap: 2, max: 5 } },
} as unknown as ProjectConfig;

/**
 * A vote on the spam/ham project; machines give `confidence`, people 1.
 * @example crowdVote('t1', 'human:good1', 'spam')
 * Complexity: O(1).
 */
export function crowdVote(itemId: string, source: string, label: string, confidence = 1): NewVote {
  const other = CROWD_LABELS.find((l) => l !== label) as string;
  return voteFixture(itemId, source, label, { other, confidence });
}

/**
 * A spam/ham project (overlap 2, at most 5) with 60 answered controls: `good1`, `good2` right
 * 95% of the time, `bad1`…`bad5` 50%, the machine 75% (at confidence 0.8). Person `disc` is as
 * good as `good1` but discounted.
 * @example const ctx = await crowdHistory();
 * Complexity: O(controls × annotators).
 */
export async function crowdHistory(): Promise<PeopleContext> {
  const store = new MemoryStore();
  const rng = createRng(3);
  const skill: Record<string, number> = { good1: 0.95, good2: 0.95, disc: 0.95 };
  for (let b = 1; b <= 5; b++) skill[`bad${b}`] = 0.5;
  const votes: NewVote[] = [];
  const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
  await store.upsertItems(
    ids.map((id, i) => ({
      id,
      fields: { text: id },
      role: 'control' as const,
      batch: null,
      goldLabel: CROWD_LABELS[i % 2] as string,
    })),
  );
  ids.forEach((id, i) => {
    const truth = CROWD_LABELS[i % 2] as string;
    const wrong = CROWD_LABELS[(i + 1) % 2] as string;
    for (const [who, p] of Object.entries(skill))
      votes.push(crowdVote(id, `human:${who}`, rng.next() < p ? truth : wrong));
    votes.push(crowdVote(id, CROWD_MACHINE, rng.next() < 0.75 ? truth : wrong, 0.8));
  });
  await store.addVotes(votes);
  await store.people.upsertQueue(
    ids.map((itemId, i) => ({
      itemId,
      kind: 'control' as const,
      zone: null,
      priority: 0,
      overlap: 8,
      goldLabel: CROWD_LABELS[i % 2] as string,
      reviewReason: null,
    })),
  );
  for (const id of Object.keys(skill))
    await store.people.createAnnotator(annotatorFixture(id), `h-${id}`);
  await store.people.updateAnnotator('disc', { discounted: true });
  return { store, project, clock: { now: () => Date.UTC(2026, 0, 2) }, rng };
}
