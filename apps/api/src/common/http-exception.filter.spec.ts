import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError } from './errors';
import { mapError } from './http-exception.filter';

function prismaError(code: string): Error {
  return Object.assign(new Error(`prisma ${code}`), { name: 'PrismaClientKnownRequestError', code });
}

describe('mapError', () => {
  it.each([
    ['not_found', 404],
    ['validation_failed', 400],
    ['bad_request', 400],
    ['conflict', 409],
    ['unprocessable', 422],
    ['payload_too_large', 413],
    ['service_unavailable', 503],
    ['internal_error', 500],
  ] as const)('maps AppError %s to %i', (code, status) => {
    const mapped = mapError(new AppError(code, 'why', { a: 1 }));
    expect(mapped).toEqual({ status, body: { error: code, message: 'why', details: { a: 1 } }, unexpected: false });
  });

  it('leaves details out when there are none', () => {
    expect(mapError(new AppError('conflict', 'taken')).body).toEqual({ error: 'conflict', message: 'taken' });
  });

  it("maps Nest's HTTP exceptions by status", () => {
    expect(mapError(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, body: { error: 'not_found', message: 'Cannot GET /x' } });
    expect(mapError(new BadRequestException(['a', 'b']))).toMatchObject({ status: 400, body: { error: 'bad_request', message: 'a; b' } });
    expect(mapError(new PayloadTooLargeException())).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    expect(mapError(new HttpException('Teapot', 418))).toMatchObject({ status: 418, body: { error: 'bad_request', message: 'Teapot' } });
  });

  it("maps body-parser errors (http-errors with a type)", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, expose: true });
    expect(mapError(tooLarge)).toMatchObject({ status: 413, body: { error: 'payload_too_large', message: 'Request body is too large' } });
    const charset = Object.assign(new Error('unsupported charset "X"'), { type: 'charset.unsupported', status: 415, expose: true });
    expect(mapError(charset)).toMatchObject({ status: 415, body: { error: 'bad_request', message: 'unsupported charset "X"' } });
  });

  it('maps stray Prisma unique and not-found errors, and hides everything else', () => {
    expect(mapError(prismaError('P2002'))).toMatchObject({ status: 409, body: { error: 'conflict' } });
    expect(mapError(prismaError('P2025'))).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(mapError(prismaError('P2003'))).toEqual({ status: 500, body: { error: 'internal_error', message: 'Internal server error' }, unexpected: true });
    expect(mapError(new Error('password=hunter2'))).toEqual({ status: 500, body: { error: 'internal_error', message: 'Internal server error' }, unexpected: true });
    expect(mapError(new HttpException('upstream exploded', 502)).unexpected).toBe(true);
    expect(mapError('a string')).toMatchObject({ status: 500 });
  });
});
