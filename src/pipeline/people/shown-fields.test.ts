import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../../core/project.js';
import { shownFields } from './shown-fields.js';

describe('shownFields', () => {
  it('shows the project fields only, in order, a missing one as null', () => {
    expect(shownFields({ fields: ['text', 'title'] }, { text: 'x', truth: 'spam' })).toEqual({
      text: 'x',
      title: null,
    });
  });

  it('holds back the system fields of a pairwise project even when fields list them', () => {
    const project = {
      kind: 'pairwise' as const,
      fields: ['prompt', 'a', 'b', 'model_a', 'model_b'],
      pairwise: { ...PROJECT_DEFAULTS.pairwise, systemA: 'model_a', systemB: 'model_b' },
    };
    const item = { prompt: 'q', a: 'x', b: 'y', model_a: 'GPT 4', model_b: 'Vicuna' };
    expect(shownFields(project, item)).toEqual({ prompt: 'q', a: 'x', b: 'y' });
    expect(shownFields({ ...project, kind: 'classify' }, item)).toMatchObject({ model_a: 'GPT 4' });
  });
});
