/**
 * promtool and amtool over the operator target's output: `promtool check rules` on the groups of each
 * PrometheusRule (the operator hands them to Prometheus as one rule file each) and `amtool check-config`
 * on the Alertmanager configuration Secret, its credential files laid out as placeholders where the chart
 * mounts them. Everything is staged under a temporary directory that is removed afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { toYaml } from '../../constructs/yaml';
import { ALERTMANAGER_CONFIG_KEY } from '../render/operator/alertmanager';
import { findOnPath, runTool } from './host-tools';
import { isObject, loadManifests, Manifest, Obj } from './output';
import { Problem } from './problem';
import { failedSections, ToolCheckResult, ToolRun } from './tool-checks';
import { WEBHOOK_URL_FALLBACK } from './staging';

/** Every `*_file` path of a configuration moved under `root`, each file created with a placeholder. */
function stageFiles(value: unknown, root: string): unknown {
  if (Array.isArray(value)) return value.map((v) => stageFiles(v, root));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key.endsWith('_file') && typeof child === 'string' && path.isAbsolute(child)) {
        const staged = path.join(root, child);
        fs.mkdirSync(path.dirname(staged), { recursive: true });
        fs.writeFileSync(staged, 'placeholder\n');
        return [key, staged];
      }
      return [key, stageFiles(child, root)];
    }),
  );
}

function problemsFrom(check: string, output: { status: number | null; output: string; failure?: string }, m: Manifest, scratch: string): Problem[] {
  const location = { file: m.file, object: m.id };
  const clean = (text: string) => text.split(scratch).join('');
  if (output.failure) return [{ ...location, check, message: `${check} ${output.failure}` }];
  if (output.status === 0) return [];
  const sections = failedSections(output.output);
  if (sections.length === 0) return [{ ...location, check, message: clean(output.output.trim().replace(/\s*\n\s*/g, ' ')) || `exited ${output.status}` }];
  return sections.map((s) => ({ ...location, check, message: clean(s.message) }));
}

export function checkOperatorWithTools(dir: string, label: string, searchPath?: string): ToolCheckResult {
  const problems: Problem[] = [];
  const manifests = loadManifests(path.resolve(dir), label, problems);
  const rules = manifests.filter((m) => m.doc.kind === 'PrometheusRule');
  const configs = manifests.filter((m) => m.doc.kind === 'Secret' && typeof m.doc.stringData?.[ALERTMANAGER_CONFIG_KEY] === 'string');
  const runs: ToolRun[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-operator-tools-'));
  try {
    const promtool = findOnPath('promtool', searchPath);
    if (!promtool) runs.push({ check: 'promtool check rules', status: 'skipped', files: 0, note: 'promtool is not on PATH' });
    else if (rules.length === 0) runs.push({ check: 'promtool check rules', status: 'nothing to check', files: 0 });
    else {
      rules.forEach((m, i) => {
        const file = path.join(root, `rules-${i}`, `${m.doc.metadata?.name ?? i}.yaml`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, toYaml({ groups: (m.doc.spec as Obj | undefined)?.groups ?? [] }));
        problems.push(...problemsFrom('promtool check rules', runTool(promtool, ['check', 'rules', file], path.dirname(file)), m, root));
      });
      runs.push({ check: 'promtool check rules', status: 'run', files: rules.length });
    }
    const amtool = findOnPath('amtool', searchPath);
    if (!amtool) runs.push({ check: 'amtool check-config', status: 'skipped', files: 0, note: 'amtool is not on PATH' });
    else if (configs.length === 0) runs.push({ check: 'amtool check-config', status: 'nothing to check', files: 0 });
    else {
      let note: string | undefined;
      configs.forEach((m, i) => {
        const scratch = path.join(root, `alertmanager-${i}`);
        fs.mkdirSync(scratch, { recursive: true });
        let config: unknown;
        try {
          config = yaml.load(m.doc.stringData[ALERTMANAGER_CONFIG_KEY]);
        } catch (e) {
          problems.push({ file: m.file, object: m.id, check: 'amtool check-config', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
          return;
        }
        const file = path.join(scratch, 'alertmanager.yaml');
        const staged = stageFiles(config, path.join(scratch, 'mounted')) as Obj;
        fs.writeFileSync(file, toYaml(staged));
        let result = runTool(amtool, ['check-config', file], scratch);
        // An amtool older than the webhook's url_file (Debian's 0.25), as for the other targets.
        if (result.status !== 0 && WEBHOOK_URL_FALLBACK.refusal.test(result.output)) {
          fs.writeFileSync(file, toYaml(WEBHOOK_URL_FALLBACK.rewrite(staged)));
          result = runTool(amtool, ['check-config', file], scratch);
          note = WEBHOOK_URL_FALLBACK.note;
        }
        problems.push(...problemsFrom('amtool check-config', result, m, root));
      });
      runs.push({ check: 'amtool check-config', status: 'run', files: configs.length, ...(note ? { note } : {}) });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { runs, problems };
}
