/**
 * `validateOutput`: every check over one synthesized output directory — dist/k8s/<env> (strict
 * schema, references, security baseline, probes, credentials, PromQL) or dist/compose/<env>
 * (security baseline, healthchecks, published ports, bind mounts, credentials, PromQL).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { checkComposeFile } from './compose';
import { scanText, scanValue } from './credentials';
import { checkElasticSuperuserCompose, checkElasticSuperuserKubernetes } from './elastic-superuser';
import { checkKustomization, checkReferences, UserSecret } from './kubernetes-references';
import { checkComposeFileReferences, checkKubernetesFileReferences } from './file-references';
import { checkNetworkLinks } from './kubernetes-network';
import { checkSchema } from './kubernetes-schema';
import { checkPodSecurity } from './kubernetes-security';
import { checkObjectNames } from './object-names';
import { composeFileIn, detectKind, isObject, isRegularFile, listFiles, loadManifests, Manifest, OutputKind, parseYamlDocs } from './output';
import { podTemplates } from './pods';
import { Problem } from './problem';
import { checkOperatorSchema, isOperatorResource } from './operator-schema';
import { ALERTMANAGER_CONFIG_KEY, ALERTMANAGER_CONFIG_SECRET } from '../render/operator/alertmanager';
import { checkRuleFile, isRuleFile } from './rules';

export { formatProblem, Problem } from './problem';
export { UserSecret } from './kubernetes-references';
export { checkWithTools, formatToolRun, ToolCheckResult, ToolRun } from './tool-checks';

export interface ValidateOptions {
  /** Secrets the user creates (`monstack secrets`); pods may refer to these and only these outside the output. @default none */
  readonly userSecrets?: readonly UserSecret[];
  /** Address compose must publish ports on. @default '127.0.0.1' */
  readonly bindAddress?: string;
  /** How file names start in problems. @default the directory's last two path parts, e.g. `k8s/dev` */
  readonly label?: string;
}

export interface ValidationResult {
  readonly kind: OutputKind;
  readonly problems: Problem[];
}

function parseEmbedded(text: string): unknown {
  try {
    return yaml.load(text);
  } catch {
    return undefined;
  }
}

/**
 * What the operator target hands the cluster's own monitoring: its custom resources, the Alertmanager
 * configuration Secret and the Grafana sidecars' ConfigMaps. No pod of the output refers to them.
 */
function forClusterMonitoring(m: Manifest): boolean {
  const labels = (m.doc.metadata?.labels ?? {}) as Record<string, string>;
  return isOperatorResource(m) || labels.grafana_dashboard === '1' || labels.grafana_datasource === '1' || isAlertmanagerConfigSecret(m);
}

/** The routing Secret for the cluster's Alertmanager: configuration (file references, no credential) under one key. */
function isAlertmanagerConfigSecret(m: Manifest): boolean {
  return m.doc.kind === 'Secret' && m.doc.metadata?.name === ALERTMANAGER_CONFIG_SECRET && Object.keys(m.doc.stringData ?? {}).join() === ALERTMANAGER_CONFIG_KEY && !m.doc.data;
}

