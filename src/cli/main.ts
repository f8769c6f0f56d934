import { Command, CommanderError } from 'commander';
import { HiloError } from '../core/errors.js';
import { printableText } from '../core/format/printable-text.js';
import { registerCommands } from './commands.js';
import { EXIT_CODES } from './exit-codes.js';
import type { CliIo } from './cli-io.js';
import { processIo } from './cli-io.js';
import { handleInterrupts } from './interrupt.js';

/**
 * Runs the `hilo` command line and returns the exit code; never calls process.exit (only a
 * second Ctrl-C does), so tests can drive it in-process. The one place where errors become exit
 * codes, and where Ctrl-C and SIGTERM are handled.
 * @example const code = await main(['export', 'out.jsonl', '--project', 'spam']);
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = new Command('hilo')
    .description('Label data with an LLM and humans in the loop, with calibrated confidence.')
    .version(io.version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    })
    .showHelpAfterError('(run with --help for usage)');
  const interrupts = handleInterrupts({
    signals: io.signals,
    warn: (message) => io.err(`warning: ${message}\n`),
    exitCode: EXIT_CODES.INTERRUPTED,
  });
  try {
    await registerCommands(program, { io, interrupts }, argv);
    await program.parseAsync(argv as string[], { from: 'user' });
    return io.exitCode();
  } catch (error) {
    return reportError(error, io);
  } finally {
    interrupts.dispose();
  }
}

/**
 * A message made safe for the terminal: one that quotes a file's line is kept to one line, with
 * every control character escaped; other messages keep their own line breaks.
 */
function terminalText(message: string, oneLine: boolean): string {
  if (oneLine) return printableText(message, MAX_MESSAGE);
  return message
    .split('\n')
    .map((line) => printableText(line, MAX_MESSAGE))
    .join('\n');
}

/** Characters of a message printed before it is cut short. */
const MAX_MESSAGE = 1000;

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof HiloError) {
    io.err(`hilo: ${terminalText(error.message, error.location?.line !== undefined)}\n`);
    return EXIT_CODES[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`hilo: unexpected error: ${terminalText(message, true)}\n`);
  if (io.env.HILO_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return 1;
}
