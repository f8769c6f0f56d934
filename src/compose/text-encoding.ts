/** The text encodings an input file may be read in, for the CLI's `--encoding`. */
export { textEncoding, type TextEncoding } from '../files/input-limits.js';
