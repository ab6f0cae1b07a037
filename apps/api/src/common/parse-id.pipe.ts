import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Path ids are UUIDs; anything else cannot name a row, so it is a 404 like an unknown id
 * (and never reaches Postgres's uuid cast).
 *
 *   findOne(@Param('id', new ParseIdPipe('Client')) id: string)
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly entity: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw notFound(this.entity, value);
    return value.toLowerCase();
  }
}
