import type { Command } from 'commander';
import { textEncoding, type TextEncoding } from '../compose/text-encoding.js';

/**
 * Adds `--encoding <name>` to a command that reads a text file.
 * @example withEncodingOption(program.command('import'))
 */
export function withEncodingOption(command: Command): Command {
  return command.option(
    '--encoding <name>',
    'text encoding of a JSONL/CSV/TSV file: utf-8 (default) or latin1 (latin-1, iso-8859-1)',
  );
}

/**
 * The `encoding` option to pass on, read from `--encoding` (none when the flag is absent).
 * @example await ctx.importItems({ file, ...encodingOption(flags.encoding) })
 */
export function encodingOption(flag: string | undefined): { encoding?: TextEncoding } {
  return flag === undefined ? {} : { encoding: textEncoding(flag) };
}
