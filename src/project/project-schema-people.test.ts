import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../core/project.js';
import { parseProjectConfig } from './project-schema.js';

describe('hilo.yaml people section', () => {
  it('defaults every people setting when the key is absent', () => {
    const parsed = parseProjectConfig({ name: 'p', labels: ['a', 'b'] });
    expect(parsed.ok && parsed.config.people).toEqual(DEFAULT_PEOPLE_CONFIG);
  });

  it('fills a partial section and refuses unknown keys', () => {
    const parsed = parseProjectConfig({
      name: 'p',
      labels: ['a', 'b'],
      people: { exam: { size: 4 }, rules: { fastMs: 2000 } },
    });
    expect(parsed.ok && parsed.config.people?.exam).toEqual({ size: 4, threshold: 0.7 });
    expect(parsed.ok && parsed.config.people?.rules.fastMs).toBe(2000);
    const bad = parseProjectConfig({ name: 'p', labels: ['a', 'b'], people: { overlapp: 2 } });
    expect(bad.ok).toBe(false);
  });
});
