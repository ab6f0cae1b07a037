import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane): ~50–100 ms per hash
 * here, on libuv's thread pool (the event loop stays free).
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password and for a hash that is not a valid PHC string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of a real verification, for logins with an unknown email: the answer then
 * takes as long as for a known one, so timing does not tell which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('spfwatch dummy password for timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
