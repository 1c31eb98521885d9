/**
 * Entry point for `cdk8s synth` (cdk8s.yaml): renders one environment's Kubernetes manifests into the
 * directory cdk8s-cli gives, after the same checks as `monstack synth`. MONSTACK_ENV picks the
 * environment (a name or a file; default dev).
 */
import * as path from 'path';
import { buildStack } from './build-stack';
import { loadEnvironment } from './config/load';
import { formatWarning } from './config/warnings';
import { writeUnits } from './output/write';
import { renderStack } from './synth';

const env = loadEnvironment(process.env.MONSTACK_ENV ?? 'dev');
for (const warning of env.warnings) process.stderr.write(`${formatWarning(warning)}\n`);
const outDir = path.resolve(process.env.CDK8S_OUTDIR ?? 'cdk8s.out');
const kubernetes = renderStack(buildStack(env), ['k8s']).filter((unit) => unit.dir.startsWith('k8s/'));
writeUnits(outDir, kubernetes.map((unit) => ({ dir: env.name, files: unit.files })));
