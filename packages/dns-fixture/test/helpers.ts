import * as dgram from 'node:dgram';
import { promises as dns } from 'node:dns';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';

/** A decoded response as dns-packet really returns it (rcode and type-99 records included). */
export type Decoded = dnsPacket.DecodedPacket & { rcode: string };

/** Node's own stub resolver (c-ares), pointed at the fixture only. */
export function nodeResolver(address: string, timeout = 1000): dns.Resolver {
  const resolver = new dns.Resolver({ timeout, tries: 1 });
  resolver.setServers([address]);
  return resolver;
}

/** Resolves to the error code Node's resolver fails with (throws if it succeeds). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    const value = await promise;
    throw new Error(`expected a DNS error, got ${JSON.stringify(value)}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    return code;
  }
}

export function query(name: string, type: string, opts: { id?: number; edns?: number } = {}): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: opts.id ?? 4242,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as dnsPacket.RecordType, class: 'IN' }],
    additionals:
      opts.edns === undefined
        ? []
        : [{ type: 'OPT', name: '.', udpPayloadSize: opts.edns, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  });
}

/** Sends one datagram; resolves with the raw answer, or undefined when none came in time. */
export function udpExchange(port: number, message: Buffer, waitMs = 1000): Promise<Buffer | undefined> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(undefined), waitMs);
    const finish = (answer: Buffer | undefined): void => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    socket.once('error', reject);
    socket.once('message', (answer) => finish(answer));
    socket.send(message, port, '127.0.0.1');
  });
}

export async function udpQuery(port: number, message: Buffer): Promise<Decoded> {
  const answer = await udpExchange(port, message);
  if (answer === undefined) throw new Error('no UDP answer');
  return dnsPacket.decode(answer) as Decoded;
}

/** Writes the given octets to one TCP connection and collects `expected` length-prefixed answers. */
export function tcpExchange(port: number, octets: Buffer, expected: number, waitMs = 2000): Promise<Decoded[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const answers: Decoded[] = [];
    let pending = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`got ${answers.length} of ${expected} TCP answers`));
    }, waitMs);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        answers.push(dnsPacket.decode(pending.subarray(2, 2 + pending.readUInt16BE(0))) as Decoded);
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (answers.length >= expected) {
        clearTimeout(timer);
        socket.end();
        resolve(answers);
      }
    });
    socket.write(octets);
  });
}

/** A query framed for TCP (RFC 1035 §4.2.2), by dns-packet. */
export function framed(message: Buffer): Buffer {
  return dnsPacket.streamEncode(dnsPacket.decode(message));
}

export function txtStrings(answer: dnsPacket.Answer): string[] {
  return ((answer as { data: Buffer[] }).data).map((part) => part.toString('utf8'));
}
