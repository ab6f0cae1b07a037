import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { ValidationIssue } from '@spfwatch/contracts';
import type { z } from 'zod';
import { AppError } from './errors';

const WHERE: Record<ArgumentMetadata['type'], string> = {
  body: 'request body',
  query: 'query parameters',
  param: 'path parameters',
  custom: 'input',
};

/** zod issues → `{ path, message }` with short messages ("Required" for a missing field). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) message = 'Required';
    else if (issue.code === 'unrecognized_keys') message = `Unknown field(s): ${issue.keys.join(', ')}`;
    return { path, message };
  });
}

/** One line naming each field: `name: Required; notes: Expected string`. */
export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

/**
 * Validates and converts a body, query or param with a zod schema; the handler receives
 * the parsed value. Failure: 400 `validation_failed`, `details.issues` per field.
 *
 *   create(@Body(new ZodValidationPipe(createClientSchema)) body: CreateClientDto)
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    // A missing JSON body arrives as {} from express; text bodies are never validated here.
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = toValidationIssues(result.error);
    throw new AppError('validation_failed', `Invalid ${WHERE[metadata.type]}: ${describeIssues(issues)}`, { issues });
  }
}
