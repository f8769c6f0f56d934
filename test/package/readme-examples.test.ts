import { describe, expect, it } from 'vitest';
import { readmeExamples } from './readme-examples.js';

const fence = '```';

describe('readmeExamples', () => {
  it('pairs each code block of the section with the output block after it', () => {
    const markdown = [
      '# x',
      '## Use it',
      `${fence}ts`,
      "console.log('a');",
      fence,
      'prose',
      `${fence}text`,
      'a',
      fence,
      `${fence}sh`,
      'npm test',
      fence,
      '## Next',
      `${fence}ts`,
      'ignored();',
      fence,
    ].join('\n');
    expect(readmeExamples(markdown, 'Use it')).toEqual([
      { code: "console.log('a');\n", output: 'a\n' },
    ]);
  });

  it('refuses a code block without its output, and a missing section', () => {
    const markdown = ['## Use it', `${fence}ts`, 'f();', fence, ''].join('\n');
    expect(() => readmeExamples(`\n${markdown}`, 'Use it')).toThrow(/example 1 .* no output/);
    expect(() => readmeExamples(markdown, 'Elsewhere')).toThrow(/no "## Elsewhere"/);
  });
});
