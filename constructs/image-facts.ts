/**
 * What an image is, as far as the stack depends on it: the user it runs as, the programs a health check,
 * a setup step or a scheduled task may call inside it, the paths its program writes, what its entrypoint
 * does with environment variables — each with the upstream file it was read from. Commands are built
 * from these records (`httpCheckCommand`) and checked against them (`toolProblems`), so a check that
 * calls a tool the image lacks fails a test instead of a host. Bumping an image means re-reading them.
 */

/** An upstream file a fact was read from: repository, path, and the tag (or commit) it was read at. */
export interface Evidence {
  readonly repo: string;
  readonly path: string;
  readonly ref: string;
  /** What this file shows, when the record has several. */
  readonly shows?: string;
}

export interface ImageFacts {
  /** Pinned reference, never `latest`. */
  readonly image: string;
  /** The user the image's own USER line names, as uid:gid; 'root' when it names none. */
  readonly user: { readonly uid: number; readonly gid: number } | 'root';
  /**
   * Programs that exist in the image, as a command names them: bare names are found on the image's PATH,
   * paths are exact. A shell is one of them (`sh`, `bash`); an image without one takes no script.
   */
  readonly tools: readonly string[];
  /** The program's own health check (`loki -health`), when it has one: needs no tool from the image. */
  readonly healthCommand?: (url: string) => readonly string[];
  /** Paths the program writes with the stack's configuration (a read-only root needs a volume on each). */
  readonly writes: readonly string[];
  /** What the entrypoint does with environment variables and arguments. */
  readonly entrypoint: string;
  readonly evidence: readonly Evidence[];
  /**
   * What could not be read at the pinned tag (a newer tag than the mirror holds, a repository too large to
   * read here), and so rests on the nearest tag read or on the project's earlier reading. Absent: all read.
   */
  readonly unverified?: string;
}

/** Shell words that are not programs: keywords and the builtins of both sh (busybox/dash) and bash. */
const SHELL_WORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'until', 'while', 'do', 'done', 'for', 'in', 'case', 'esac', '!', '{', '}',
  'exec', 'echo', 'printf', 'test', '[', 'true', 'false', ':', 'export', 'set', 'exit', 'read', 'cd', 'return',
]);

/** Words after which the next word is the program. */
const PREFIX_WORDS = new Set(['until', 'while', 'if', 'then', 'do', 'else', 'elif', '!', '{', 'exec']);

const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash']);

/**
 * The programs a command runs: its first word and, for `sh -c`/`bash -c`, every command of the script
 * (pipelines, lists, loops, `$(...)` substitutions), shell keywords and builtins left out.
 */
export function programsOf(command: readonly string[]): string[] {
  if (command.length === 0) return [];
  const [first, ...rest] = command;
  const programs = [first];
  if (SHELLS.has(first) && rest[0] === '-c' && rest[1] !== undefined) programs.push(...programsOfScript(rest[1]));
  else if (first === 'env' || first.endsWith('/tini')) programs.push(...programsOf(skipEnvArguments(rest)));
  return [...new Set(programs)];
}

function skipEnvArguments(words: readonly string[]): string[] {
  // Quoted words after env are its NAME=value arguments.
  const i = words.findIndex((w) => w !== '--' && w !== 'QUOTED' && !/^[A-Za-z_][A-Za-z0-9_.]*=/.test(w));
  return i < 0 ? [] : words.slice(i);
}

function programsOfScript(script: string): string[] {
  const programs: string[] = [];
  // Command substitutions are scripts of their own; quoted text is data.
  const substitutions: string[] = [];
  let text = script.replace(/\$\(([^()]*)\)/g, (_, inner: string) => {
    substitutions.push(inner);
    return 'SUBSTITUTION';
  });
  text = text.replace(/'[^']*'/g, 'QUOTED').replace(/"(?:[^"\\]|\\.)*"/g, 'QUOTED');
  for (const segment of text.split(/&&|\|\||[|;\n()]/)) {
    // Redirections (`3<>/dev/tcp/…`, `>&3`) are not words of the command.
    const words = segment.trim().split(/\s+/).filter((w) => w.length > 0 && !/^[0-9]*(<>|>>|<&|>&|<|>)/.test(w));
    let i = 0;
    // Keywords and assignments (NAME=value) may come before the program.
    while (i < words.length && (PREFIX_WORDS.has(words[i]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]))) i++;
    const word = words[i];
    if (word === undefined || SHELL_WORDS.has(word) || word === 'QUOTED' || word === 'SUBSTITUTION' || word.startsWith('$')) continue;
    programs.push(...programsOf(words.slice(i)));
  }
  for (const inner of substitutions) programs.push(...programsOfScript(inner));
  return programs;
}

/** The programs of a command the image lacks, as messages naming the image and the tool. */
export function toolProblems(facts: ImageFacts, command: readonly string[], what: string): string[] {
  return programsOf(command)
    .filter((program) => !facts.tools.includes(program))
    .map((program) => `${what} runs "${program}", which ${facts.image} does not have (tools: ${facts.tools.join(', ') || 'none'})`);
}

/**
 * An HTTP check run inside the container, from what the image has: its own health command, else wget,
 * curl, or bash's /dev/tcp; undefined when it has none of them (the HTTP/TCP probe is then the only check).
 * Passes on a 2xx answer.
 */
export function httpCheckCommand(facts: ImageFacts, port: number, path: string): string[] | undefined {
  const url = `http://127.0.0.1:${port}${path}`;
  if (facts.healthCommand) return [...facts.healthCommand(url)];
  // A GET (not --spider's HEAD, which not every health endpoint answers).
  if (facts.tools.includes('wget')) return ['wget', '-q', '-O', '/dev/null', url];
  if (facts.tools.includes('curl')) return ['curl', '-s', '-f', '-o', '/dev/null', url];
  if (['bash', 'head', 'grep'].every((t) => facts.tools.includes(t))) {
    return ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 2[0-9][0-9] '`];
  }
  return undefined;
}

/** The repository part of an image reference (`prom/prometheus` of `docker.io/prom/prometheus:v3`), for lookups. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}
