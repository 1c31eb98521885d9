/**
 * Checks a LogQL query on Grafana's lezer grammar for Loki: it parses, its stream selector names only
 * labels the log pipeline attaches, and after the pipeline's stages (a `| json` parser extracting the
 * application's structured fields, `label_format`, `drop`, `keep`) its label filters, `unwrap` and
 * groupings name labels that exist at that point. After a parser whose fields are not known
 * (`logfmt`, `regexp`, `pattern`, `unpack`) it stays silent.
 */
import type { LRParser } from '@lezer/lr';
import type { SyntaxNode } from '@lezer/common';
import { legendLabels, missingTemplateLabels } from '../checks/label-templates';
import { suggestName } from '../promql/suggest';

// An ES module with a CommonJS build, required with the type of its one export (as lezer-promql).
const { parser } = require('@grafana/lezer-logql') as { parser: LRParser };

/** What the log pipeline gives each line. */
export interface LogSchema {
  /** Labels of the streams (indexed). */
  readonly streamLabels: ReadonlySet<string>;
  /** Structured metadata: not indexed, but filterable after the selector. */
  readonly structuredMetadata: ReadonlySet<string>;
  /** Top-level fields of the application's JSON lines, which `| json` extracts. */
  readonly jsonFields: ReadonlySet<string>;
  /**
   * Names of the stack's own services: a selector picking one of them by `job`, `app` or `container`
   * reads that service's lines, not the application's, whose fields are not known here.
   */
  readonly otherServices?: ReadonlySet<string>;
}

/** Vector aggregations whose result is series of their input, labels and all. */
const KEEPING_AGGREGATIONS = new Set(['Topk', 'Bottomk', 'Sort', 'Sort_Desc']);

/** The stream labels that name the service a line comes from. */
const SERVICE_LABELS = new Set(['job', 'app', 'container']);

interface Scope {
  readonly names: Set<string>;
  /** A stage may have added labels not known here. */
  open: boolean;
  /** Names that stand for dashboard variables (`by ($group)`): the dashboard user's to choose. */
  readonly chosen: ReadonlySet<string>;
  /** A line_format rewrote the line, or the selector picked another service's lines: not the application's JSON. */
  reformatted?: boolean;
}

/**
 * Problems of one query; empty when it is fine or when it cannot be decided. Without a schema (nothing
 * known of the pipeline) only the syntax is checked. `variableSpans`: where dashboard variables stood.
 */
export function checkLogql(expr: string, schema: LogSchema | undefined, variableSpans: readonly (readonly [number, number])[] = [], legend?: string): string[] {
  const tree = parser.parse(expr);
  let syntax: string | undefined;
  tree.iterate({
    enter(n) {
      if (syntax) return false;
      if (n.type.isError) {
        const near = expr.slice(n.from, n.from + 20) || 'end of query';
        syntax = `LogQL syntax error at column ${n.from + 1} near "${near}"`;
        return false;
      }
      return undefined;
    },
  });
  if (syntax) return [syntax];
  if (!schema) return [];
  const problems: string[] = [];
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);
  const add = (p: string) => {
    if (!problems.includes(p)) problems.push(p);
  };
  const chosen = new Set(variableSpans.map(([from, to]) => expr.slice(from, to)));
  const result = visit(tree.topNode, schema, text, add, chosen);
  // A legend names labels of a metric query's series; a log query has none to print.
  if (legend && result && tree.topNode.firstChild?.firstChild?.name === 'MetricExpr') {
    problems.push(...missingTemplateLabels(legendLabels(legend).filter((l) => !chosen.has(l)), result, `legend "${legend}"`));
  }
  return problems;
}

