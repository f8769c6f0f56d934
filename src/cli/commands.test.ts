import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { silentIo } from './cli-io.js';
import { main } from './main.js';

/** Runs `hilo` in-process and returns what it printed on stdout and stderr. */
async function run(argv: readonly string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const io: CliIo = {
    ...silentIo('9.9.9'),
    out: (t) => void (text += t),
    err: (t) => void (text += t),
  };
  const code = await main(argv, io);
  return { code, text };
}

/** The command names listed under "Commands:" in `hilo --help`. */
function commandNames(help: string): string[] {
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
    .map((m) => m[1] as string)
    .filter((name) => name !== 'help');
}

describe('command registration', () => {
  it('lists every command in hilo --help, in the order of the pipeline', async () => {
    const { code, text } = await run(['--help']);
    expect(code).toBe(0);
    const names = commandNames(text);
    expect(names.slice(0, 3)).toEqual(['init', 'import', 'import-predictions']);
    expect(names).toContain('aggregate');
    expect(names.at(-1)).toBe('simulate');
    expect(names.length).toBe(26);
  });

  it("prints each command's help the same when only its module is loaded as with all of them", async () => {
    const names = commandNames((await run(['--help'])).text);
    for (const name of names) {
      // `hilo help X` names no command of its own, so every command's module is registered.
      const alone = await run([name, '--help']);
      const withAll = await run(['help', name]);
      expect(alone.text, name).toBe(withAll.text);
      expect(alone.text, name).toContain(`Usage: hilo ${name}`);
    }
  });

  it('prints the version without loading any command', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, text: '9.9.9\n' });
  });

  it('suggests the nearest command for a misspelt name', async () => {
    const { code, text } = await run(['aggregat']);
    expect(code).toBe(2);
    expect(text).toContain('(Did you mean aggregate?)');
  });
});
