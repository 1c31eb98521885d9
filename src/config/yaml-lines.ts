/**
 * Finds the line of a key path in block-style YAML. js-yaml keeps no positions after parsing, so the
 * text is walked: each key of the path is looked for below the previous one, deeper indented.
 * Returns undefined where the path cannot be followed (flow style, anchors); the error then goes
 * without a line rather than with a wrong one.
 */
export function lineOfKeyPath(text: string, path: readonly (string | number)[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let from = 0;
  let parentIndent = -1;
  let found: number | undefined;
  for (const segment of path) {
    const hit = typeof segment === 'number'
      ? findItem(lines, from, parentIndent, segment)
      : findKey(lines, from, parentIndent, segment);
    if (!hit) return found;
    found = hit.line + 1;
    from = hit.line + (typeof segment === 'number' ? 0 : 1);
    parentIndent = hit.indent;
  }
  return found;
}

interface Hit {
  readonly line: number;
  readonly indent: number;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Column where a key starts, after any `- ` of a list item. */
function keyColumn(line: string): number {
  return line.length - line.replace(/^\s*(- +)?/, '').length;
}

function isContent(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

function findKey(lines: string[], from: number, parentIndent: number, key: string): Hit | undefined {
  const pattern = new RegExp(`^\\s*(- +)?(["']?)${escape(key)}\\2\\s*:(\\s|$)`);
  for (let i = from; i < lines.length; i++) {
    if (!isContent(lines[i])) continue;
    const indent = indentOf(lines[i]);
    if (indent <= parentIndent && i > from) return undefined;
    if (pattern.test(lines[i])) return { line: i, indent: keyColumn(lines[i]) };
  }
  return undefined;
}

function findItem(lines: string[], from: number, parentIndent: number, index: number): Hit | undefined {
  let seen = -1;
  for (let i = from; i < lines.length; i++) {
    if (!isContent(lines[i])) continue;
    const indent = indentOf(lines[i]);
    if (indent <= parentIndent && !lines[i].trimStart().startsWith('-')) return undefined;
    if (lines[i].trimStart().startsWith('- ') || lines[i].trim() === '-') {
      seen++;
      if (seen === index) return { line: i, indent };
    }
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
