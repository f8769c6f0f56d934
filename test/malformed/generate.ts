import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { malformedCases, type MalformedCase } from './cases.js';

/** The seed of the committed suite; change it to explore other files. */
export const SUITE_SEED = 15;

/**
 * Writes every case of the malformed-input suite into `dir` and returns the cases with their
 * paths. Deterministic: the same seed writes the same bytes.
 * @example const cases = generateMalformedFiles('/tmp/malformed');
 */
export function generateMalformedFiles(
  dir: string,
  seed = SUITE_SEED,
): (MalformedCase & { readonly path: string })[] {
  mkdirSync(dir, { recursive: true });
  return malformedCases(seed).map((c) => {
    const path = join(dir, c.file);
    if (Buffer.isBuffer(c.content)) writeFileSync(path, c.content);
    else {
      parquetWriteFile({
        filename: path,
        columnData: c.content.parquet.map((col) => ({ ...col, data: [...col.data] })),
      });
    }
    return { ...c, path };
  });
}

// `npx tsx test/malformed/generate.ts OUT_DIR [SEED]` writes the files for a look by hand.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [dir = 'malformed-files', seed] = process.argv.slice(2);
  const cases = generateMalformedFiles(dir, seed === undefined ? SUITE_SEED : Number(seed));
  const refused = cases.filter((c) => 'refused' in c.outcome).length;
  console.log(
    `wrote ${cases.length} files to ${dir}: ${refused} to be refused, ${cases.length - refused} to be imported exactly`,
  );
}
