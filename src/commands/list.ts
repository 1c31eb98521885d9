/** `monstack list`: the access table — each service, where to open it, and where its credentials come from. */
import { ResolvedServiceSpec } from '../../constructs';
import { Environment } from '../config/environment';
import { composeVariable } from '../render/compose/renderer';

export interface AccessRow {
  readonly service: string;
  readonly description: string;
  readonly port: string;
  readonly composeUrl: string;
  readonly kubernetesUrl: string;
  readonly credentials: string;
}

export function accessRows(specs: readonly ResolvedServiceSpec[], env: Environment): AccessRow[] {
  return specs.map((spec) => {
    const facing = spec.ports.find((p) => p.userFacing) ?? spec.ports.find((p) => !p.peerOnly && !p.probeOnly);
    const port = facing?.port;
    // Ports named for HTTP (http, http-query) get a URL; others (Logstash's beats) an address.
    const scheme = facing?.name.startsWith('http') ? 'http://' : '';
    const secrets = [...spec.secretEnv.map((s) => ({ ...s.ref, asFile: false })), ...spec.secretFiles.flatMap((f) => f.refs.map((r) => ({ ...r, asFile: true })))];
    return {
      service: spec.name,
      description: spec.description,
      port: spec.ports.filter((p) => !p.peerOnly && !p.probeOnly).map((p) => `${p.port}${p.protocol === 'UDP' ? '/udp' : ''}`).join(', ') || '-',
      // A scheduled task listens nowhere: it has no address to open.
      composeUrl: !facing ? '-' : facing.userFacing ? `${scheme}${hostOf(env.bindAddress)}:${port}` : `${spec.name}:${port} (inside the compose network)`,
      kubernetesUrl: !facing ? '-' : `${scheme}${spec.name}.${env.namespace}.svc:${port}`,
      credentials: secrets.length
        ? secrets.map((r) => `${r.description}${r.generated ? '' : ' (you provide it)'}: Secret ${r.secret}/${r.key} (k8s), ${r.asFile ? `./secrets/${r.secret}/${r.key}` : `$${composeVariable(r)} in .env`} (compose)`).join('; ')
        : '-',
    };
  });
}

function hostOf(bindAddress: string): string {
  if (bindAddress === '0.0.0.0' || bindAddress === '127.0.0.1') return 'localhost';
  return bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress;
}

export function formatTable(rows: readonly AccessRow[]): string {
  const header = ['Service', 'Port', 'Compose URL', 'Kubernetes URL (in cluster)', 'Credentials'];
  const body = rows.map((r) => [r.service, r.port, r.composeUrl, r.kubernetesUrl, r.credentials]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
