import type { Store } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import { rankSystems, type RankReport } from '../votes/index.js';

/**
 * The Bradley–Terry ranking of the systems for the report: from the decided verdicts of a
 * pairwise project whose items name their systems (`pairwise.systemA`/`systemB`); null for
 * other projects, and with a note when no two systems have been compared yet.
 * @example const ranking = await reportRanking(store, project, notes);
 * Complexity: that of `rankSystems`.
 */
export async function reportRanking(
  store: Store,
  project: Pick<ProjectConfig, 'kind' | 'pairwise'>,
  notes: string[],
): Promise<RankReport | null> {
  const { systemA, systemB } = project.pairwise;
  if (project.kind !== 'pairwise' || systemA === null || systemB === null) return null;
  const decided = await store.listDecisions({});
  if (!decided.some((d) => d.label !== null)) {
    notes.push('No pair has a decided verdict yet, so the systems are not ranked.');
    return null;
  }
  try {
    return await rankSystems({ store, kind: project.kind, pairwise: project.pairwise });
  } catch (error) {
    notes.push(`The systems are not ranked: ${(error as Error).message}.`);
    return null;
  }
}
