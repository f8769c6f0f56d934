import { describe, expect, it } from 'vitest';
import { annotator, answer, item, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { agreementTable } from './agreement-report.js';

describe('agreementTable', () => {
  it('names people, with the id only beside a name two share, and keeps unknown ids', async () => {
    const store = new MemoryStore();
    await store.upsertItems(['a', 'b', 'c'].map((id) => item(id)));
    for (const [id, name] of [
      ['x1', 'Ana'],
      ['x2', 'Ana'],
      ['x3', 'Bo'],
    ] as const)
      await store.people.createAnnotator(annotator(id, { name }), `hash-${id}`);
    const votes = ['a', 'b', 'c'].flatMap((itemId) =>
      ['x1', 'x2', 'x3', 'w9'].map((who) => answer(itemId, who, 'spam')),
    );
    await store.addVotes([...votes, vote('a', 'llm:m#p')]);
    const labels = ['spam', 'ham'];
    const table = await agreementTable({ store, labels, samples: 0, people: store.people });
    const names = Object.fromEntries(table.perRater.map((r) => [r.rater, r.name]));
    expect(names).toEqual({
      'human:x1': 'Ana (x1)',
      'human:x2': 'Ana (x2)',
      'human:x3': 'Bo',
      'human:w9': 'w9',
    });
    const withMachines = await agreementTable({
      store,
      labels,
      samples: 0,
      includeMachines: true,
      people: store.people,
    });
    expect(withMachines.perRater.find((r) => r.rater === 'llm:m#p')?.name).toBe('llm:m#p');
  });
});
