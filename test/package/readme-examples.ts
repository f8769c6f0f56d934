/** One runnable example of the README: its code and what it prints. */
export interface ReadmeExample {
  readonly code: string;
  readonly output: string;
}

/**
 * The examples of one README section: each ```ts block followed by the ```text block that shows
 * what it prints. A code block without its output is an error, so none goes unchecked.
 * @example readmeExamples(readFileSync('README.md', 'utf8'), 'Use it as a library')
 * Complexity: O(length of the README).
 */
export function readmeExamples(markdown: string, heading: string): ReadmeExample[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`the README has no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] ?? '',
    body: m[2] ?? '',
  }));
  const examples: ReadmeExample[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'ts') return;
    const next = blocks[i + 1];
    if (next?.lang !== 'text') {
      throw new Error(`example ${examples.length + 1} of "${heading}" shows no output block`);
    }
    examples.push({ code: block.body, output: next.body });
  });
  return examples;
}
