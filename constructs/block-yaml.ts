/**
 * js-yaml's block style for plain data (what JSON can hold), byte for byte, without its cost: js-yaml
 * scans every scalar character by character to choose its form, and a synth writes the same label
 * names, ports and values thousands of times and configuration files of tens of kilobytes.
 *
 * - Each distinct short scalar's form (plain, quoted, a number's spelling) is still js-yaml's: asked of
 *   it once and remembered.
 * - A string of several lines whose characters are all printable becomes a literal block, the form
 *   js-yaml gives it with these options; one regular expression finds those.
 * - Indentation, `key: ` and `- ` follow js-yaml's block layout (two spaces, sequences indented under
 *   their key, a mapping in a sequence item starting on the dash's line, `{}` and `[]` when empty).
 *
 * Anything else (a Date, a class instance, undefined, a key js-yaml would write as an explicit `? `
 * pair) is left to js-yaml whole. test/constructs/block-yaml.test.ts holds this to js-yaml over every
 * file synth writes and a seeded corpus of awkward values.
 */
import * as yaml from 'js-yaml';

export type QuotingType = '"' | "'";

/** The options every monstack YAML file is written with (see toYaml). */
export function jsYamlOptions(quotingType: QuotingType): yaml.DumpOptions {
  return { lineWidth: -1, noRefs: true, sortKeys: false, quotingType };
}

/** The YAML js-yaml writes for `value` with jsYamlOptions, or undefined where it is not plain data. */
export function blockYaml(value: unknown, quotingType: QuotingType = "'"): string | undefined {
  // js-yaml reads any other quoting type as `'`; the remembered forms are kept for these two only.
  if (quotingType !== "'" && quotingType !== '"') return undefined;
  try {
    return `${new BlockWriter(quotingType).node(value, 0, true)}\n`;
  } catch (e) {
    // Nesting past the stack: js-yaml's turn, which fails or writes as it does.
    if (e instanceof NotPlainData || e instanceof RangeError) return undefined;
    throw e;
  }
}

class NotPlainData extends Error {}

