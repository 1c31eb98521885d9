/**
 * Entry point for `cdk8s synth` (cdk8s.yaml): renders one environment's Kubernetes manifests into the
 * directory cdk8s-cli gives. MONSTACK_ENV picks the environment (a name or a file; default dev).
 */
import * as path from 'path';
import { buildStack } from './build-stack';
import { loadEnvironment } from './config/load';
import { writeUnits } from './output/write';
import { renderKubernetes } from './render/kubernetes/renderer';

const env = loadEnvironment(process.env.MONSTACK_ENV ?? 'dev');
const outDir = path.resolve(process.env.CDK8S_OUTDIR ?? 'cdk8s.out');
writeUnits(outDir, [{ dir: env.name, files: renderKubernetes(buildStack(env)) }]);
