import { readFile, writeFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { loadProject, projectFilePath } from './project-file.js';

/** The first-pass labeller as hilo.yaml selects it. */
export type LabellerSetting = { default: 'local' } | { default: 'llm'; model: string };

/**
 * Makes `setting` the project's first pass: sets `labeller.default` (and `labeller.llm.model`) in
 * DIR/hilo.yaml, keeping the file's comments and layout, then checks the file still loads.
 * Returns what changed, as a person reads it.
 * @example await writeLabellerSetting('./spam', { default: 'llm', model: 'gpt-4o-mini' }) // 'labeller.default = llm, labeller.llm.model = gpt-4o-mini'
 */
export async function writeLabellerSetting(dir: string, setting: LabellerSetting): Promise<string> {
  const file = projectFilePath(dir);
  const doc = parseDocument(await readFile(file, 'utf8'));
  doc.setIn(['labeller', 'default'], setting.default);
  if (setting.default === 'llm') doc.setIn(['labeller', 'llm', 'model'], setting.model);
  await writeFile(file, doc.toString(), 'utf8');
  await loadProject(dir);
  return setting.default === 'llm'
    ? `labeller.default = llm, labeller.llm.model = ${setting.model}`
    : 'labeller.default = local';
}
