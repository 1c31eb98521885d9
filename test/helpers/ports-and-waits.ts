/** For tests that start real servers on loopback: a free port, and a bounded wait for them to answer. */
import * as net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Probes every 200 ms until it gives a value (errors count as not yet), for at most `seconds`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  for (let i = 0; i < seconds * 5; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}
