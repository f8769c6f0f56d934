import type { TaskView } from '../contract/people-api.js';
import type { ProjectConfig } from '../core/project.js';
import { taskShapeOf } from '../core/task-kind/index.js';

/**
 * The project's kind and the options the pages need, as the `me` payload carries them: the
 * count bounds of a set, the fields of a pairwise prompt and responses and whether tie is an
 * answer. Never the fields naming the systems behind the responses: people judge blind.
 * @example taskView(config) // { kind: 'pairwise', prompt: 'prompt', a: 'a', b: 'b', tie: true }
 * Complexity: O(labels).
 */
export function taskView(
  project: Pick<ProjectConfig, 'kind' | 'labels' | 'multilabel' | 'pairwise' | 'rating'>,
): TaskView {
  const shape = taskShapeOf(project);
  switch (shape.kind) {
    case 'classify':
    case 'rating':
      return { kind: shape.kind };
    case 'multilabel':
      return { kind: 'multilabel', minLabels: shape.minLabels, maxLabels: shape.maxLabels };
    case 'pairwise':
      return {
        kind: 'pairwise',
        prompt: project.pairwise.prompt,
        a: project.pairwise.a,
        b: project.pairwise.b,
        tie: shape.labels.includes('tie'),
      };
  }
}
