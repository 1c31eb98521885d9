/**
 * A type checker for PromQL on Prometheus' own lezer grammar: each node gets a type (instant vector
 * with its label set, range vector, scalar, string), and what is wrong at that point of the expression
 * is reported: a label the series there do not carry, rate() over a gauge, a counter compared with a
 * number, histogram_quantile without `le`, a window too short for the scrape interval or longer than
 * the retention. What it cannot decide it leaves alone.
 */
import { childOf, PromqlNode, promqlSyntax } from '../../constructs/promql';
import { anchoredRegex } from './anchored-regex';
import { durationSeconds, formatDuration } from './duration';
import {
  addLabels,
  knownLabels,
  labelsOf,
  Labels,
  lacksLabel,
  mergeTri,
  PromType,
  SeriesTraits,
  Tri,
  unionLabels,
  UNKNOWN,
  UNKNOWN_LABELS,
  unknownVector,
  withoutLabels,
} from './types';
import { suggestName } from './suggest';

/** What the series of one metric name look like, from the catalogues, the scrape configs and the rules. */
export interface SeriesInfo {
  readonly labels: Labels;
  readonly counter: Tri;
  readonly buckets: Tri;
  /** Longest interval between two samples (scrape interval of its jobs, evaluation interval of a rule), seconds. */
  readonly sampleInterval?: number;
}

export interface TypeEnvironment {
  /**
   * The series a selector of `metric` reads, restricted to the jobs `job` accepts (undefined: no
   * usable job matcher). Undefined when nothing is known of the name.
   */
  series(metric: string, job: ((job: string) => boolean) | undefined): SeriesInfo | undefined;
  /** How far back Prometheus keeps samples, seconds. */
  readonly retentionSeconds?: number;
  /** Character spans of the expression that stood for Grafana variables: the windows, labels and names there are the dashboard's to choose. */
  readonly variableSpans?: readonly (readonly [number, number])[];
}

export interface TypeProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface TypeCheckResult {
  readonly type: PromType;
  readonly problems: TypeProblem[];
}

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
/** What an offset applies to directly (with an @ modifier, too); over anything else it moves a subquery. */
const SELECTORS = new Set(['VectorSelector', 'MatrixSelector', 'AnchoredExpr', 'StepInvariantExpr']);
const SET_OPS = new Set(['And', 'Or', 'Unless']);
const RATE_FUNCTIONS = new Set(['rate', 'increase', 'irate']);
/** Functions whose result keeps the input's samples as they are (only the order or a label changes). */
const KEEPING_FUNCTIONS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join', 'last_over_time']);
/** Functions that return a scalar, or no vector at all. */
const SCALAR_FUNCTIONS = new Set(['scalar', 'time', 'pi']);

/** Type-checks one expression; the problems name the expression's parts but not where it lives. */
export function typeCheck(expr: string, env: TypeEnvironment): TypeCheckResult {
  const syntax = promqlSyntax(expr);
  // Syntax errors are reported by the parse check; a broken tree would only give noise here.
  if (syntax.hasError) return { type: UNKNOWN, problems: [] };
  const top = syntax.top.children[0];
  const checker = new Checker(expr, env);
  const type = top ? checker.check(top) : UNKNOWN;
  return { type, problems: checker.problems };
}

class Checker {
  readonly problems: TypeProblem[] = [];
  /** The subquery ranges and offsets around the node being checked, outermost first. */
  private readonly enclosing: { readonly seconds: number; readonly text: string }[] = [];

  constructor(
    private readonly src: string,
    private readonly env: TypeEnvironment,
  ) {}

  private text(n: PromqlNode): string {
    return this.src.slice(n.from, n.to);
  }

  private error(message: string): void {
    if (!this.problems.some((p) => p.message === message)) this.problems.push({ severity: 'error', message });
  }

  private warn(message: string): void {
    if (!this.problems.some((p) => p.message === message)) this.problems.push({ severity: 'warning', message });
  }

