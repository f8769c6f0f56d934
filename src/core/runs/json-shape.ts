/**
 * Small checks of parsed JSON against a TypeScript type, for records read back from storage.
 * A shape returns the value typed (objects rebuilt with only their declared keys) or throws a
 * `ShapeMismatch` naming the path of the first field that does not fit. Hand-written rather than
 * a schema library because the core depends on nothing, and because `FieldShapes<T>` lets the
 * compiler hold each object's checks to its TypeScript type: the type stays the one source.
 */

/** Checks `value` found at `path` and returns it typed. */
export type JsonShape<T> = (value: unknown, path: string) => T;

/** The first field of a value that does not fit its shape. */
export class ShapeMismatch extends Error {
  readonly path: string;
  constructor(path: string, expected: string, found: unknown) {
    super(`${path} must be ${expected}, found ${describe(found)}`);
    this.name = 'ShapeMismatch';
    this.path = path;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A finite number. */
export const numberShape: JsonShape<number> = (value, path) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new ShapeMismatch(path, 'a number', value);
};

export const stringShape: JsonShape<string> = (value, path) => {
  if (typeof value === 'string') return value;
  throw new ShapeMismatch(path, 'a string', value);
};

export const booleanShape: JsonShape<boolean> = (value, path) => {
  if (typeof value === 'boolean') return value;
  throw new ShapeMismatch(path, 'true or false', value);
};

/**
 * One of a few strings.
 * @example oneOfShape(['done', 'failed'])('done', 'status') // 'done'
 */
export function oneOfShape<T extends string>(values: readonly T[]): JsonShape<T> {
  return (value, path) => {
    if ((values as readonly unknown[]).includes(value)) return value as T;
    throw new ShapeMismatch(path, `one of ${values.join(', ')}`, value);
  };
}

/** The shape, or null. */
export function nullable<T>(shape: JsonShape<T>): JsonShape<T | null> {
  return (value, path) => (value === null ? null : shape(value, path));
}

/** The shape, or null when the value is null or absent (a field added after records were written). */
export function absentAsNull<T>(shape: JsonShape<T>): JsonShape<T | null> {
  return (value, path) => (value === null || value === undefined ? null : shape(value, path));
}

/** A list whose every entry fits the shape. O(n). */
export function listOf<T>(shape: JsonShape<T>): JsonShape<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeMismatch(path, 'a list', value);
    return value.map((entry: unknown, i) => shape(entry, `${path}[${i}]`));
  };
}

/** `config.cost` from `config` and `cost`; a top-level key is its own path. */
function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose every value fits the shape (any keys). O(keys). */
export function recordOf<T>(shape: JsonShape<T>): JsonShape<Record<string, T>> {
  return (value, path) => {
    if (!isObject(value)) throw new ShapeMismatch(path, 'an object', value);
    const out: Record<string, T> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = shape(entry, fieldPath(path, key));
    return out;
  };
}

/** One shape per key of `T`: the compiler checks that every field is covered with a fitting shape. */
export type FieldShapes<T> = { readonly [K in keyof T]-?: JsonShape<T[K]> };

/**
 * An object with the given fields; keys it does not declare are dropped.
 * @example objectShape<{ n: number }>({ n: numberShape })({ n: 1, x: 2 }, 'config') // { n: 1 }
 * Complexity: O(fields).
 */
export function objectShape<T>(fields: FieldShapes<T>): JsonShape<T> {
  return (value, path) => {
    if (!isObject(value)) throw new ShapeMismatch(path, 'an object', value);
    const out: Record<string, unknown> = {};
    for (const [key, shape] of Object.entries(fields) as [string, JsonShape<unknown>][]) {
      out[key] = shape(value[key], fieldPath(path, key));
    }
    return out as T;
  };
}

/**
 * A union of objects told apart by their `kind` field, one shape per kind.
 * @example byKindShape<Pet>({ cat: catShape, dog: dogShape })({ kind: 'cat', lives: 9 }, 'pet')
 * Complexity: that of the chosen shape.
 */
export function byKindShape<T extends { readonly kind: string }>(shapes: {
  readonly [K in T['kind']]: JsonShape<Extract<T, { readonly kind: K }>>;
}): JsonShape<T> {
  const kinds = Object.keys(shapes) as T['kind'][];
  return (value, path) => {
    if (!isObject(value)) throw new ShapeMismatch(path, 'an object', value);
    const kind = value.kind;
    const shape = kinds.includes(kind as T['kind'])
      ? (shapes as Record<string, JsonShape<T>>)[kind as string]
      : undefined;
    if (shape === undefined)
      throw new ShapeMismatch(fieldPath(path, 'kind'), `one of ${kinds.join(', ')}`, kind);
    return shape(value, path);
  };
}
