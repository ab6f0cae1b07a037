/** A zone (file, text or object) that cannot be served: the message names the name and field. */
export class ZoneError extends Error {
  override readonly name = 'ZoneError' as const;
  /** Where in the zone, e.g. `records["example.com"].MX[1]`; empty for file-level problems. */
  readonly path: string;

  constructor(path: string, message: string, source?: string) {
    const where = [source, path].filter((part) => part !== undefined && part !== '').join(': ');
    super(where === '' ? message : `${where}: ${message}`);
    this.path = path;
  }
}

export function isZoneError(error: unknown): error is ZoneError {
  return error instanceof Error && error.name === 'ZoneError';
}

/** Options given to startDnsFixture / spawnDnsFixture / the CLI that make no sense. */
export class FixtureConfigError extends Error {
  override readonly name = 'FixtureConfigError' as const;
}

export function isFixtureConfigError(error: unknown): error is FixtureConfigError {
  return error instanceof Error && error.name === 'FixtureConfigError';
}
