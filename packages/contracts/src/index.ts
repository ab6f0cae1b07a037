export * from './checks';
export * from './snapshots';
export * from './alerts';
export * from './provider-events';