/** Walks metric expressions down to each log expression; a grouping is checked against what its input carries. */
function visit(n: SyntaxNode, schema: LogSchema, text: (n: SyntaxNode) => string, add: (p: string) => void, chosen: ReadonlySet<string>): Scope | undefined {
  if (n.name === 'LogExpr' || n.name === 'LogRangeExpr') return logExpr(n, schema, text, add, chosen);
  let scope: Scope | undefined;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Grouping') continue;
    const s = visit(c, schema, text, add, chosen);
    if (s) scope = scope ? { names: new Set([...scope.names, ...s.names]), open: scope.open || s.open, chosen } : s;
  }
  const grouping = n.getChild('Grouping');
  if (grouping && scope) {
    for (const label of identifiers(grouping, text)) checkName(label, scope, `grouping ${text(grouping)}`, add);
  }
  // label_replace(…, "dst", …) gives its result one more label.
  if (n.name === 'LabelReplaceExpr' && scope) {
    const dst = n.getChildren('String')[0];
    if (dst) return { ...scope, names: new Set([...scope.names, unquote(text(dst))]) };
  }
  if (n.name === 'VectorAggregationExpr' && scope) {
    // topk, bottomk and the sorts return the series they are given; the others keep only what they group by.
    const op = n.getChild('VectorOp')?.firstChild?.name ?? '';
    if (KEEPING_AGGREGATIONS.has(op)) return scope;
    const labels = grouping ? identifiers(grouping, text) : [];
    const variable = labels.some((l) => chosen.has(l));
    return grouping?.getChild('Without')
      ? { names: new Set([...scope.names].filter((l) => !labels.includes(l))), open: scope.open, chosen }
      : { names: new Set(labels), open: variable, chosen };
  }
  return scope;
}

function logExpr(n: SyntaxNode, schema: LogSchema, text: (n: SyntaxNode) => string, add: (p: string) => void, chosen: ReadonlySet<string>): Scope {
  const selector = n.getChild('Selector');
  for (const m of selector?.getChildren('Matchers').flatMap((ms) => allMatchers(ms)) ?? []) {
    const label = m.getChild('Identifier');
    if (!label) continue;
    const name = text(label);
    if (!schema.streamLabels.has(name)) {
      const near = suggestName(name, [...schema.streamLabels]);
      const meta = schema.structuredMetadata.has(name) ? `; "${name}" is structured metadata: filter it after the selector (| ${text(m)})` : '';
      add(`stream selector ${text(selector!)}: the log pipeline attaches no label "${name}"${near && !meta ? ` (did you mean "${near}"?)` : ''}${meta}`);
    }
  }
  const picksOtherService = (selector?.getChildren('Matchers').flatMap((ms) => allMatchers(ms)) ?? []).some((m) => {
    const label = m.getChild('Identifier');
    const value = m.getChild('String');
    return label && value && m.getChild('Eq') && SERVICE_LABELS.has(text(label)) && schema.otherServices?.has(unquote(text(value)));
  });
  const scope: Scope = { names: new Set([...schema.streamLabels, ...schema.structuredMetadata]), open: false, chosen, reformatted: picksOtherService };
  const stages: SyntaxNode[] = [];
  collectStages(n, stages);
  for (const stage of stages) applyStage(stage, scope, schema, text, add);
  return scope;
}

/** Pipeline stages and the unwrap in source order (PipelineExpr nests to the left). */
function collectStages(n: SyntaxNode, out: SyntaxNode[]): void {
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === 'PipelineStage' || c.name === 'UnwrapExpr') out.push(c);
    else if (c.name === 'PipelineExpr' || c.name === 'LogRangeExpr' || c.name === 'LogExpr') collectStages(c, out);
  }
}

