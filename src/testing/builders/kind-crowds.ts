import { createRng } from '../../core/rng.js';
import type { NewVote } from '../../core/types.js';
import { vote } from './vote.js';

/** A synthetic crowd with known answers: the truth per item and the votes cast. */
export interface SyntheticCrowd {
  readonly truth: ReadonlyMap<string, string>;
  readonly votes: readonly NewVote[];
}

/**
 * Multi-label votes with known sets: each label applies to an item with probability 0.3;
 * annotator `human:<name>` answers each label's question right with its given accuracy and
 * votes the set code of its answers.
 * @example multilabelCrowd({ labels: ['a', 'b'], items: 40, people: { good: 0.95, bad: 0.55 }, seed: 1 })
 */
export function multilabelCrowd(options: {
  readonly labels: readonly string[];
  readonly items: number;
  readonly people: Readonly<Record<string, number>>;
  readonly seed: number;
}): SyntheticCrowd {
  const rng = createRng(options.seed);
  const truth = new Map<string, string>();
  const votes: NewVote[] = [];
  for (let i = 0; i < options.items; i++) {
    const id = `m${i}`;
    const applies = options.labels.map(() => rng.next() < 0.3);
    truth.set(id, options.labels.filter((_, l) => applies[l]).join('|'));
    for (const [name, accuracy] of Object.entries(options.people)) {
      const said = options.labels.filter((_, l) => rng.next() < accuracy === applies[l]);
      votes.push(vote(id, `human:${name}`, { label: said.join('|'), probabilities: null }));
    }
  }
  return { truth, votes };
}

/**
 * Ratings with known levels on a scale of `levels` levels: each person's rating is the true
 * level moved by a symmetric step of at most `spread` levels (0 with probability 1 − noise),
 * kept on the scale.
 * @example ratingCrowd({ levels: 5, items: 60, people: { a: { noise: 0.3, spread: 1 } }, seed: 2 })
 */
export function ratingCrowd(options: {
  readonly levels: number;
  readonly items: number;
  readonly people: Readonly<Record<string, { readonly noise: number; readonly spread: number }>>;
  readonly seed: number;
}): SyntheticCrowd {
  const rng = createRng(options.seed);
  const truth = new Map<string, string>();
  const votes: NewVote[] = [];
  const K = options.levels;
  for (let i = 0; i < options.items; i++) {
    const id = `r${i}`;
    const level = rng.int(K);
    truth.set(id, String(level + 1));
    for (const [name, { noise, spread }] of Object.entries(options.people)) {
      const step = rng.next() < noise ? (1 + rng.int(spread)) * (rng.next() < 0.5 ? -1 : 1) : 0;
      const given = Math.min(K - 1, Math.max(0, level + step));
      votes.push(vote(id, `human:${name}`, { label: String(given + 1), probabilities: null }));
    }
  }
  return { truth, votes };
}
