/**
 * Grafana's interval variables. `$__rate_interval` is what rate() windows should use: at least four
 * scrape intervals and never shorter than a graph step, so no sample falls between windows.
 */
export const RATE = '$__rate_interval';
/** Loki's automatic step for count_over_time and friends. */
export const AUTO = '$__auto';

/** Durations to stand in for Grafana's built-in duration variables, so a query can be parsed and checked as written. */
const BUILT_IN_DURATIONS: Readonly<Record<string, string>> = {
  __rate_interval: '2m',
  __interval: '1m',
  __auto: '1m',
  __range: '6h',
};

/** Built-in variables that stand for numbers: milliseconds or seconds of the above, the time range's ends. */
const BUILT_IN_NUMBERS = /^__(?:(?:rate_interval|interval|range)_(?:ms|s)|from|to)$/;

/** What a dashboard variable of the user's (`$job`, `$window`) stands for where it is written. */
const SAMPLE_DURATION = '5m';
const SAMPLE_NUMBER = '1';
const SAMPLE_NAME = 'grafana_variable';

/**
 * A variable as Grafana writes it: `$name`, `${name}`, `${name:format}` or the old `[[name]]`. Made
 * once, not per query: every dashboard query of every environment passes it.
 */
const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::\w+)?\]\]/y;
/** Keywords whose parenthesised list holds label names. */
const LABEL_LIST_KEYWORDS = /(?:^|[^\w])(by|without|on|ignoring|group_left|group_right)\s*$/;

/** The query with Grafana's variables replaced by sample values. */
export function withSampleIntervals(expr: string): string {
  return sampleIntervals(expr).text;
}

/**
 * The query with Grafana's variables replaced so that it parses, and where in the result each
 * replacement stands (`[from, to)`), so the checks can leave what a variable decides alone: a window
 * (`$__rate_interval`, `[$window]`), a number (`topk($n, …)`), a label in a grouping (`by ($group)`)
 * or a metric name (`$metric{…}`). Variables inside string literals (`{job=~"$job"}`) stay as written:
 * there they are values, which Grafana fills in and the checks already treat as unknown.
 */
export function sampleIntervals(expr: string): { text: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  let text = '';
  let quote: string | undefined;
  let brackets = 0;
  const parens: boolean[] = [];
  for (let i = 0; i < expr.length; ) {
    const c = expr[i];
    if (quote) {
      text += c;
      if (c === '\\' && quote !== '`' && i + 1 < expr.length) text += expr[++i];
      else if (c === quote) quote = undefined;
      i++;
      continue;
    }
    VARIABLE.lastIndex = i;
    const m = c === '$' || (c === '[' && expr[i + 1] === '[') ? VARIABLE.exec(expr) : null;
    if (m) {
      const value = sampleValue(m[1] ?? m[2] ?? m[3], expr.slice(i + m[0].length), text, brackets > 0, parens[parens.length - 1] === true);
      spans.push([text.length, text.length + value.length]);
      text += value;
      i += m[0].length;
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line; a quote in it opens no string.
      const end = expr.indexOf('\n', i);
      const stop = end === -1 ? expr.length : end;
      text += expr.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '[') brackets++;
    else if (c === ']') brackets = Math.max(0, brackets - 1);
    // The keyword is just before the parenthesis: its tail is enough to test.
    else if (c === '(') parens.push(LABEL_LIST_KEYWORDS.test(text.slice(-24)));
    else if (c === ')') parens.pop();
    text += c;
    i++;
  }
  return { text, spans };
}

function sampleValue(name: string, after: string, before: string, inBrackets: boolean, inLabelList: boolean): string {
  if (name in BUILT_IN_DURATIONS) return BUILT_IN_DURATIONS[name];
  if (BUILT_IN_NUMBERS.test(name)) return SAMPLE_NUMBER;
  if (inBrackets || /\boffset\s*$/.test(before)) return SAMPLE_DURATION;
  if (inLabelList) return SAMPLE_NAME;
  // A name followed by a selector's braces or a range is a metric name; anything else a number.
  if (/^\s*[{[]/.test(after) && !/[\w.]$/.test(before)) return SAMPLE_NAME;
  return SAMPLE_NUMBER;
}
