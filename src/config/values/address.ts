/** IP addresses and host:port addresses, checked as the clients that dial them would. */
import { isIP, isIPv4, isIPv6 } from 'node:net';

const LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9_-]*[a-zA-Z0-9])$/;

export function checkIpAddress(text: string): string | undefined {
  return isIP(text) === 0 ? `"${text}" is not an IPv4 or IPv6 address` : undefined;
}

/** Loopback: 127.0.0.0/8 and ::1 (what a compose bind address should be unless the host is meant to serve). */
export function isLoopback(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.');
  if (isIPv6(address)) return /^(0{0,4}:){2,7}0{0,3}1$/.test(address) || address === '::1';
  return false;
}

/** A host name (DNS labels), an IPv4 address or a bracketed IPv6 address. */
export function checkHost(host: string): string | undefined {
  if (host.startsWith('[') && host.endsWith(']')) {
    return isIPv6(host.slice(1, -1)) ? undefined : `"${host}" is not a bracketed IPv6 address`;
  }
  const labels = host.split('.');
  // A name whose last label is all digits can only be an IPv4 address (no top-level domain is numeric).
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return isIPv4(host) ? undefined : `"${host}" is not an IPv4 address`;
  if (host.length > 253 || !labels.every((l) => l.length <= 63 && LABEL.test(l))) {
    return `"${host}" is not a host name (letters, digits and dashes, in dot-separated labels of at most 63)`;
  }
  return undefined;
}

export function checkPort(text: string): string | undefined {
  if (!/^[1-9][0-9]{0,4}$/.test(text) || Number(text) > 65535) return `"${text}" is not a port: 1 to 65535`;
  return undefined;
}

/** `host:port`, with IPv6 hosts in brackets (`[::1]:9100`). */
export function checkHostPort(text: string): string | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return `"${text}" is not host:port (e.g. redis.app.svc:6379)`;
  return checkHost(text.slice(0, colon)) ?? checkPort(text.slice(colon + 1));
}

/**
 * An http(s) URL the stack writes into a configuration: a host (as checkHost), an optional port 1–65535,
 * and no user or password (it would be a credential in the output, readable by anyone with the manifests).
 */
export function checkHttpUrl(text: string): string | undefined {
  const m = /^https?:\/\/([^/?#\s]*)([/?#]\S*)?$/.exec(text);
  if (!m) return `"${text}" is not an http:// or https:// URL`;
  const authority = m[1];
  if (authority.includes('@')) return `"${text}" carries a user or password: it would be a credential in the output; give the URL without it`;
  // A bracketed IPv6 address holds colons of its own; otherwise the host ends at the first one.
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0];
  const rest = authority.slice(host.length);
  if (host === '') return `"${text}" names no host`;
  return checkHost(host) ?? (rest === '' ? undefined : rest.startsWith(':') ? checkPort(rest.slice(1)) : `"${text}" is not host[:port] after the scheme`);
}
