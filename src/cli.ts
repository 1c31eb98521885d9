#!/usr/bin/env node
/** The `monstack` command line. */
import * as path from 'path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { buildStack } from './build-stack';
import { blamingExtensions } from './extensions/run';
import { loadEnvironment } from './config/load';
import { ConfigWarning, formatWarning } from './config/warnings';
import { errorLine } from './error-line';
import { DEFAULT_OUT_DIR } from './paths';
import { describeForKubernetes } from './render/kubernetes/renderer';
import { synth, Target, TARGET_NAMES } from './synth';
import { targetNamed } from './targets';

// Each command loads what only it needs when it runs (validate brings the Kubernetes schema checks):
// a process pays for one command, not all four. (Secrets are printed by each target: src/targets.)
const validateCommand = () => require('./commands/validate') as typeof import('./commands/validate');
const listCommand = () => require('./commands/list') as typeof import('./commands/list');

function targetsOf(choice: string): Target[] {
  return choice === 'all' ? [...TARGET_NAMES] : [choice];
}

function warn(warning: ConfigWarning): void {
  process.stderr.write(`${formatWarning(warning)}\n`);
}

/** yargs turns a repeated option into an array; an option that takes one value is refused when repeated. */
function onlyOnce(...names: string[]): (argv: Record<string, unknown>) => true {
  return (argv) => {
    const repeated = names.find((n) => Array.isArray(argv[n]));
    if (repeated) throw new Error(`--${repeated} takes one value; it was given ${(argv[repeated] as unknown[]).length} times`);
    return true;
  };
}

function fail(error: unknown): never {
  process.stderr.write(`${errorLine(error)}\n`);
  process.exit(1);
}

/** A command handler whose errors, sync or async, end the process with the message and exit code 1. */
function reportingErrors<A>(handler: (args: A) => void | Promise<void>): (args: A) => Promise<void> {
  return async (args) => {
    try {
      await handler(args);
    } catch (e) {
      fail(e);
    }
  };
}

export async function main(argv: string[]): Promise<void> {
  // Whatever escapes a handler (a rejection an extension left behind, an error in yargs itself) is
  // still one line on stderr and exit code 1, never a stack trace or a dump of minified source.
  process.on('unhandledRejection', fail);
  process.on('uncaughtException', fail);
  try {
    await yargs(argv)
    .scriptName('monstack')
    .usage('$0 <command> [options]')
    .command(
      'synth',
      'Synthesize Kubernetes manifests and docker-compose stacks',
      (y) =>
        y
          .option('env', { type: 'string', array: true, default: [] as string[], describe: 'Built-in environment name or YAML file (repeatable); default: every built-in one' })
          .option('target', { choices: [...TARGET_NAMES, 'all'], default: 'all', describe: 'What to render' })
          // Relative to where the user runs it, as cdk8s' `dist/`: never inside the installed package.
          .option('out', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'Output directory' })
          .check(onlyOnce('target', 'out')),
      reportingErrors(async (args) => {
        const outDir = path.resolve(args.out);
        const written = await synth({ envs: args.env, targets: targetsOf(args.target), outDir: args.out, onWarning: warn });
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
          .option('dir', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'Output root (holding k8s/ and compose/) or one output directory' })
          .check(onlyOnce('dir')),
      reportingErrors(async (args) => {
        const { formatReports, runValidate } = validateCommand();
        const reports = await runValidate({ envs: args.env, dir: args.dir });
        const report = formatReports(reports);
        const failed = reports.some((r) => r.problems.length > 0);
        (failed ? process.stderr : process.stdout).write(report);
        process.exitCode = failed ? 1 : 0;
      }),
    )
    .command(
      'list',
      'Show every service: URL, port and where its credentials come from',
      (y) => y.option('env', { type: 'string', default: 'dev', describe: 'Environment name or file' }).check(onlyOnce('env')),
      reportingErrors(async (args) => {
        const { accessRows, formatTable } = listCommand();
        const env = loadEnvironment(args.env);
        env.warnings.forEach(warn);
        const stack = await buildStack(env);
        const table = await blamingExtensions(env.extensions, () => formatTable(accessRows(describeForKubernetes(stack), env)));
        process.stdout.write(`${table}\n`);
      }),
    )
    .command(
      'secrets',
      'Print freshly generated credentials (Kubernetes Secrets or a compose .env) to stdout',
      (y) =>
        y
          .option('env', { type: 'string', default: 'dev', describe: 'Environment name or file' })
          .option('target', { choices: [...TARGET_NAMES], default: 'k8s', describe: 'Secret manifests or a .env file' })
          .check(onlyOnce('env', 'target')),
      reportingErrors(async (args) => {
        const env = loadEnvironment(args.env);
        env.warnings.forEach(warn);
        // Each target asks for what it runs: compose's single Elasticsearch node needs no transport certificates.
        const stack = await buildStack(env);
        // Built in full before the one write: a failure on the way prints no credential at all.
        const text = await blamingExtensions(env.extensions, () => {
          return targetNamed(args.target).secrets(stack);
        });
        process.stdout.write(text);
      }),
    )
    .demandCommand(1, 'name a command: synth, validate, list or secrets')
    .strict()
    .help()
    // A usage mistake is one line, as every other refusal: yargs' words, and where the options are listed.
    .fail((message, error) => fail(error ?? new Error(`${message.replace(/\s*\n\s*/g, ' ')} (see monstack --help, or monstack <command> --help)`)))
    .parseAsync();
  } catch (e) {
    fail(e);
  }
}

if (require.main === module) void main(hideBin(process.argv));
