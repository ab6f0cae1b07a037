import type { Prisma } from '@spfwatch/db';

/**
 * A Prisma interactive transaction, passed from a repository's `transaction()` through
 * services to other repositories so one check writes all its rows atomically. Services treat
 * it as opaque: only repositories use it.
 */
export type Tx = Prisma.TransactionClient;
