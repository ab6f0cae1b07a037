/**
 * SPF outcomes are data, never exceptions. This base class is only for programming and
 * configuration errors (a malformed option handed to a factory, an impossible state).
 */
export class SpfEngineError extends Error {
  override readonly name: string = 'SpfEngineError';
}

export class ResolverConfigError extends SpfEngineError {
  override readonly name = 'ResolverConfigError';
}

export function isSpfEngineError(value: unknown): value is SpfEngineError {
  return value instanceof SpfEngineError;
}

export function isResolverConfigError(value: unknown): value is ResolverConfigError {
  return value instanceof ResolverConfigError;
}
