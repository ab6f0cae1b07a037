// Jest globalTeardown: drops the database / stops and deletes the embedded cluster
// created by ./global-setup.mjs.
export default async function globalTeardown() {
  const database = globalThis.__SPFWATCH_TEST_DATABASE__;
  globalThis.__SPFWATCH_TEST_DATABASE__ = undefined;
  await database?.teardown();
}