  check(n: PromqlNode): PromType {
    switch (n.name) {
      case 'VectorSelector':
        return this.selector(n);
      case 'MatrixSelector':
        return this.matrix(n);
      case 'SubqueryExpr':
        return this.subquery(n);
      case 'OffsetExpr':
        return this.offset(n);
      case 'ParenExpr':
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return this.first(n);
      case 'UnaryExpr': {
        const t = this.first(n);
        return t.kind === 'vector' ? { ...t, counter: 'no', metric: undefined } : t.kind === 'scalar' ? { kind: 'scalar' } : t;
      }
      case 'NumberDurationLiteral':
        return { kind: 'scalar', value: Number(this.text(n).replace(/_/g, '')) };
      case 'StringLiteral':
        return { kind: 'string', value: unquote(this.text(n)) };
      case 'AggregateExpr':
        return this.aggregate(n);
      case 'FunctionCall':
        return this.call(n);
      case 'BinaryExpr':
        return this.binary(n);
      default:
        for (const c of expressions(n)) this.check(c);
        return UNKNOWN;
    }
  }

  private first(n: PromqlNode): PromType {
    const inner = expressions(n)[0];
    return inner ? this.check(inner) : UNKNOWN;
  }

  // --- selectors -------------------------------------------------------------------------------

  private selector(n: PromqlNode): PromType {
    const ident = childOf(n, 'Identifier');
    const matchers = matchersOf(n, (x) => this.text(x));
    const name = ident ? this.text(ident) : matchers.find((m) => m.label === '__name__' && m.op === '=')?.value;
    // A metric name a dashboard variable chooses is not known here.
    if (!name || (ident && this.fromVariable(ident))) return unknownVector();
    const jobMatchers = matchers.filter((m) => m.label === 'job');
    const info = this.env.series(name, jobFilter(jobMatchers));
    if (!info) return unknownVector();
    for (const m of matchers) {
      // A matcher that an absent label satisfies (`x!="a"`, `x=~".*"`) narrows nothing there: harmless, left alone.
      if (m.label === '__name__' || matchesEmpty(m)) continue;
      if (lacksLabel(info.labels, m.label)) {
        this.error(`label "${m.label}" in the matcher ${m.text} does not exist on ${name}${this.hint(m.label, info.labels)}`);
      }
    }
    return { kind: 'vector', labels: addLabels(info.labels, ['__name__']), counter: info.counter, buckets: info.buckets, metric: name, sampleInterval: info.sampleInterval };
  }

  private matrix(n: PromqlNode): PromType {
    const inner = expressions(n)[0];
    const range = childOf(n, 'DurationExpr');
    const t = inner ? this.check(inner) : UNKNOWN;
    const seconds = range ? this.duration(range) : undefined;
    if (t.kind !== 'vector') return { kind: 'matrix', labels: UNKNOWN_LABELS, counter: 'unknown', buckets: 'unknown', rangeSeconds: seconds };
    if (range && seconds !== undefined) this.checkWindow(seconds, t, this.text(range), range);
    return { ...t, kind: 'matrix', rangeSeconds: seconds };
  }

  private subquery(n: PromqlNode): PromType {
    const inner = expressions(n)[0];
    const durations = n.children.filter((c) => c.type.is('DurationExpr'));
    const range = durations[0] ? this.duration(durations[0]) : undefined;
    const step = durations[1] ? this.duration(durations[1]) : undefined;
    if (range !== undefined) this.checkRetention(range, `the subquery range ${this.text(durations[0])}`);
    // Evaluated once a step: a range of fewer than two steps leaves rate() and friends one point or none.
    if (range !== undefined && step && range < 2 * step && !durations.some((d) => this.fromVariable(d))) {
      this.error(`the subquery [${this.text(durations[0])}:${this.text(durations[1])}] holds fewer than two steps: use a range of at least ${formatDuration(2 * step)} or a shorter step`);
    }
    // What the inner expression reads reaches back further by the subquery's range.
    const t = inner ? this.within(range, `the subquery ${this.text(n).slice(this.text(inner).length).trim()}`, () => this.check(inner)) : UNKNOWN;
    if (t.kind !== 'vector') return { kind: 'matrix', labels: UNKNOWN_LABELS, counter: 'unknown', buckets: 'unknown', rangeSeconds: range };
    // One sample per step (the evaluation interval when none is written, which is not known here).
    return { ...t, kind: 'matrix', rangeSeconds: range, sampleInterval: step };
  }

