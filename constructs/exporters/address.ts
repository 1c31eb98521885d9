/** host:port addresses of services outside the stack that an exporter reads. */
import { ApplicationAddress } from '../platform';

/** The port of a `host:port` address; throws naming `prop` when the address has none. */
export function portOf(address: string, prop: string): number {
  // A host name or IPv4 address, or an IPv6 address in brackets ([fd00::1]:6379).
  const m = /^(?:[^\s:/[\]]+|\[[0-9a-fA-F:.]+\]):([0-9]{1,5})$/.exec(address);
  const port = m ? Number(m[1]) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`${prop}: "${address}" is not a host:port address (e.g. redis.app.svc:6379)`);
  return port;
}

/** Checks both platforms' addresses at construction, naming the prop, rather than when a renderer asks. */
export function checkAddress(address: ApplicationAddress, prop: string): void {
  portOf(address.cluster, `${prop}.cluster`);
  portOf(address.compose, `${prop}.compose`);
}
