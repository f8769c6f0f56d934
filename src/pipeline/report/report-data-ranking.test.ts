import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../../core/project.js';
import { decision, item } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { reportRanking } from './report-data-ranking.js';

const systems = { ...PROJECT_DEFAULTS.pairwise, systemA: 'left', systemB: 'right' };

describe('reportRanking', () => {
  async function decided(): Promise<MemoryStore> {
    const store = new MemoryStore();
    await store.upsertItems([
      item('1', { fields: { left: 'x', right: 'y' } }),
      item('2', { fields: { left: 'y', right: 'x' } }),
      item('3', { fields: { left: 'x', right: 'z' } }),
    ]);
    await store.putDecisions([
      decision('1', { label: 'a' }),
      decision('2', { label: 'b' }),
      decision('3', { label: 'a' }),
    ]);
    return store;
  }

  it('ranks the systems of a pairwise project that names them', async () => {
    const notes: string[] = [];
    const ranking = await reportRanking(
      await decided(),
      { kind: 'pairwise', pairwise: systems },
      notes,
    );
    expect(ranking?.systems.map((s) => s.system)).toEqual(['x', 'z', 'y']); // y lost twice, z once
    expect(ranking?.systems[0]).toMatchObject({ wins: 3, losses: 0, ties: 0 });
    expect(notes).toEqual([]);
  });

  it('is left out for other kinds and without systems, with a note when nothing is decided', async () => {
    const store = await decided();
    const notes: string[] = [];
    expect(await reportRanking(store, { kind: 'classify', pairwise: systems }, notes)).toBeNull();
    expect(
      await reportRanking(store, { kind: 'pairwise', pairwise: PROJECT_DEFAULTS.pairwise }, notes),
    ).toBeNull();
    expect(notes).toEqual([]);
    const empty = await reportRanking(
      new MemoryStore(),
      { kind: 'pairwise', pairwise: systems },
      notes,
    );
    expect(empty).toBeNull();
    expect(notes).toEqual(['No pair has a decided verdict yet, so the systems are not ranked.']);
  });
});
