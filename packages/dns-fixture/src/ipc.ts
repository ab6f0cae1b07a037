import type { FixtureStats } from './server';
import type { Zone } from './zone';

/** Calls from spawnDnsFixture (parent) to child.ts over the fork IPC channel; the parent adds an id. */
export type ParentRequest =
  | { readonly kind: 'setZone'; readonly zone: Zone }
  | { readonly kind: 'stats' }
  | { readonly kind: 'stop' };

export type ParentMessage =
  | { readonly kind: 'start'; readonly zone: Zone; readonly host: string; readonly port: number }
  | (ParentRequest & { readonly id: number });

export type ChildMessage =
  | { readonly kind: 'ready'; readonly port: number; readonly address: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'reply'; readonly id: number; readonly stats?: FixtureStats }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