  private offset(n: PromqlNode): PromType {
    const inner = expressions(n)[0];
    const d = childOf(n, 'OffsetDurationExpr');
    const seconds = d ? this.duration(d) : undefined;
    // Over a subquery the offset moves everything inside it back: checked there, with the rest of its reach.
    if (inner && !SELECTORS.has(inner.name)) return this.within(seconds, `offset ${d ? this.text(d) : ''}`, () => this.check(inner));
    const t = inner ? this.check(inner) : UNKNOWN;
    if (seconds !== undefined) {
      const reach = seconds + (t.kind === 'matrix' ? (t.rangeSeconds ?? 0) : 0);
      this.checkRetention(reach, `offset ${this.text(d!)}${t.kind === 'matrix' && t.rangeSeconds ? ` with its ${formatDuration(t.rangeSeconds)} range` : ''}`);
    }
    return t;
  }

  private duration(n: PromqlNode): number | undefined {
    return durationSeconds(this.text(n));
  }

  private fromVariable(n: PromqlNode): boolean {
    return (this.env.variableSpans ?? []).some(([from, to]) => n.from < to && n.to > from);
  }

  private checkWindow(seconds: number, t: SeriesTraits, text: string, node: PromqlNode): void {
    this.checkRetention(seconds, `the range [${text}]`);
    if (this.fromVariable(node) || t.sampleInterval === undefined) return;
    const interval = t.sampleInterval;
    const what = t.metric ?? 'the series';
    if (seconds < 2 * interval) {
      this.error(
        `the range [${text}] over ${what} holds fewer than two samples (one every ${formatDuration(interval)}): ` +
          `use at least [${formatDuration(2 * interval)}], better [${formatDuration(4 * interval)}]`,
      );
    } else if (seconds < 4 * interval) {
      this.warn(`the range [${text}] over ${what} spans fewer than four samples (one every ${formatDuration(interval)}); [${formatDuration(4 * interval)}] survives a missed scrape`);
    }
  }

  /** Checks `check` as read from inside a subquery's range or an offset, which add to how far back it reaches. */
  private within<T>(seconds: number | undefined, text: string, check: () => T): T {
    if (!seconds || seconds < 0) return check();
    this.enclosing.push({ seconds, text });
    try {
      return check();
    } finally {
      this.enclosing.pop();
    }
  }

  private checkRetention(seconds: number, what: string): void {
    const keep = this.env.retentionSeconds;
    if (keep === undefined) return;
    const outer = this.enclosing.reduce((sum, e) => sum + e.seconds, 0);
    // Beyond the retention already around it: that subquery or offset is the one reported.
    if (outer > keep) return;
    const reach = seconds + outer;
    if (reach > keep) {
      const around = outer > 0 ? ` inside ${[...this.enclosing].reverse().map((e) => e.text).join(' inside ')}` : '';
      this.error(`${what}${around} reaches ${formatDuration(reach)} back, but this Prometheus keeps ${formatDuration(keep)} of samples: shorten it or raise the retention`);
    }
  }

  // --- aggregations ----------------------------------------------------------------------------

