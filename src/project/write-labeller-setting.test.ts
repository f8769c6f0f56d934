import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject, loadProject, projectFilePath } from './project-file.js';
import { writeLabellerSetting } from './write-labeller-setting.js';

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hilo-setting-'));
  await initProject(dir, {
    name: 'spam',
    labels: [
      { name: 'spam', description: '' },
      { name: 'ham', description: '' },
    ],
    fields: ['text'],
    guidelines: '',
  });
  return dir;
}

describe('writeLabellerSetting', () => {
  it('selects an LLM and its model, keeping the comments of hilo.yaml', async () => {
    const dir = await project();
    const before = await readFile(projectFilePath(dir), 'utf8');
    const comment = before.split('\n').find((line) => line.startsWith('#'));
    const changed = await writeLabellerSetting(dir, { default: 'llm', model: 'qwen3-8b' });
    expect(changed).toBe('labeller.default = llm, labeller.llm.model = qwen3-8b');
    const config = await loadProject(dir);
    expect(config.labeller.default).toBe('llm');
    expect(config.labeller.llm.model).toBe('qwen3-8b');
    expect(comment).toBeDefined();
    expect(await readFile(projectFilePath(dir), 'utf8')).toContain(comment);
  });

  it('selects the local model and leaves the LLM settings as they were', async () => {
    const dir = await project();
    await writeLabellerSetting(dir, { default: 'llm', model: 'qwen3-8b' });
    expect(await writeLabellerSetting(dir, { default: 'local' })).toBe('labeller.default = local');
    const config = await loadProject(dir);
    expect(config.labeller.default).toBe('local');
    expect(config.labeller.llm.model).toBe('qwen3-8b');
  });
});
