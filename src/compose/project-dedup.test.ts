import { describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import { project } from '../testing/builders/index.js';
import { importCleanPlan } from './project-dedup.js';

describe('importCleanPlan', () => {
  it('is undefined with no rule in hilo.yaml or on the command line', () => {
    expect(importCleanPlan(project())).toBeUndefined();
  });

  it('adds the command line to hilo.yaml, over every field a pairwise project shows', () => {
    const pairwise = project({
      kind: 'pairwise',
      fields: ['prompt', 'a', 'b'],
      labels: ['a', 'b', 'tie'],
      import: { clean: ['entities'] },
    });
    expect(importCleanPlan(pairwise, ['a=whitespace'])).toEqual(
      new Map([
        ['prompt', ['entities']],
        ['a', ['entities', 'whitespace']],
        ['b', ['entities']],
      ]),
    );
  });

  it('refuses an unknown step or a field the project does not show, in one line', () => {
    expect(() => importCleanPlan(project(), ['html,markdown'])).toThrow(
      new HiloError(
        'INVALID_INPUT',
        '--clean unknown clean-up step "markdown" (use html, entities, unicode, whitespace or all)',
      ),
    );
    expect(() => importCleanPlan(project(), ['id=html'])).toThrow(
      /--clean cannot clean "id": not one of the project's fields \(text\)/,
    );
  });
});
