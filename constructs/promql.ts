import type { NodeType, Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { BoundedCache } from './bounded-cache';

// The package is an ES module whose CommonJS build TypeScript's node16 resolution will not import by
// name, so it is required with the type of its one export.
const { parser } = require('@prometheus-io/lezer-promql') as { parser: LRParser };

export interface PromqlProblem {
  /** 1-based column in the expression where the parser stopped understanding it. */
  readonly column: number;
  readonly message: string;
}

export interface ParsedPromql {
  readonly problems: PromqlProblem[];
  /** Metric names the expression selects, by bare name or by a `__name__="..."` matcher. */
  readonly metrics: string[];
}

/**
 * A node of an expression's syntax tree as plain data. lezer finds a node's children again at every
 * step (a cursor for each lookup); the checks walk each tree many times, so it is copied out once.
 * Anonymous nodes are left out and their children kept, as lezer's own navigation does.
 */
export interface PromqlNode {
  readonly name: string;
  /** The grammar's node type: `type.is('Expr')` tells an expression from a keyword or a name. */
  readonly type: NodeType;
  readonly from: number;
  readonly to: number;
  readonly children: readonly PromqlNode[];
}

export interface PromqlSyntax {
  /** The grammar's top node (`PromQL`); the expression is its first child. */
  readonly top: PromqlNode;
  /** Whether the parser had to recover from an error somewhere (an error node `⚠` stands there). */
  readonly hasError: boolean;
}

/**
 * The syntax tree of an expression, shared by the name check and the type checker; like the parse
 * results, each distinct expression is parsed once across environments.
 */
export function promqlSyntax(expr: string): PromqlSyntax {
  return trees.get(expr, () => plainTree(parser.parse(expr)));
}

const trees = new BoundedCache<string, PromqlSyntax>(20_000);

function plainTree(tree: Tree): PromqlSyntax {
  const cursor = tree.cursor();
  let hasError = false;
  const copy = (): PromqlNode => {
    const { type, from, to } = cursor;
    if (type.isError) hasError = true;
    const children: PromqlNode[] = [];
    if (cursor.firstChild()) {
      do children.push(copy());
      while (cursor.nextSibling());
      cursor.parent();
    }
    return { name: type.name, type, from, to, children };
  };
  const top = copy();
  return { top, hasError };
}

/** The first child whose type is (or belongs to the group) `name`, as lezer's getChild finds it. */
export function childOf(node: PromqlNode, name: string): PromqlNode | undefined {
  return node.children.find((c) => c.type.is(name));
}

/**
 * Parses a PromQL expression with Prometheus' own grammar (the one its web UI uses) and returns the
 * syntax problems and the metric names it reads.
 */
export function parsePromql(expr: string): ParsedPromql {
  // Environments share most expressions: each distinct one is parsed once.
  return parsedExpressions.get(expr, () => Object.freeze(parseUncached(expr)));
}

const parsedExpressions = new BoundedCache<string, ParsedPromql>(20_000);

function parseUncached(expr: string): ParsedPromql {
  // The grammar would also report a syntax error at the end; one clear message is enough.
  if (expr.trim() === '') return { problems: [{ column: 1, message: 'empty expression' }], metrics: [] };
  const problems: PromqlProblem[] = [];
  const metrics = new Set<string>();
  const visit = (node: PromqlNode): void => {
    if (node.type.isError) {
      if (problems.some((p) => p.column === node.from + 1)) return;
      const near = expr.slice(node.from, node.from + 20) || 'end of expression';
      problems.push({ column: node.from + 1, message: `syntax error at column ${node.from + 1} near "${near}"` });
      return;
    }
    if (node.name === 'VectorSelector') {
      const ident = childOf(node, 'Identifier');
      if (ident) metrics.add(expr.slice(ident.from, ident.to));
    }
    if (node.name === 'UnquotedLabelMatcher') {
      const text = expr.slice(node.from, node.to);
      const m = /^__name__\s*=\s*"([^"]+)"$/.exec(text);
      if (m) metrics.add(m[1]);
    }
    node.children.forEach(visit);
  };
  visit(promqlSyntax(expr).top);
  return { problems, metrics: [...metrics].sort() };
}
