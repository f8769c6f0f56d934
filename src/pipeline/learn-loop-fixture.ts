import type { ProjectConfig } from '../core/project.js';
import type { Decision, Item, NewVote } from '../core/types.js';
import { voteFixture } from './people/vote-fixture.js';
import { MemoryStore } from './testing/memory-store.js';

/**
 * A small project for the learning loop: fruit and car words, gold for both, and a people queue
 * of pool items, among them one the first model cannot know (`kiwi plum`) and one it takes for
 * cars until people say that kiwi is a fruit (`kiwi engine`).
 */
export const loopProject: ProjectConfig = {
  name: 'loop',
  kind: 'classify',
  fields: ['text'],
  labels: [
    { name: 'fruit', description: '' },
    { name: 'cars', description: '' },
  ],
  guidelines: '',
  labeller: {
    default: 'local',
    llm: {} as ProjectConfig['labeller']['llm'],
    local: {
      features: 1 << 14,
      wordNgrams: 1,
      charNgrams: [0, 0],
      l2: 1e-4,
      epochs: 20,
      seed: 1,
    },
  },
  prices: { models: {}, humanHourlyUsd: 15, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
  database: null,
};

const FRUIT = ['apple', 'banana', 'cherry', 'mango', 'pear'];
const CARS = ['engine', 'wheel', 'brake', 'gearbox', 'clutch'];

const item = (id: string, text: string, role: Item['role'], goldLabel: string | null): Item => ({
  id,
  fields: { text },
  role,
  batch: null,
  goldLabel,
});

/** The pool items waiting for people, by id. */
export const WAITING = {
  sureFruit: 'q1',
  sureCars: 'q2',
  split: 'q3',
  unknown: 'q4',
} as const;

/** A store with gold, a held-out test set and the people queue (all in the human zone). */
export async function loopStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const items: Item[] = [];
  for (let i = 0; i < 20; i++) {
    const [a, b] = [i % 5, (i + 2) % 5];
    items.push(item(`g${i}f`, `${FRUIT[a]} ${FRUIT[b]}`, 'gold', 'fruit'));
    items.push(item(`g${i}c`, `${CARS[a]} ${CARS[b]}`, 'gold', 'cars'));
  }
  items.push(item('t1', 'pear cherry', 'test', 'fruit'), item('t2', 'wheel brake', 'test', 'cars'));
  items.push(item('t3', 'plum kiwi', 'test', 'fruit'));
  items.push(
    item(WAITING.sureFruit, 'apple banana', 'pool', null),
    item(WAITING.sureCars, 'engine brake', 'pool', null),
    item(WAITING.split, 'kiwi engine', 'pool', null),
    item(WAITING.unknown, 'kiwi plum', 'pool', null),
  );
  for (let i = 0; i < 6; i++) items.push(item(`a${i}`, `kiwi plum fig${i}`, 'pool', null));
  await store.upsertItems(items);
  await store.people.upsertQueue(
    [...Object.values(WAITING), ...Array.from({ length: 6 }, (_, i) => `a${i}`)].map((itemId) => ({
      itemId,
      kind: 'task' as const,
      zone: 'human' as const,
      priority: 0,
      overlap: 1,
      goldLabel: null,
      reviewReason: null,
    })),
  );
  return store;
}

/** A person's answer on an item. */
export function humanVote(itemId: string, label: string, annotator = 'ann'): NewVote {
  return voteFixture(itemId, `human:${annotator}`, label, {
    other: label === 'fruit' ? 'cars' : 'fruit',
  });
}

/** A machine decision routed to a zone, as `hilo route` leaves it. */
export function routedDecision(itemId: string, zone: Decision['zone']): Decision {
  return {
    itemId,
    label: 'fruit',
    confidence: 0.6,
    probabilities: { fruit: 0.6, cars: 0.4 },
    decidedBy: 'machine',
    source: 'llm:x',
    voteIds: [],
    zone,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}