function validateKubernetes(dir: string, label: string, options: ValidateOptions, operator = false): Problem[] {
  const problems: Problem[] = [];
  const manifests = loadManifests(dir, label, problems);
  const own = operator ? manifests.filter((m) => !forClusterMonitoring(m)) : manifests;
  problems.push(...checkSchema(operator ? manifests.filter((m) => !isOperatorResource(m)) : manifests));
  if (operator) problems.push(...checkOperatorSchema(manifests));
  problems.push(...checkObjectNames(manifests));
  problems.push(...checkReferences(own, options.userSecrets ?? []));
  for (const pod of podTemplates(own)) problems.push(...checkPodSecurity(pod));
  problems.push(...checkNetworkLinks(own));
  problems.push(...checkElasticSuperuserKubernetes(own));
  problems.push(...checkKubernetesFileReferences(own, options.userSecrets ?? []));

  const kustomizationFile = path.join(dir, 'kustomization.yaml');
  if (isRegularFile(kustomizationFile)) {
    const kustomization = parseYamlDocs(fs.readFileSync(kustomizationFile, 'utf8'), `${label}/kustomization.yaml`, problems)[0];
    const manifestFiles = listFiles(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
    problems.push(...checkKustomization(isObject(kustomization) ? kustomization : undefined, manifestFiles, label));
  }

  for (const m of manifests) {
    const location = { file: m.file, object: m.id };
    problems.push(...scanValue(m.doc, location));
    if (operator && isAlertmanagerConfigSecret(m)) {
      const config = parseEmbedded(m.doc.stringData[ALERTMANAGER_CONFIG_KEY]);
      if (isObject(config)) problems.push(...scanValue(config, { ...location, base: ['stringData', ALERTMANAGER_CONFIG_KEY] }));
      else problems.push({ ...location, path: `.stringData.${ALERTMANAGER_CONFIG_KEY}`, check: 'alertmanager', message: 'is not a YAML mapping' });
      continue;
    }
    if (operator && m.doc.kind === 'PrometheusRule' && isRuleFile(m.doc.spec)) {
      problems.push(...checkRuleFile(m.doc.spec, { ...location, base: ['spec'] }));
      continue;
    }
    if (m.doc.kind === 'Secret' && (Object.keys(m.doc.data ?? {}).length > 0 || Object.keys(m.doc.stringData ?? {}).length > 0)) {
      problems.push({ ...location, path: m.doc.data ? '.data' : '.stringData', check: 'credentials', message: 'a Secret with values is in the output; credentials come from `monstack secrets`' });
    }
    if (m.doc.kind !== 'ConfigMap' || !isObject(m.doc.data)) continue;
    for (const [key, text] of Object.entries(m.doc.data)) {
      if (typeof text !== 'string') continue;
      const embedded = parseEmbedded(text);
      const base = ['data', key];
      if (isObject(embedded)) problems.push(...scanValue(embedded, { ...location, base }));
      if (isRuleFile(embedded)) problems.push(...checkRuleFile(embedded, { ...location, base }));
    }
  }
  for (const rel of listFiles(dir)) problems.push(...scanText(fs.readFileSync(path.join(dir, rel), 'utf8'), `${label}/${rel}`));
  return problems;
}

function validateCompose(dir: string, label: string, options: ValidateOptions): Problem[] {
  const problems: Problem[] = [];
  const composeFile = composeFileIn(dir) as string;
  const secretNames = new Set((options.userSecrets ?? []).map((s) => s.secret));
  for (const rel of listFiles(dir)) {
    const file = `${label}/${rel}`;
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    problems.push(...scanText(text, file));
    if (!/\.(ya?ml|json)$/.test(rel)) continue;
    const docs = parseYamlDocs(text, file, problems);
    for (const doc of docs) {
      problems.push(...scanValue(doc, { file }));
      if (rel === composeFile) {
        problems.push(...checkComposeFile(doc, file, dir, { bindAddress: options.bindAddress ?? '127.0.0.1', userSecretNames: secretNames }));
        if (isObject(doc)) problems.push(...checkComposeFileReferences(doc, dir, file, options.userSecrets ?? []));
        if (isObject(doc)) problems.push(...checkElasticSuperuserCompose(doc, file, dir));
      }
      else if (isRuleFile(doc)) problems.push(...checkRuleFile(doc, { file }));
    }
  }
  return problems;
}

export function validateOutput(dir: string, options: ValidateOptions = {}): ValidationResult {
  const resolved = path.resolve(dir);
  const kind = detectKind(resolved);
  return { kind, problems: kind === 'k8s' ? validateKubernetesOutput(resolved, options) : validateComposeOutput(resolved, options) };
}

/** How file names start in problems: the label given, or the directory's last two path parts. */
export function labelFor(dir: string, options: Pick<ValidateOptions, 'label'>): string {
  return options.label ?? path.resolve(dir).split(path.sep).slice(-2).join('/');
}

/** Every check over a directory of Kubernetes manifests. */
export function validateKubernetesOutput(dir: string, options: ValidateOptions = {}): Problem[] {
  return validateKubernetes(path.resolve(dir), labelFor(dir, options), options);
}

/** Every check over the operator target's output: the Kubernetes checks, and the custom resources against the operator's CRDs. */
export function validateOperatorOutput(dir: string, options: ValidateOptions = {}): Problem[] {
  return validateKubernetes(path.resolve(dir), labelFor(dir, options), options, true);
}

/** Every check over a compose stack's directory. */
export function validateComposeOutput(dir: string, options: ValidateOptions = {}): Problem[] {
  return validateCompose(path.resolve(dir), labelFor(dir, options), options);
}
