import type { Queue } from 'pg-boss';
import type { z } from 'zod';

/** pg-boss queue settings of a job type (policy, retryLimit, retryDelay, expireInSeconds …). */
export type QueueSettings = Omit<Queue, 'name'>;

/**
 * A named, typed job: the queue it lives in, the zod schema of its payload (checked before
 * `send` and again when a worker receives it) and its queue settings.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  readonly queue: QueueSettings;
}

/** Payload a producer passes to `send` (schema input). */
export type JobInput<J extends JobDefinition> = z.input<J['schema']>;
/** Payload a handler receives (schema output). */
export type JobData<J extends JobDefinition> = z.output<J['schema']>;

const QUEUE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Declares a job type. Queues are created on first use (send/work), with `notify: true`
 * by default so idle workers wake as soon as a job is sent.
 *
 *   export const checkDomainJob = defineJob({
 *     name: 'check-domain',
 *     schema: z.object({ domainId: z.string().uuid(), tick: z.string().nullable() }),
 *     queue: { retryLimit: 3, retryDelay: 10, expireInSeconds: 120 },
 *   });
 */
export function defineJob<S extends z.ZodType>(definition: {
  name: string;
  schema: S;
  queue?: QueueSettings;
}): JobDefinition<S> {
  if (!QUEUE_NAME.test(definition.name)) {
    throw new Error(`Invalid job name ${JSON.stringify(definition.name)}: letters, digits, _ . - only`);
  }
  return Object.freeze({
    name: definition.name,
    schema: definition.schema,
    queue: { notify: true, ...definition.queue },
  });
}

/** A job payload failed its schema: a programming error on the producer's side. */
export class JobPayloadError extends Error {
  override readonly name = 'JobPayloadError' as const;
  constructor(
    readonly job: string,
    readonly issues: string,
  ) {
    super(`Invalid payload for job ${job}: ${issues}`);
  }
}

export function isJobPayloadError(error: unknown): error is JobPayloadError {
  return error instanceof Error && error.name === 'JobPayloadError';
}
