/**
 * A parsed `wildcard` value: the literal text between the unescaped `*`s. `["a", "b"]` is `a*b`;
 * `["", ""]` is `*`; one segment means no wildcard at all.
 */
export type WildcardSegments = readonly string[];

/**
 * Splits a wildcard value into literal segments. `\*` is a literal asterisk and `\\` a literal
 * backslash; EventBridge (through Event Ruler) rejects consecutive `**` and any other escape,
 * so those return a reason string instead.
 */
export function parseWildcard(value: string): WildcardSegments | string {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '*') {
      if (value[i + 1] === '*') return `consecutive wildcard characters at position ${i}`;
      segments.push(current);
      current = '';
    } else if (char === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') return `invalid escape character at position ${i}`;
      current += next;
      i++;
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * True when the whole text matches the segments (`*` matching any sequence, including none).
 * Greedy left-to-right search for the middle segments: linear in practice, no backtracking.
 */
export function matchesWildcard(text: string, segments: WildcardSegments): boolean {
  const last = segments.length - 1;
  if (last === 0) return text === segments[0];
  const head = segments[0];
  const tail = segments[last];
  if (text.length < head.length + tail.length) return false;
  if (!text.startsWith(head) || !text.endsWith(tail)) return false;
  let position = head.length;
  const end = text.length - tail.length;
  for (let i = 1; i < last; i++) {
    const found = text.indexOf(segments[i], position);
    if (found < 0 || found + segments[i].length > end) return false;
    position = found + segments[i].length;
  }
  return true;
}
