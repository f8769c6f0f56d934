/**
 * Neutral error codes; only the edge (CLI exit codes, HTTP statuses) maps them.
 * @example if (error instanceof HiloError && error.code === 'INVALID_INPUT') console.error(error.message)
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BUDGET_EXCEEDED'
  | 'MODEL_UNAVAILABLE'
  | 'MODEL_OUTPUT'
  | 'TIMEOUT'
  | 'INTERRUPTED'
  | 'INTERNAL';

/**
 * An error with a neutral code and an optional location (file, line, field) for bad input.
 * @example throw new HiloError('INVALID_INPUT', 'label "spma" is not in the label set', { file, line: 12, field: 'label' })
 */
export class HiloError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    location?: ErrorLocation,
    options?: { cause?: unknown },
  ) {
    super(formatMessage(message, location), options);
    this.name = 'HiloError';
    this.code = code;
    this.location = location;
  }
}

/**
 * Where bad input was found: a file, a line, a field; any of them may be missing.
 * @example new HiloError('INVALID_INPUT', 'not a number', { file: 'gold.csv', line: 12, field: 'score' }).location
 */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
}

function formatMessage(message: string, at: ErrorLocation | undefined): string {
  if (!at) return message;
  const where = [
    at.file,
    at.line !== undefined ? `line ${at.line}` : undefined,
    at.field ? `field "${at.field}"` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return where ? `${where}: ${message}` : message;
}
