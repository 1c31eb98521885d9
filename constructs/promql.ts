import type { Tree } from '@lezer/common';
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
 * The syntax tree of an expression, shared by the name check and the type checker; like the parse
 * results, each distinct expression is parsed once across environments.
 */
export function promqlTree(expr: string): Tree {
  return trees.get(expr, () => parser.parse(expr));
}

const trees = new BoundedCache<string, Tree>(20_000);

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
  const tree = promqlTree(expr);
  const problems: PromqlProblem[] = [];
  const metrics = new Set<string>();
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        if (problems.some((p) => p.column === node.from + 1)) return false;
        const near = expr.slice(node.from, node.from + 20) || 'end of expression';
        problems.push({ column: node.from + 1, message: `syntax error at column ${node.from + 1} near "${near}"` });
        return false;
      }
      if (node.name === 'VectorSelector') {
        const ident = node.node.getChild('Identifier');
        if (ident) metrics.add(expr.slice(ident.from, ident.to));
      }
      if (node.name === 'UnquotedLabelMatcher') {
        const text = expr.slice(node.from, node.to);
        const m = /^__name__\s*=\s*"([^"]+)"$/.exec(text);
        if (m) metrics.add(m[1]);
      }
      return undefined;
    },
  });
  return { problems, metrics: [...metrics].sort() };
}
