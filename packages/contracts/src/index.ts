export * from './common';
export * from './clients';
export * from './checks';
export * from './snapshots';
export * from './alerts';
export * from './provider-events';
export * from './services';