function applyStage(stage: SyntaxNode, scope: Scope, schema: LogSchema, text: (n: SyntaxNode) => string, add: (p: string) => void): void {
  if (stage.name === 'UnwrapExpr') {
    const label = stage.getChild('Identifier');
    if (label) checkName(text(label), scope, `unwrap ${text(label)}`, add);
    return;
  }
  const parserNode = stage.getChild('LabelParser') ?? stage.getChild('JsonExpressionParser') ?? stage.getChild('LogfmtParser') ?? stage.getChild('LogfmtExpressionParser');
  if (parserNode) {
    const kind = parserNode.firstChild?.name;
    if (scope.reformatted && parserNode.name !== 'JsonExpressionParser' && parserNode.name !== 'LogfmtExpressionParser') {
      // After line_format the line is no longer the application's JSON: what a parser finds is not known.
      scope.open = true;
    } else if (parserNode.name === 'LabelParser' && kind === 'Json') {
      // Fields named like an existing label arrive as <field>_extracted.
      for (const f of schema.jsonFields) {
        scope.names.add(f);
        if (schema.streamLabels.has(f)) scope.names.add(`${f}_extracted`);
      }
    } else if (parserNode.name === 'JsonExpressionParser' || parserNode.name === 'LogfmtExpressionParser') {
      for (const label of expressionLabels(parserNode, text)) scope.names.add(label);
    } else {
      scope.open = true;
    }
    return;
  }
  const labelFilter = stage.getChild('LabelFilter');
  if (labelFilter) {
    for (const name of filterLabels(labelFilter, text)) checkName(name, scope, `label filter ${text(labelFilter)}`, add);
    return;
  }
  const lineFormat = stage.getChild('LineFormatExpr');
  if (lineFormat) {
    const template = lineFormat.getChild('String');
    if (template) for (const name of templateFields(text(template))) checkName(name, scope, `line_format ${text(template)}`, add);
    scope.reformatted = true;
    return;
  }
  const format = stage.getChild('LabelFormatExpr');
  if (format) {
    // All sources are read before any target is set: `a=b, b=a` swaps.
    const added: string[] = [];
    const renamed: string[] = [];
    for (const m of format.getChildren('LabelsFormat').flatMap((l) => descendants(l, 'LabelFormatMatcher'))) {
      const [target, source] = m.getChildren('Identifier');
      const template = m.getChild('String');
      if (source) checkName(text(source), scope, `label_format ${text(m)}`, add);
      if (template) for (const name of templateFields(text(template))) checkName(name, scope, `label_format ${text(m)}`, add);
      if (target) added.push(text(target));
      // `dst=src` renames: src is gone afterwards (a template `dst="{{.src}}"` copies).
      if (source) renamed.push(text(source));
    }
    for (const name of renamed) if (!added.includes(name)) scope.names.delete(name);
    for (const name of added) scope.names.add(name);
    return;
  }
  const drop = stage.getChild('DropLabelsExpr');
  if (drop) {
    // `drop level="debug"` drops the label only where it has that value: elsewhere it stays.
    for (const label of descendants(drop, 'DropLabel')) {
      const id = label.getChild('Identifier');
      if (id) scope.names.delete(text(id));
    }
    return;
  }
  const keep = stage.getChild('KeepLabelsExpr');
  if (keep) {
    const kept = new Set(descendants(keep, 'Identifier').map(text));
    for (const n of [...scope.names]) if (!kept.has(n)) scope.names.delete(n);
  }
}

/** Labels a Go template of line_format or label_format reads: `{{.message}}`, `{{ .level | upper }}`. */
function templateFields(literal: string): string[] {
  const names = new Set<string>();
  for (const action of literal.matchAll(/\{\{(.*?)\}\}/gs)) {
    for (const m of action[1].matchAll(/(?<![\w)\]])\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) names.add(m[1]);
  }
  return [...names];
}

function checkName(name: string, scope: Scope, where: string, add: (p: string) => void): void {
  if (scope.open || scope.names.has(name) || scope.chosen.has(name) || name.startsWith('__')) return;
  const near = suggestName(name, [...scope.names]);
  add(`${where}: no label or parsed field "${name}" exists at that point of the pipeline${near ? ` (did you mean "${near}"?)` : ''}`);
}

function allMatchers(n: SyntaxNode): SyntaxNode[] {
  return descendants(n, 'Matcher');
}

function descendants(n: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const walk = (x: SyntaxNode) => {
    for (let c = x.firstChild; c; c = c.nextSibling) {
      if (c.name === name) out.push(c);
      else walk(c);
    }
  };
  walk(n);
  return out;
}

function identifiers(n: SyntaxNode, text: (n: SyntaxNode) => string): string[] {
  return descendants(n, 'Identifier').map(text);
}

/** Label names a label filter compares: `level="error"`, `duration > 10s`, `a="x" and b="y"`. */
function filterLabels(n: SyntaxNode, text: (n: SyntaxNode) => string): string[] {
  const out: string[] = [];
  const walk = (x: SyntaxNode) => {
    for (let c = x.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Identifier' && ['Matcher', 'NumberFilter', 'DurationFilter', 'BytesFilter', 'IpLabelFilter'].includes(x.name)) out.push(text(c));
      else if (c.name !== 'String') walk(c);
    }
  };
  walk(n);
  return out;
}

/** Labels a `| json a="x", b` or `| logfmt a, b="c"` stage sets. */
function expressionLabels(n: SyntaxNode, text: (n: SyntaxNode) => string): string[] {
  return descendants(n, 'LabelExtractionExpression')
    .map((e) => e.getChild('Identifier'))
    .filter((id): id is SyntaxNode => id !== null)
    .map(text);
}

/** A LogQL string literal's value: "…" with escapes, or `…` raw. */
function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}
