/** The `hilo` command line; filled in by the commands. */
export async function main(argv: readonly string[]): Promise<number> {
  process.stderr.write(`hilo: not ready (${argv.join(' ')})\n`);
  return 1;
}