  private aggregate(n: PromqlNode): PromType {
    // The operator as written (the grammar's node names are CamelCase: CountValues, LimitK).
    const opNode = childOf(n, 'AggregateOp');
    const op = opNode ? this.text(opNode).toLowerCase() : '';
    const modifier = childOf(n, 'AggregateModifier');
    const args = callArgs(childOf(n, 'FunctionCallBody'));
    const argTypes = args.map((a) => this.check(a));
    const input = argTypes[argTypes.length - 1] ?? UNKNOWN;
    const inLabels = labelsOf(input);
    const list = this.labelList(modifier && childOf(modifier, 'GroupingLabels'));
    const grouping = list.names;
    const without = modifier !== undefined && childOf(modifier, 'Without') !== undefined;
    const clause = modifier ? `${without ? 'without' : 'by'} (${grouping.join(', ')})` : '';
    for (const label of grouping) {
      if (lacksLabel(inLabels, label)) this.error(`${op} ${clause}: label "${label}" does not exist on ${describe(input)}${this.hint(label, inLabels)}`);
    }
    if (input.kind !== 'vector') return input.kind === 'unknown' ? unknownVector() : UNKNOWN;
    const keepsSeries = op === 'topk' || op === 'bottomk' || op === 'limitk' || op === 'limit_ratio';
    let labels: Labels;
    if (keepsSeries) labels = inLabels;
    else if (!modifier) labels = knownLabels([]);
    else if (without) labels = withoutLabels(inLabels, [...grouping, '__name__']);
    else labels = knownLabels(grouping.filter((g) => !lacksLabel(inLabels, g)));
    // A label a dashboard variable names may be any of the input's.
    if (list.variable && !keepsSeries) labels = { ...labels, open: true };
    if (op === 'count_values') {
      const label = argTypes[0]?.kind === 'string' ? argTypes[0].value : undefined;
      labels = label ? addLabels(labels, [label]) : { ...labels, open: true };
    }
    const sameSamples = ['sum', 'min', 'max', 'avg', 'topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile', 'group'].includes(op);
    return {
      kind: 'vector',
      labels: keepsSeries ? labels : withoutLabels(labels, ['__name__']),
      counter: sameSamples && op !== 'group' && op !== 'quantile' ? input.counter : 'no',
      buckets: sameSamples ? input.buckets : 'no',
      // The name stays for messages while the samples are still the metric's (a sum of a counter is one).
      metric: sameSamples ? input.metric : undefined,
      regrouped: keepsSeries ? input.regrouped : true,
      sampleInterval: input.sampleInterval,
    };
  }

  // --- functions -------------------------------------------------------------------------------

  private call(n: PromqlNode): PromType {
    const fn = functionName(n, (x) => this.text(x));
    const args = callArgs(childOf(n, 'FunctionCallBody'));
    const types = args.map((a) => this.check(a));
    // The series argument: first but for quantile_over_time(φ, …) and histogram_fraction(lo, hi, …).
    const arg = types.find((t) => t.kind === 'vector' || t.kind === 'matrix') ?? types[0] ?? UNKNOWN;

    if (RATE_FUNCTIONS.has(fn) && arg.kind === 'matrix' && arg.counter === 'no' && arg.metric) {
      this.error(`${fn}() over ${arg.metric}, which is not a counter: ${fn}() assumes a value that only grows and resets; use deriv() or delta() for a gauge`);
    }
    if (fn === 'histogram_quantile') return this.histogramQuantile(types);
    if (fn === 'label_replace' || fn === 'label_join') return this.labelFunction(fn, types);
    if (fn === 'sort_by_label' || fn === 'sort_by_label_desc') {
      const labels = labelsOf(arg);
      for (const t of types.slice(1)) {
        if (t.kind === 'string' && t.value !== undefined && lacksLabel(labels, t.value)) this.error(`${fn}(): label "${t.value}" does not exist on ${describe(arg)}${this.hint(t.value, labels)}`);
      }
      return arg;
    }
    if (SCALAR_FUNCTIONS.has(fn)) return { kind: 'scalar' };
    if (fn === 'vector') return { kind: 'vector', labels: knownLabels([]), counter: 'no', buckets: 'no' };
    if (fn === 'absent' || fn === 'absent_over_time') return this.absent(args[0]);
    if (fn === 'info') return unknownVector();
    if (arg.kind !== 'vector' && arg.kind !== 'matrix') return unknownVector();
    const keeps = KEEPING_FUNCTIONS.has(fn);
    return {
      kind: 'vector',
      labels: keeps ? arg.labels : withoutLabels(arg.labels, ['__name__']),
      counter: keeps ? arg.counter : 'no',
      buckets: RATE_FUNCTIONS.has(fn) || keeps || fn.endsWith('_over_time') ? arg.buckets : 'no',
      // rate(x[5m]) is still about x, for messages.
      metric: keeps || RATE_FUNCTIONS.has(fn) || fn.endsWith('_over_time') ? arg.metric : undefined,
      regrouped: arg.regrouped,
      sampleInterval: arg.sampleInterval,
    };
  }

