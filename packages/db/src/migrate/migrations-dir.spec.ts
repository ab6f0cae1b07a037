import { migrationChecksum, migrationSlug, migrationTimestamp } from './migrations-dir';
import { isEmptyMigrationSql } from './engine';

describe('migration folder helpers', () => {
  it('names folders like Prisma: UTC timestamp + snake_case name', () => {
    expect(migrationTimestamp(new Date(Date.UTC(2026, 10, 22, 5, 3, 9)))).toBe('20261122050309');
    expect(migrationSlug('Add alert policies!')).toBe('add_alert_policies');
    expect(() => migrationSlug('  !! ')).toThrow(/Invalid migration name/);
  });

  it('checksums migration.sql with sha256 hex', () => {
    expect(migrationChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('treats a script of comments as empty', () => {
    expect(isEmptyMigrationSql('-- This is an empty migration.\n\n')).toBe(true);
    expect(isEmptyMigrationSql('-- AddColumn\nALTER TABLE "a" ADD COLUMN "b" INT;\n')).toBe(false);
  });
});
