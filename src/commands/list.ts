/** `monstack list`: the access table — each service, where to open it on each target, and where its credentials come from. */
import { ResolvedServiceSpec } from '../../constructs';
import { Environment } from '../config/environment';
import { composeVariable } from '../render/compose/renderer';
import { TARGETS } from '../targets';

export interface AccessRow {
  readonly service: string;
  readonly description: string;
  readonly port: string;
  /** Column title → where to open the service (one column per target that has access URLs). */
  readonly urls: ReadonlyMap<string, string>;
  readonly credentials: string;
}

export function accessRows(specs: readonly ResolvedServiceSpec[], env: Environment): AccessRow[] {
  const columns = TARGETS.flatMap((t) => (t.access ? [t.access] : []));
  return specs.map((spec) => {
    const secrets = [...spec.secretEnv.map((s) => ({ ...s.ref, asFile: false })), ...spec.secretFiles.flatMap((f) => f.refs.map((r) => ({ ...r, asFile: true })))];
    return {
      service: spec.name,
      description: spec.description,
      port: spec.ports.filter((p) => !p.peerOnly && !p.probeOnly).map((p) => `${p.port}${p.protocol === 'UDP' ? '/udp' : ''}`).join(', ') || '-',
      // A scheduled task listens nowhere: it has no address to open.
      urls: new Map(columns.map((c) => [c.column, c.url(spec, env)])),
      credentials: secrets.length
        ? secrets.map((r) => `${r.description}${r.generated ? '' : ' (you provide it)'}: Secret ${r.secret}/${r.key} (k8s), ${r.asFile ? `./secrets/${r.secret}/${r.key}` : `$${composeVariable(r)} in .env`} (compose)`).join('; ')
        : '-',
    };
  });
}

export function formatTable(rows: readonly AccessRow[]): string {
  const columns = TARGETS.flatMap((t) => (t.access ? [t.access.column] : []));
  const header = ['Service', 'Port', ...columns, 'Credentials'];
  const body = rows.map((r) => [r.service, r.port, ...columns.map((c) => r.urls.get(c) ?? '-'), r.credentials]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
