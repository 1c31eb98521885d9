/**
 * PromQL syntax trees kept between CLI runs, in lib/.compile-cache/promql-trees.json: parsing the stack's
 * ~250 distinct expressions is the largest part of the first environment's check (the grammar's code runs
 * cold in a new process), and rebuilding a tree from its node list costs a hundredth of that.
 *
 * Correct on any change: a tree is found by the exact text of its expression, and the whole file is used
 * only when it was made by the same grammar and tree code (the SHA-256 of lezer-promql's, @lezer/lr's and
 * @lezer/common's sources); anything unreadable or inconsistent is parsed as usual. The file holds the
 * trees of the last run plus older ones up to a bound, and is rewritten only when a run parsed something new.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { IterMode, Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { persistentCacheDir } from '../compile-cache';

const FILE_NAME = 'promql-trees.json';
/** Older entries kept beside the ones a run used, so that synths of different environments share the file. */
const MAX_ENTRIES = 2_000;

interface StoredTrees {
  readonly grammar: string;
  /** Expression → its nodes below the top one, post-order, four numbers each: type id, from, to, size. */
  readonly trees: Record<string, number[]>;
}

export interface TreeStore {
  /** The tree of `expr`: rebuilt from the file when it holds one, else `parse(expr)`, kept for the next run. */
  tree(expr: string, parse: (expr: string) => Tree): Tree;
}

const PARSING_CODE = ['@prometheus-io/lezer-promql', '@lezer/lr', '@lezer/common'];

function grammarDigest(): string {
  const hash = crypto.createHash('sha256');
  for (const name of PARSING_CODE) hash.update(name).update('\0').update(fs.readFileSync(require.resolve(name))).update('\0');
  return hash.digest('hex');
}

/** The store of a CLI run; one that only parses elsewhere (a test, a library user). */
export function treeStore(parser: LRParser): TreeStore {
  const dir = persistentCacheDir();
  return dir ? new FileTreeStore(parser, path.join(dir, FILE_NAME)) : { tree: (expr, parse) => parse(expr) };
}

class FileTreeStore implements TreeStore {
  private stored: Record<string, number[]> | undefined;
  private grammar = '';
  /** What this run read: nodes from the file, or a tree it parsed (listed when the file is written). */
  private readonly used = new Map<string, number[] | Tree>();
  private parsedNew = false;

  constructor(
    private readonly parser: LRParser,
    private readonly file: string,
  ) {}

  tree(expr: string, parse: (expr: string) => Tree): Tree {
    const nodes = this.load()[expr];
    const rebuilt = nodes === undefined ? undefined : treeFromNodes(this.parser, expr, nodes);
    if (rebuilt) {
      this.used.set(expr, nodes);
      return rebuilt;
    }
    const tree = parse(expr);
    if (!this.parsedNew) process.once('exit', () => this.save());
    this.parsedNew = true;
    this.used.set(expr, tree);
    return tree;
  }

  private load(): Record<string, number[]> {
    if (this.stored) return this.stored;
    this.stored = {};
    try {
      this.grammar = grammarDigest();
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as StoredTrees;
      if (data.grammar === this.grammar && typeof data.trees === 'object' && data.trees !== null) this.stored = data.trees;
    } catch {
      // none yet, or not readable: every tree is parsed
    }
    return this.stored;
  }

  private save(): void {
    try {
      const trees: Record<string, number[]> = {};
      for (const [expr, value] of this.used) trees[expr] = value instanceof Tree ? nodesOf(value) : value;
      let count = this.used.size;
      for (const [expr, nodes] of Object.entries(this.stored ?? {})) {
        if (count >= MAX_ENTRIES) break;
        if (!Object.hasOwn(trees, expr)) {
          trees[expr] = nodes;
          count++;
        }
      }
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ grammar: this.grammar || grammarDigest(), trees } satisfies StoredTrees));
      fs.renameSync(temp, this.file);
    } catch {
      // not kept this time: the next run parses again
    }
  }
}

/** A tree's nodes below its top node, post-order, as Tree.build takes them. */
export function nodesOf(tree: Tree): number[] {
  const out: number[] = [];
  const cursor = tree.cursor(IterMode.IncludeAnonymous);
  const visit = () => {
    const start = out.length;
    const { type, from, to } = cursor;
    if (cursor.firstChild()) {
      do visit();
      while (cursor.nextSibling());
      cursor.parent();
    }
    out.push(type.id, from, to, out.length - start + 4);
  };
  if (cursor.firstChild()) {
    do visit();
    while (cursor.nextSibling());
  }
  return out;
}

/** The tree of `expr` from its nodes; undefined when they do not describe a tree of that length and grammar. */
export function treeFromNodes(parser: LRParser, expr: string, nodes: unknown): Tree | undefined {
  const types = parser.nodeSet.types.length;
  if (!Array.isArray(nodes) || nodes.length % 4 !== 0) return undefined;
  for (let i = 0; i < nodes.length; i += 4) {
    const type: unknown = nodes[i], from: unknown = nodes[i + 1], to: unknown = nodes[i + 2], size: unknown = nodes[i + 3];
    if (!Number.isInteger(type) || !Number.isInteger(from) || !Number.isInteger(to) || !Number.isInteger(size)) return undefined;
    const [t, f, e, n] = [type, from, to, size] as number[];
    if (t < 0 || t >= types || f < 0 || f > e || e > expr.length || n < 4 || n % 4 !== 0 || n > i + 4) return undefined;
  }
  try {
    return Tree.build({ buffer: nodes as number[], nodeSet: parser.nodeSet, topID: parser.topNode.id, length: expr.length, minRepeatType: types });
  } catch {
    return undefined;
  }
}
