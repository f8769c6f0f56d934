/** `T` with every property, array and tuple readonly, all the way down. */
type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * `true` when A and B have the same keys, each as optional and of the same type, at every depth;
 * `readonly` is ignored (a validator's output is mutable, the domain types are not).
 * Mutual assignability is not enough: it accepts `{ a?: string }` for `{ a: string }`
 * and `string` for `'x' | 'y'`, so this compares the types for identity.
 * @example const same: SameType<{ a: number }, { readonly a: number }> = true;
 * Complexity: compile time only.
 */
export type SameType<A, B> =
  (<T>() => T extends DeepReadonly<A> ? 1 : 2) extends <T>() => T extends DeepReadonly<B> ? 1 : 2
    ? true
    : false;

/**
 * Compiles only when `T` is `true`: a type-level assertion, e.g. of `SameType`.
 * @example type _Checked = AssertTrue<SameType<z.output<typeof schema>, Config>>;
 */
export type AssertTrue<T extends true> = T;
