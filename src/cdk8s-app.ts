/**
 * Entry point for `cdk8s synth` (cdk8s.yaml): renders one environment's Kubernetes manifests into the
 * directory cdk8s-cli gives, after the same checks as `monstack synth`. MONSTACK_ENV picks the
 * environment (a name or a file; default dev).
 */
import { buildStack } from './build-stack';
import { loadEnvironment } from './config/load';
import { formatWarning } from './config/warnings';
import { errorLine } from './error-line';
import { checkOutDir } from './output/out-dir';
import { writeUnits } from './output/write';
import { renderStack } from './synth';

async function main(): Promise<void> {
  const env = loadEnvironment(process.env.MONSTACK_ENV ?? 'dev');
  for (const warning of env.warnings) process.stderr.write(`${formatWarning(warning)}\n`);
  const outDir = process.env.CDK8S_OUTDIR ?? 'cdk8s.out';
  checkOutDir(outDir, process.cwd(), 'CDK8S_OUTDIR');
  const kubernetes = renderStack(await buildStack(env), ['k8s']).filter((unit) => unit.dir.startsWith('k8s/'));
  writeUnits(outDir, kubernetes.map((unit) => ({ dir: env.name, files: unit.files })));
}

main().catch((e: unknown) => {
  process.stderr.write(`${errorLine(e)}\n`);
  process.exit(1);
});
