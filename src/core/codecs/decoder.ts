import * as t from 'io-ts';

/**
 * The [Standard Schema](https://standardschema.dev) interface (v1), as zod,
 * valibot and arktype implement it. Written out here, as the spec asks of
 * libraries that accept schemas, so that no schema library is a dependency.
 *
 * @public
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties: its version, the library that made it, and `validate`. */
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaV1Result<Output> | Promise<StandardSchemaV1Result<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** What a Standard Schema's `validate` answers. @public */
export type StandardSchemaV1Result<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined }> };

/**
 * Anything that turns an unknown JSON value into an `A`, or says why not:
 * an io-ts codec, a Standard Schema validator (zod, valibot, arktype), or a
 * plain function that returns the value or throws.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const status: Decoder<{ status: string }> = z.object({ status: z.string() });      // Standard Schema
 * const same: Decoder<{ status: string }> = (u) => { if (!isStatus(u)) throw new Error('no status'); return u; };
 * ```
 * @public
 */
export type Decoder<A> = t.Decoder<unknown, A> | StandardSchemaV1<unknown, A> | ((input: unknown) => A);

/** Whether a value is one of the three shapes of {@link Decoder}. */
export function isDecoder(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const standard = (value as { '~standard'?: { validate?: unknown } })['~standard'];
  if (typeof standard === 'object' && standard !== null && typeof standard.validate === 'function') return true;
  return typeof (value as { decode?: unknown }).decode === 'function';
}

/** What a decoder's shapes are called in error messages. */
export const DECODER_SHAPES = 'an io-ts codec, a Standard Schema validator (zod, valibot, arktype) or a function (input) => value';

/**
 * Any {@link Decoder} as the io-ts decoder the engine runs, so that every
 * decode still goes through `decodeOrThrow` and fails as a `DecodeError`
 * with a path. An io-ts codec is returned as it is.
 */
export function toIoDecoder<A>(decoder: Decoder<A>, name = 'decoder'): t.Decoder<unknown, A> {
  if (typeof decoder !== 'function' && typeof (decoder as t.Decoder<unknown, A>).decode === 'function' && !('~standard' in decoder)) {
    return decoder as t.Decoder<unknown, A>;
  }
  if (typeof decoder === 'function') {
    const fn = decoder as (input: unknown) => A;
    return new t.Type<A, unknown, unknown>(
      name,
      (_u): _u is A => false,
      (u, c) => {
        try {
          return t.success(fn(u));
        } catch (error) {
          return t.failure(u, c, error instanceof Error ? error.message : String(error));
        }
      },
      t.identity,
    );
  }
  const standard = (decoder as StandardSchemaV1<unknown, A>)['~standard'];
  return new t.Type<A, unknown, unknown>(
    `${standard.vendor} schema`,
    (_u): _u is A => false,
    (u, c) => {
      let outcome: ReturnType<typeof standard.validate>;
      try {
        outcome = standard.validate(u);
      } catch (error) {
        // A refinement that throws is a mismatch like any other: a DecodeError, not an untyped crash.
        return t.failure(u, c, error instanceof Error ? error.message : String(error));
      }
      if (typeof (outcome as Promise<unknown>).then === 'function') {
        // Its settling is ignored, and so must its rejection be: never an unhandled rejection.
        (outcome as Promise<unknown>).then(undefined, () => undefined);
        return t.failure(u, c, `the ${standard.vendor} schema is asynchronous; status and result schemas must validate synchronously`);
      }
      const result = outcome as StandardSchemaV1Result<A>;
      if (!result.issues) return t.success(result.value);
      return t.failures(
        result.issues.map((issue) => {
          const keys = (issue.path ?? []).map((segment) => String(typeof segment === 'object' && segment !== null ? segment.key : segment));
          const context: t.Context = [...c, ...keys.map((key) => ({ key, type: t.unknown, actual: undefined }))];
          return { value: undefined, context, message: issue.message };
        }),
      );
    },
    t.identity,
  );
}
