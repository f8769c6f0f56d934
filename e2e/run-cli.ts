/** Runs the CLI from source, for tests that need a real child process (kill and resume). */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
