#!/usr/bin/env node
/** The `monstack` command line. */
import * as path from 'path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { buildStack } from './build-stack';
import { accessRows, formatTable } from './commands/list';
import { composeEnvFile, kubernetesSecrets, secretRefs } from './commands/secrets';
import { formatReports, runValidate } from './commands/validate';
import { loadEnvironment } from './config/load';
import { ConfigError } from './config/errors';
import { ConfigWarning, formatWarning } from './config/warnings';
import { DEFAULT_OUT_DIR } from './paths';
import { describeForKubernetes } from './render/kubernetes/renderer';
import { ComposePlatform } from './render/compose/platform';
import { synth, Target, TARGETS } from './synth';

function targetsOf(choice: string): Target[] {
  return choice === 'all' ? [...TARGETS] : [choice as Target];
}

function warn(warning: ConfigWarning): void {
  process.stderr.write(`${formatWarning(warning)}\n`);
}

function fail(error: unknown): never {
  const message = error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A command handler whose errors end the process with the message and exit code 1. */
function reportingErrors<A>(handler: (args: A) => void): (args: A) => void {
  return (args) => {
    try {
      handler(args);
    } catch (e) {
      fail(e);
    }
  };
}

export function main(argv: string[]): void {
  void yargs(argv)
    .scriptName('monstack')
    .usage('$0 <command> [options]')
    .command(
      'synth',
      'Synthesize Kubernetes manifests and docker-compose stacks',
      (y) =>
        y
          .option('env', { type: 'string', array: true, default: [] as string[], describe: 'Built-in environment name or YAML file (repeatable); default: every built-in one' })
          .option('target', { choices: ['k8s', 'compose', 'all'], default: 'all', describe: 'What to render' })
          .option('out', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'Output directory' }),
      reportingErrors((args) => {
        const outDir = path.resolve(args.out);
        const written = synth({ envs: args.env, targets: targetsOf(args.target), outDir, onWarning: warn });
        const byDir = new Map<string, number>();
        for (const file of written) {
          const unit = file.split(path.sep).slice(0, 2).join('/');
          byDir.set(unit, (byDir.get(unit) ?? 0) + 1);
        }
        for (const [dir, count] of byDir) process.stdout.write(`wrote ${path.join(path.relative(process.cwd(), outDir) || '.', dir)}/ (${count} files)\n`);
      }),
    )
    .command(
      'validate',
      'Check synthesized output: strict Kubernetes schema, references, security baseline, probes, credentials, PromQL, and promtool and amtool where they are on PATH',
      (y) =>
        y
          .option('env', { type: 'string', array: true, default: [] as string[], describe: 'Environment name or file (repeatable); default: every directory under --dir' })
          .option('dir', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'Output root (holding k8s/ and compose/) or one output directory' }),
      reportingErrors((args) => {
        const reports = runValidate({ envs: args.env, dir: args.dir });
        const report = formatReports(reports);
        const failed = reports.some((r) => r.problems.length > 0);
        (failed ? process.stderr : process.stdout).write(report);
        process.exitCode = failed ? 1 : 0;
      }),
    )
    .command(
      'list',
      'Show every service: URL, port and where its credentials come from',
      (y) => y.option('env', { type: 'string', default: 'dev', describe: 'Environment name or file' }),
      reportingErrors((args) => {
        const env = loadEnvironment(args.env);
        env.warnings.forEach(warn);
        process.stdout.write(`${formatTable(accessRows(describeForKubernetes(buildStack(env)), env))}\n`);
      }),
    )
    .command(
      'secrets',
      'Print freshly generated credentials (Kubernetes Secrets or a compose .env) to stdout',
      (y) =>
        y
          .option('env', { type: 'string', default: 'dev', describe: 'Environment name or file' })
          .option('target', { choices: ['k8s', 'compose'], default: 'k8s', describe: 'Secret manifests or a .env file' }),
      reportingErrors((args) => {
        const env = loadEnvironment(args.env);
        env.warnings.forEach(warn);
        // Each target asks for what it runs: compose's single Elasticsearch node needs no transport certificates.
        const stack = buildStack(env);
        const refs = secretRefs(args.target === 'k8s' ? describeForKubernetes(stack) : stack.describe(new ComposePlatform()));
        process.stdout.write(args.target === 'k8s' ? kubernetesSecrets(refs, env.namespace) : composeEnvFile(refs));
      }),
    )
    .demandCommand(1, 'name a command: synth, validate, list or secrets')
    .strict()
    .help()
    .parse();
}

if (require.main === module) main(hideBin(process.argv));
