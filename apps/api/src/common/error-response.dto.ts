import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode, type ErrorResponse } from '@spfwatch/contracts';
import { ERROR_STATUS } from './errors';

export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ enum: ERROR_CODES, example: 'not_found' })
  error!: ErrorCode;
  @ApiProperty({ example: 'Client 0190a3c4-… not found' })
  message!: string;
  @ApiPropertyOptional({
    description: 'validation_failed: { issues: [{ path, message }] }; other codes: extra facts',
    example: { issues: [{ path: 'name', message: 'Required' }] },
  })
  details?: unknown;
  @ApiProperty({ description: 'Same as the x-request-id response header', example: '6f1c…' })
  correlationId!: string;
}

const DESCRIPTIONS: Record<ErrorCode, string> = {
  not_found: 'Not found',
  validation_failed: 'Invalid input (details.issues lists each field)',
  bad_request: 'Malformed request',
  conflict: 'Conflicts with the current state',
  unprocessable: 'Well-formed but cannot be processed',
  payload_too_large: 'Request body larger than BODY_LIMIT',
  service_unavailable: 'A dependency is unavailable',
  internal_error: 'Unexpected error (logged with the correlation id)',
  unauthorized: 'Not signed in (no valid session cookie or API token)',
  forbidden: 'Signed in, but the role does not allow this (or the CSRF token is missing or wrong)',
  too_many_requests: 'Too many attempts: wait for the Retry-After header seconds',
};

/** OpenAPI: documents the error responses a route can give, e.g. `@ApiErrors('validation_failed', 'not_found')`. */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({ status, type: ErrorResponseDto, description: group.map((code) => `${code}: ${DESCRIPTIONS[code]}`).join('; ') }),
    ),
  );
}
