/**
 * Writes the tiny random-weight llama model for llama-server.
 * Usage: npx tsx test/llama-server/write-tiny-model.ts OUT.gguf [--seed N]
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tinyLlamaGguf } from './tiny-llama-model.js';

const [out, flag, seedText] = process.argv.slice(2);
if (!out || (flag !== undefined && flag !== '--seed')) {
  console.error('usage: write-tiny-model.ts OUT.gguf [--seed N]');
  process.exit(2);
}
const seed = seedText === undefined ? 42 : Number(seedText);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, got "${seedText}"`);
  process.exit(2);
}
const started = performance.now();
const bytes = tinyLlamaGguf({ seed });
mkdirSync(dirname(out), { recursive: true });
// Write then rename, so a server never loads a half-written file.
writeFileSync(`${out}.tmp`, bytes);
renameSync(`${out}.tmp`, out);
console.error(
  `wrote ${out}: ${bytes.length} bytes in ${Math.round(performance.now() - started)} ms`,
);