  /**
   * absent(x{a="1", b=~"…"}) returns one series labelled by the selector's equality matchers ({a="1"}),
   * as Prometheus does; of anything other than a plain selector the labels are left unknown.
   */
  private absent(arg: PromqlNode | undefined): PromType {
    const selector = arg?.name === 'MatrixSelector' ? expressions(arg)[0] : arg;
    if (selector?.name !== 'VectorSelector') return unknownVector();
    // In order, as Prometheus does: an equality sets the label once; any other matcher of it unsets it.
    const names = new Set<string>();
    for (const m of matchersOf(selector, (x) => this.text(x))) {
      if (m.label === '__name__') continue;
      if (m.op === '=' && !names.has(m.label)) names.add(m.label);
      else names.delete(m.label);
    }
    return { kind: 'vector', labels: knownLabels(names), counter: 'no', buckets: 'no' };
  }

  private histogramQuantile(types: PromType[]): PromType {
    const v = types[1] ?? UNKNOWN;
    if (v.kind !== 'vector') return unknownVector();
    if (v.buckets === 'no' && v.metric) {
      this.error(`histogram_quantile() over ${v.metric}, which is not a histogram's _bucket series`);
    } else if (lacksLabel(v.labels, 'le')) {
      // The buckets' name says most here: what lost `le` was the aggregation, as the fix says.
      this.error(`histogram_quantile() over ${v.metric ?? describe(v)} without the "le" label: keep it where the buckets are summed, e.g. sum by (le) (...)`);
    }
    return { kind: 'vector', labels: withoutLabels(v.labels, ['le', '__name__']), counter: 'no', buckets: 'no', sampleInterval: v.sampleInterval };
  }

  private labelFunction(fn: string, types: PromType[]): PromType {
    const v = types[0] ?? UNKNOWN;
    const dst = types[1]?.kind === 'string' ? types[1].value : undefined;
    const sources = fn === 'label_replace' ? [types[3]] : types.slice(3);
    const labels = labelsOf(v);
    for (const s of sources) {
      if (s?.kind === 'string' && s.value && lacksLabel(labels, s.value)) this.error(`${fn}(): source label "${s.value}" does not exist on ${describe(v)}${this.hint(s.value, labels)}`);
    }
    if (v.kind !== 'vector') return unknownVector();
    return { ...v, labels: dst ? addLabels(v.labels, [dst]) : { ...v.labels, open: true } };
  }

  // --- binary operators ------------------------------------------------------------------------

  private binary(n: PromqlNode): PromType {
    const [lhsNode, rhsNode] = expressions(n);
    const lhs = lhsNode ? this.check(lhsNode) : UNKNOWN;
    const rhs = rhsNode ? this.check(rhsNode) : UNKNOWN;
    const opNode = n.children.find((c) => !c.type.is('Expr') && !['BoolModifier', 'MatchingModifierClause', 'FillModifier'].includes(c.name));
    const op = opNode?.name ?? '';
    const bool = childOf(n, 'BoolModifier') !== undefined;
    const matching = childOf(n, 'MatchingModifierClause');
    const comparison = COMPARISONS.has(op);

    if (comparison && !bool) this.counterComparedWithNumber(lhs, rhs);
    if (lhs.kind === 'scalar' && rhs.kind === 'scalar') return { kind: 'scalar' };
    if (lhs.kind !== 'vector' || rhs.kind !== 'vector') {
      const v = lhs.kind === 'vector' ? lhs : rhs.kind === 'vector' ? rhs : undefined;
      if (!v) return lhs.kind === 'unknown' || rhs.kind === 'unknown' ? unknownVector() : UNKNOWN;
      const keepName = comparison && !bool;
      // Against a scalar the vector keeps its labels; against something unknown (maybe a vector) they may change.
      const other = v === lhs ? rhs : lhs;
      const labels = keepName ? v.labels : withoutLabels(v.labels, ['__name__']);
      return { ...v, labels: other.kind === 'unknown' ? { ...labels, open: true } : labels, counter: keepName ? v.counter : arithmeticCounter(op, v.counter, 'no'), metric: keepName ? v.metric : undefined };
    }
    const clause = matching ? this.matchingClause(matching, lhs, rhs) : undefined;
    return this.vectorResult(op, bool, lhs, rhs, clause);
  }