/** Printable as js-yaml counts it (its isPrintable), plus the line feed; `u`: a lone surrogate matches nothing. */
const LITERAL_BLOCK_TEXT = /^[\n\x20-\x7E\xA1-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
/** Longer scalars are rare and mostly unique: asked of js-yaml each time rather than remembered. */
const REMEMBERED_LENGTH = 512;
const REMEMBERED_COUNT = 100_000;
/** Blocks are whole files: fewer of them. */
const REMEMBERED_BLOCKS = 1_000;

/** Per quoting type: a scalar's text as js-yaml writes it as a value, and as a key (null: an explicit pair). */
const scalars = { '"': new Map<string | number, string>(), "'": new Map<string | number, string>() };
const keys = { '"': new Map<string, string | null>(), "'": new Map<string, string | null>() };

function remember<K, V>(memo: Map<K, V>, key: K, value: V, limit = REMEMBERED_COUNT): V {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}

class BlockWriter {
  private readonly options: yaml.DumpOptions;

  constructor(private readonly quotingType: QuotingType) {
    this.options = jsYamlOptions(quotingType);
  }

  /** js-yaml's writeNode for block style at `level`; `compact`: the first line continues the one before. */
  node(value: unknown, level: number, compact: boolean): string {
    if (typeof value === 'object' && value !== null) {
      // js-yaml goes by this tag, which an own Symbol.toStringTag changes (to a refusal, or to `.nan` for 'Number').
      const kind = Object.prototype.toString.call(value);
      if (kind === '[object Array]') return this.sequence(value as unknown[], level, compact);
      const proto = Object.getPrototypeOf(value);
      if (kind !== '[object Object]' || (proto !== Object.prototype && proto !== null)) throw new NotPlainData();
      return this.mapping(value as Record<string, unknown>, level, compact);
    }
    return this.scalar(value, level);
  }

  private sequence(items: readonly unknown[], level: number, compact: boolean): string {
    if (items.length === 0) return '[]';
    let out = '';
    for (let i = 0; i < items.length; i++) {
      if (!compact || out !== '') out += newLine(level);
      // A hole reads as undefined: not plain.
      if (!(i in items)) throw new NotPlainData();
      const item = this.node(items[i], level + 1, true);
      out += (item.charCodeAt(0) === 10 ? '-' : '- ') + item;
    }
    return out;
  }

  private mapping(object: Record<string, unknown>, level: number, compact: boolean): string {
    let out = '';
    for (const key of Object.keys(object)) {
      const keyText = this.key(key);
      if (keyText === null) throw new NotPlainData();
      const value = this.node(object[key], level + 1, false);
      out += `${!compact || out !== '' ? newLine(level) : ''}${keyText}${value.charCodeAt(0) === 10 ? ':' : ': '}${value}`;
    }
    return out === '' ? '{}' : out;
  }

  private scalar(value: unknown, level: number): string {
    switch (typeof value) {
      case 'string':
        if (value.includes('\n') && LITERAL_BLOCK_TEXT.test(value)) return rememberedLiteralBlock(value, 2 * Math.max(1, level));
        return value.length > REMEMBERED_LENGTH ? this.asked(value) : this.remembered(value);
      case 'number':
        // -0 and 0 are one Map key but two spellings; NaN and ±Infinity are not JSON's.
        if (!Number.isFinite(value) || Object.is(value, -0)) throw new NotPlainData();
        return this.remembered(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        if (value === null) return 'null';
    }
    throw new NotPlainData(); // undefined, a function, a symbol, a bigint
  }

  private remembered(value: string | number): string {
    const memo = scalars[this.quotingType];
    return memo.get(value) ?? remember(memo, value, this.asked(value));
  }

  /** A scalar as js-yaml writes it alone: one line, the same at any indentation (several lines took literalBlock). */
  private asked(value: string | number): string {
    const text = yaml.dump(value, this.options).slice(0, -1);
    if (text.includes('\n')) throw new NotPlainData();
    return text;
  }

  private key(key: string): string | null {
    const memo = keys[this.quotingType];
    const known = memo.get(key);
    if (known !== undefined) return known;
    // As a key js-yaml writes no block scalar; past 1024 characters it writes an explicit `? ` pair.
    const text = yaml.dump({ [key]: null }, this.options);
    const written = text.startsWith('? ') || !text.endsWith(': null\n') ? null : text.slice(0, -': null\n'.length);
    return key.length > REMEMBERED_LENGTH ? written : remember(memo, key, written);
  }
}

/**
 * The same configuration files and dashboards stand in several manifests (each environment, the k8s and
 * operator targets): each text's block is made once per indentation. By indentation, then text.
 */
const literalBlocks = new Map<number, Map<string, string>>();

function rememberedLiteralBlock(text: string, indent: number): string {
  let byText = literalBlocks.get(indent);
  if (!byText) literalBlocks.set(indent, (byText = new Map()));
  return byText.get(text) ?? remember(byText, text, literalBlock(text, indent), REMEMBERED_BLOCKS);
}

const NEW_LINES: string[] = [];

function newLine(level: number): string {
  return (NEW_LINES[level] ??= `\n${' '.repeat(2 * level)}`);
}

/**
 * A literal block as js-yaml writes one: `|`, an indentation indicator when the text starts with a
 * space (after any blank lines), the chomping indicator (`-` no final newline, `+` several), then each
 * line indented, blank lines left empty, and no newline of its own at the end.
 */
function literalBlock(text: string, indent: number): string {
  const indicator = /^\n* /.test(text) ? '2' : '';
  const clip = text.endsWith('\n');
  const keep = clip && (text === '\n' || text[text.length - 2] === '\n');
  // Every line that is not empty; the text holds no other line terminator than \n (LITERAL_BLOCK_TEXT).
  const body = text.replace(/^(?=.)/gm, ' '.repeat(indent));
  return `|${indicator}${keep ? '+' : clip ? '' : '-'}\n${clip ? body.slice(0, -1) : body}`;
}
