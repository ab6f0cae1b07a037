/**
 * Entry point of the process spawnDnsFixture forks: one DNS fixture, driven over IPC, so a
 * benchmark's measured process does not also serve DNS. Exits when the parent goes away.
 */
import type { ChildMessage, ParentMessage } from './ipc';
import { type DnsFixture, startDnsFixture } from './server';

let fixture: DnsFixture | undefined;

function send(message: ChildMessage): void {
  if (process.connected && process.send !== undefined) process.send(message);
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.kind) {
    case 'start':
      try {
        fixture = await startDnsFixture({ zone: message.zone, host: message.host, port: message.port });
        send({ kind: 'ready', port: fixture.port, address: fixture.address });
      } catch (error) {
        send({ kind: 'failed', message: (error as Error).message });
        process.disconnect();
      }
      return;
    case 'setZone':
      try {
        fixture?.setZone(message.zone);
        send({ kind: 'reply', id: message.id });
      } catch (error) {
        send({ kind: 'error', id: message.id, message: (error as Error).message });
      }
      return;
    case 'stats':
      send({ kind: 'reply', id: message.id, ...(fixture === undefined ? {} : { stats: fixture.stats() }) });
      return;
    case 'stop':
      await fixture?.stop();
      fixture = undefined;
      send({ kind: 'reply', id: message.id });
      process.disconnect();
      return;
  }
}

process.on('message', (message: ParentMessage) => {
  void handle(message);
});
process.on('disconnect', () => {
  void fixture?.stop();
});
