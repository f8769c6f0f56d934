import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../core/project.js';
import { parseProjectConfig } from './project-schema.js';

const minimal = { name: 'spam', labels: ['spam', 'ham'] };

describe('hilo.yaml defaults', () => {
  it('are PROJECT_DEFAULTS for every key a minimal file leaves out', () => {
    const parsed = parseProjectConfig(minimal);
    if (!parsed.ok) throw new Error(parsed.problems.join());
    expect(parsed.config).toEqual({
      ...PROJECT_DEFAULTS,
      name: 'spam',
      labels: [
        { name: 'spam', description: '' },
        { name: 'ham', description: '' },
      ],
    });
  });

  it('fill a partly written section key by key', () => {
    const parsed = parseProjectConfig({
      ...minimal,
      labeller: { local: { mlp: { hidden: 8 } } },
      people: { overlap: { max: 9 } },
    });
    if (!parsed.ok) throw new Error(parsed.problems.join());
    expect(parsed.config.labeller.llm).toEqual(PROJECT_DEFAULTS.labeller.llm);
    expect(parsed.config.labeller.local.mlp).toEqual({
      ...PROJECT_DEFAULTS.labeller.local.mlp,
      hidden: 8,
    });
    expect(parsed.config.people.overlap).toEqual({ ...PROJECT_DEFAULTS.people.overlap, max: 9 });
  });

  it('are copied into each config, so changing one leaves the defaults and other configs alone', () => {
    const first = parseProjectConfig(minimal);
    const second = parseProjectConfig(minimal);
    if (!first.ok || !second.ok) throw new Error('minimal config refused');
    (first.config.fields as string[]).push('title');
    (first.config.labeller.local.charNgrams as unknown as number[])[0] = 1;
    (first.config.prices.models as Record<string, unknown>).m = { inputPerMTok: 1 };
    (first.config.people.rules as { fastMs: number }).fastMs = 1;
    expect(PROJECT_DEFAULTS.fields).toEqual(['text']);
    expect(PROJECT_DEFAULTS.labeller.local.charNgrams).toEqual([3, 5]);
    expect(PROJECT_DEFAULTS.prices.models).toEqual({});
    expect(PROJECT_DEFAULTS.people.rules.fastMs).toBe(3000);
    expect(second.config.fields).toEqual(['text']);
    expect(second.config.people.rules.fastMs).toBe(3000);
  });

  it('says what a label may be when one is neither a name nor { name, description }', () => {
    const parsed = parseProjectConfig({ name: 'x', labels: ['a', 3, ''] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      'labels.1: expected a label name, or { name, description } with a non-empty name',
      'labels.2: expected a label name, or { name, description } with a non-empty name',
    ]);
  });
});
