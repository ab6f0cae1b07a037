export { FixtureConfigError, isFixtureConfigError, isZoneError, ZoneError } from './errors';
export { type DnsFixture, type FixtureStats, startDnsFixture, type StartDnsFixtureOptions } from './server';
export { spawnDnsFixture, type SpawnDnsFixtureOptions, type SpawnedDnsFixture } from './spawn';
export {
  type Behaviour,
  type BehaviourAction,
  type BehaviourByType,
  type DelayBehaviour,
  loadZone,
  type MxValue,
  type TxtValue,
  type Zone,
  type ZoneName,
} from './zone';