  /** A counter's value is its total since the process started: comparing it with a number means little. */
  private counterComparedWithNumber(lhs: PromType, rhs: PromType): void {
    const pairs: [PromType, PromType][] = [
      [lhs, rhs],
      [rhs, lhs],
    ];
    for (const [v, s] of pairs) {
      if (v.kind === 'vector' && s.kind === 'scalar' && v.counter === 'yes' && v.metric) {
        this.error(`compares the counter ${v.metric} with a number: its value is a total since the process started; compare rate(${v.metric}[5m]) or increase(${v.metric}[1h]) instead`);
      }
    }
  }

  private matchingClause(clause: PromqlNode, lhs: SeriesTraits, rhs: SeriesTraits): MatchingClause {
    const on = childOf(clause, 'On') !== undefined;
    const groups = clause.children.filter((c) => c.type.is('GroupingLabels'));
    const matched = this.labelList(groups[0]);
    const labels = matched.names;
    const groupLeft = childOf(clause, 'GroupLeft') !== undefined;
    const groupRight = childOf(clause, 'GroupRight') !== undefined;
    const included = this.labelList(groups[1]);
    const include = included.names;
    const keyword = on ? 'on' : 'ignoring';
    for (const label of labels) {
      if (on) {
        for (const [side, t] of [['left', lhs], ['right', rhs]] as const) {
          if (lacksLabel(t.labels, label)) this.error(`${keyword} (${labels.join(', ')}): label "${label}" does not exist on the ${side}-hand side (${describe(t)})${this.hint(label, t.labels)}`);
        }
      } else if (lacksLabel(lhs.labels, label) && lacksLabel(rhs.labels, label)) {
        this.error(`ignoring (${labels.join(', ')}): label "${label}" exists on neither side${this.hint(label, unionLabels(lhs.labels, rhs.labels))}`);
      }
    }
    if (groupLeft || groupRight) {
      const one = groupLeft ? rhs : lhs;
      const word = groupLeft ? 'group_left' : 'group_right';
      for (const label of include) {
        if (lacksLabel(one.labels, label)) this.error(`${word} (${include.join(', ')}): label "${label}" does not exist on the "one" side (${describe(one)})${this.hint(label, one.labels)}`);
      }
    }
    return { on, labels, card: groupLeft ? 'many-to-one' : groupRight ? 'one-to-many' : 'one-to-one', include, variable: matched.variable || included.variable };
  }

  /** The label names of a list, those a dashboard variable stands for left out (`variable`: there were some). */
  private labelList(n: PromqlNode | undefined): { names: string[]; variable: boolean } {
    if (!n) return { names: [], variable: false };
    const nodes = n.children.filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName');
    const written = nodes.filter((c) => !this.fromVariable(c));
    return { names: written.map((c) => (c.name === 'LabelName' ? this.text(c) : unquote(this.text(c)))), variable: written.length < nodes.length };
  }

  private vectorResult(op: string, bool: boolean, lhs: SeriesTraits, rhs: SeriesTraits, clause: MatchingClause | undefined): PromType {
    if (SET_OPS.has(op)) {
      if (op === 'Or') {
        return { kind: 'vector', labels: unionLabels(lhs.labels, rhs.labels), counter: mergeTri(lhs.counter, rhs.counter), buckets: mergeTri(lhs.buckets, rhs.buckets), sampleInterval: maxOf(lhs.sampleInterval, rhs.sampleInterval) };
      }
      return { kind: 'vector', ...lhs };
    }
    const filter = COMPARISONS.has(op) && !bool;
    const card = clause?.card ?? 'one-to-one';
    const base = card === 'one-to-many' ? rhs : lhs;
    let labels = filter ? base.labels : withoutLabels(base.labels, ['__name__']);
    if (card === 'one-to-one' && clause) labels = clause.on ? knownLabels(clause.labels.filter((l) => !lacksLabel(labels, l))) : withoutLabels(labels, clause.labels);
    if (clause && clause.include.length > 0) labels = addLabels(labels, clause.include);
    if (clause?.variable) labels = { ...labels, open: true };
    return {
      kind: 'vector',
      labels,
      counter: filter ? base.counter : arithmeticCounter(op, lhs.counter, rhs.counter),
      buckets: base.buckets,
      metric: filter ? base.metric : undefined,
      regrouped: base.regrouped,
      sampleInterval: maxOf(lhs.sampleInterval, rhs.sampleInterval),
    };
  }

