import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { HiloError } from '../core/errors.js';
import type {
  MultilabelOptions,
  PairwiseOptions,
  ProjectConfig,
  RatingOptions,
} from '../core/project.js';
import type { TaskKind } from '../core/types.js';
import { parseProjectConfig } from './project-schema.js';

export const PROJECT_FILE = 'hilo.yaml';
export const DEFAULT_DB_FILE = 'hilo.db';

/** Path of the project's hilo.yaml in `dir`. */
export function projectFilePath(dir: string): string {
  return join(resolve(dir), PROJECT_FILE);
}

/**
 * Reads and validates `DIR/hilo.yaml`. A mistake names the key and what was expected.
 * @example const config = await loadProject('./spam');
 */
export async function loadProject(dir: string): Promise<ProjectConfig> {
  const file = projectFilePath(dir);
  if (!existsSync(file)) {
    throw new HiloError(
      'NOT_FOUND',
      `no ${PROJECT_FILE} in ${resolve(dir)}; run \`hilo init ${dir}\` first or pass --project DIR`,
    );
  }
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first?.linePos?.[0]?.line;
    throw new HiloError(
      'INVALID_INPUT',
      `not valid YAML: ${first?.message.split('\n')[0] ?? 'parse error'}`,
      { file, ...(line !== undefined ? { line } : {}) },
    );
  }
  const parsed = parseProjectConfig(doc.toJS());
  if (!parsed.ok) {
    throw new HiloError(
      'INVALID_INPUT',
      `invalid project file:\n  ${parsed.problems.join('\n  ')}`,
      { file },
    );
  }
  return parsed.config;
}

/**
 * What a new hilo.yaml says; everything else takes its documented default.
 * @example const options: InitOptions = { name: 'spam', labels: [{ name: 'spam', description: '' }, { name: 'ham', description: '' }], fields: ['text'], guidelines: '' }
 */
export interface InitOptions {
  readonly name: string;
  /** Default `classify`. */
  readonly kind?: TaskKind;
  /** A pairwise project may give none (a, b, tie); a rating's are its levels, lowest first. */
  readonly labels: readonly { name: string; description: string }[];
  /** The kind's options that differ from their defaults. */
  readonly multilabel?: Partial<MultilabelOptions>;
  readonly pairwise?: Partial<PairwiseOptions>;
  readonly rating?: Partial<RatingOptions>;
  /** Default `PROJECT_DEFAULTS.fields`. */
  readonly fields?: readonly string[];
  readonly guidelines: string;
  /** The LLM of the first pass; default `PROJECT_DEFAULTS.labeller.llm.model`. */
  readonly model?: string;
  readonly force?: boolean;
}

/**
 * Writes a new `DIR/hilo.yaml` with every key spelled out, those not in `options` at their
 * default (`PROJECT_DEFAULTS`), the kind's options section included (a pairwise project's
 * labels and fields at their defaults when not given); refuses to overwrite without `force`.
 * @example await initProject('./spam', { name: 'spam', labels: [{ name: 'spam', description: '' }, …], guidelines: '' });
 */
export async function initProject(dir: string, options: InitOptions): Promise<string> {
  const file = projectFilePath(dir);
  if (existsSync(file) && !options.force) {
    throw new HiloError('CONFLICT', `${file} already exists (use --force to overwrite)`);
  }
  const raw = {
    name: options.name,
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.fields ? { fields: [...options.fields] } : {}),
    ...(options.labels.length > 0 || options.kind !== 'pairwise'
      ? { labels: options.labels.map((l) => ({ name: l.name, description: l.description })) }
      : {}),
    guidelines: options.guidelines,
    ...(options.model !== undefined ? { labeller: { llm: { model: options.model } } } : {}),
    ...(options.multilabel ? { multilabel: { ...options.multilabel } } : {}),
    ...(options.pairwise ? { pairwise: { ...options.pairwise } } : {}),
    ...(options.rating ? { rating: { ...options.rating } } : {}),
  };
  const parsed = parseProjectConfig(raw);
  if (!parsed.ok) throw new HiloError('INVALID_INPUT', parsed.problems.join('; '));
  await mkdir(resolve(dir), { recursive: true });
  await writeFile(file, HEADER + stringify(parsed.config, { lineWidth: 100 }), 'utf8');
  return file;
}

const HEADER = `# hilo project file. Every key is documented in the README ("Project file").
# The store is hilo.db beside this file unless \`database\` holds a PostgreSQL URL.
`;
