import type { ProjectConfig } from '../../core/project.js';
import type { Fields } from '../../core/types.js';

/**
 * An item's fields as people may see them: only the project's fields, in the project's order
 * (a missing one as null). Every other imported column — a `truth`, `gold` or `label` column of a
 * pool file among them — never leaves the server for an annotator or a reviewer.
 * @example shownFields(project, { text: 'hi', truth: 'spam' }) // { text: 'hi' }
 * Complexity: O(project fields).
 */
export function shownFields(project: Pick<ProjectConfig, 'fields'>, fields: Fields): Fields {
  const shown: Record<string, unknown> = {};
  for (const name of project.fields) shown[name] = fields[name] ?? null;
  return shown;
}