  /** ` (did you mean "x"?)` when a label of the set is close to the one written. */
  private hint(label: string, labels: Labels): string {
    const near = suggestName(label, [...labels.names].filter((l) => l !== '__name__'));
    return near ? ` (did you mean "${near}"?)` : '';
  }
}

interface MatchingClause {
  readonly on: boolean;
  readonly labels: string[];
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  readonly include: string[];
  /** A dashboard variable names some of the labels. */
  readonly variable: boolean;
}

interface Matcher {
  readonly label: string;
  readonly op: string;
  readonly value: string;
  readonly text: string;
}

/** The children that are expressions (the grammar's `Expr` group), not keywords, names or modifiers. */
function expressions(n: PromqlNode): PromqlNode[] {
  return n.children.filter((c) => c.type.is('Expr'));
}

function callArgs(body: PromqlNode | undefined): PromqlNode[] {
  return body ? expressions(body) : [];
}

function functionName(n: PromqlNode, text: (x: PromqlNode) => string): string {
  const ident = childOf(n, 'FunctionIdentifier');
  return ident ? text(ident).toLowerCase() : '';
}

function matchersOf(selector: PromqlNode, text: (x: PromqlNode) => string): Matcher[] {
  const list = childOf(selector, 'LabelMatchers');
  if (!list) return [];
  const out: Matcher[] = [];
  for (const m of list.children) {
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
    const nameNode = childOf(m, 'LabelName') ?? childOf(m, 'QuotedLabelName');
    const op = childOf(m, 'MatchOp');
    const value = childOf(m, 'StringLiteral');
    if (!nameNode || !op || !value) continue;
    const label = nameNode.name === 'LabelName' ? text(nameNode) : unquote(text(nameNode));
    out.push({ label, op: text(op), value: unquote(text(value)), text: text(m) });
  }
  return out;
}

/**
 * Which jobs a selector's `job` matchers admit; undefined when there is none or one cannot be
 * evaluated here (a Grafana variable in it, say).
 */
function jobFilter(matchers: readonly Matcher[]): ((job: string) => boolean) | undefined {
  if (matchers.length === 0 || matchers.some((m) => m.value.includes('$'))) return undefined;
  const tests: ((job: string) => boolean)[] = [];
  for (const m of matchers) {
    if (m.op === '=') tests.push((j) => j === m.value);
    else if (m.op === '!=') tests.push((j) => j !== m.value);
    else {
      const re = anchoredRegex(m.value);
      if (!re) return undefined;
      tests.push(m.op === '=~' ? (j) => re.test(j) : (j) => !re.test(j));
    }
  }
  return (job) => tests.every((t) => t(job));
}

/** Whether a matcher accepts a series that lacks the label (its value is then the empty string). */
function matchesEmpty(m: Matcher): boolean {
  if (m.op === '=') return m.value === '';
  if (m.op === '!=') return m.value !== '';
  const re = anchoredRegex(m.value);
  if (!re) return true;
  const empty = re.test('');
  return m.op === '=~' ? empty : !empty;
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'")) {
    try {
      return s[0] === '"' ? (JSON.parse(s) as string) : s.slice(1, -1).replace(/\\(.)/g, '$1');
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.startsWith('`')) return s.slice(1, -1);
  return s;
}

/**
 * Whether arithmetic on counters gives a counter: a sum of two does (it only grows, resets aside); of
 * anything else with a counter (x_total * 8, x_total - x_total offset 1h) it cannot be told; of non-counters not.
 */
function arithmeticCounter(op: string, a: Tri, b: Tri): Tri {
  if (op === 'Add' && a === 'yes' && b === 'yes') return 'yes';
  if (a === 'no' && b === 'no') return 'no';
  return 'unknown';
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function describe(t: PromType | SeriesTraits): string {
  const { metric, labels, regrouped } = t as SeriesTraits;
  if (metric && !regrouped) return metric;
  if (!labels) return 'its input';
  const names = [...labels.names].filter((l) => l !== '__name__').sort();
  const what = names.length ? `series labelled {${names.join(', ')}}${labels.open ? ' and more' : ''}` : 'series without labels';
  return metric ? `${what} (an aggregation of ${metric})` : what;
}

