import type { Annotator, StoreWithPeople } from '../../core/ports/people-store.js';
import {
  DEFAULT_PEOPLE_CONFIG,
  type PeopleConfig,
  type ProjectConfig,
} from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import type { Item } from '../../core/types.js';
import { buildQueue, type PeopleContext } from '../../pipeline/people/index.js';
import { annotator } from '../builders/people.js';
import { project, type ProjectOverrides } from '../builders/project.js';
import { MemoryStore } from '../fakes/memory-store.js';

/** A toxicity project: four labels, sets of at most three, exact sets by default. */
export function multilabelProject(over: ProjectOverrides = {}): ProjectConfig {
  return project({
    kind: 'multilabel',
    labels: [
      { name: 'toxic', description: 'Rude, disrespectful or unreasonable.' },
      { name: 'obscene', description: 'Swear words, sexual terms.' },
      { name: 'insult', description: 'Attacks a person or a group.' },
      { name: 'threat', description: 'Wishes or promises harm.' },
    ],
    multilabel: { minLabels: 0, maxLabels: 3, measure: 'exact' },
    ...over,
  });
}

/** Which of two responses is better, with ties unless `ties` is false. */
export function pairwiseProject(ties = true, over: ProjectOverrides = {}): ProjectConfig {
  return project({
    kind: 'pairwise',
    fields: ['prompt', 'a', 'b'],
    labels: ties ? ['a', 'b', 'tie'] : ['a', 'b'],
    ...over,
  });
}

/** A 1–5 severity scale with anchors, exact unless over says otherwise. */
export function ratingProject(over: ProjectOverrides = {}): ProjectConfig {
  return project({
    kind: 'rating',
    labels: [
      { name: '1', description: 'none' },
      { name: '2', description: 'mild' },
      { name: '3', description: 'moderate' },
      { name: '4', description: 'severe' },
      { name: '5', description: 'extreme' },
    ],
    ...over,
  });
}

/** A people world of one project: its store and clock, and a few people steps. */
export interface KindWorld extends PeopleContext {
  tick(ms: number): void;
  /** Creates a person in a state. */
  person(id: string, state?: Annotator['state']): Promise<Annotator>;
  /** A person as stored now. */
  me(id: string): Promise<Annotator>;
}

/**
 * A project's people world on a store (the memory store unless given): pool items `p1…`, control items `c1…` and gold
 * (exam) items `g1…` with the given trusted answers, the queue built; the exam takes every gold
 * item unless `people.exam` says otherwise.
 * @example const w = await kindWorld(ratingProject(), { pool: 4, controls: ['2'], exam: ['4'] })
 */
export async function kindWorld(
  config: ProjectConfig,
  setup: {
    readonly pool?: number;
    readonly controls?: readonly string[];
    readonly exam?: readonly string[];
    readonly people?: Partial<PeopleConfig>;
    /** Default: a new memory store. */
    readonly store?: StoreWithPeople;
  } = {},
): Promise<KindWorld> {
  let now = Date.UTC(2026, 11, 7);
  const store = setup.store ?? new MemoryStore();
  const fields = (text: string) =>
    Object.fromEntries(config.fields.map((f) => [f, `${f} ${text}`]));
  const exam = setup.exam ?? [];
  const items: Item[] = [
    ...Array.from(
      { length: setup.pool ?? 0 },
      (_, i) =>
        ({
          id: `p${i + 1}`,
          fields: fields(`pool ${i}`),
          role: 'pool',
          batch: null,
          goldLabel: null,
        }) as Item,
    ),
    ...(setup.controls ?? []).map((gold, i): Item => ({
      id: `c${i + 1}`,
      fields: fields(`control ${i}`),
      role: 'control',
      batch: null,
      goldLabel: gold,
    })),
    ...exam.map((gold, i): Item => ({
      id: `g${i + 1}`,
      fields: fields(`gold ${i}`),
      role: 'gold',
      batch: null,
      goldLabel: gold,
    })),
  ];
  await store.upsertItems(items);
  const ctx = {
    store,
    project: {
      ...config,
      people: {
        ...DEFAULT_PEOPLE_CONFIG,
        controlRate: 0,
        exam: { size: exam.length, threshold: 0.7 },
        ...setup.people,
      },
    },
    clock: { now: () => now },
    rng: createRng(7),
  };
  await buildQueue(ctx);
  const me = async (id: string): Promise<Annotator> => {
    const found = await store.people.getAnnotator(id);
    if (found === undefined) throw new Error(`no person ${id}`);
    return found;
  };
  return {
    ...ctx,
    tick: (ms) => (now += ms),
    person: async (id, state = 'active') => {
      await store.people.createAnnotator(annotator(id, { state }), `h-${id}`);
      return me(id);
    },
    me,
  };
}
