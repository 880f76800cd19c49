/**
 * `--query` (JMESPath) and `--output json|table|text`, as the AWS CLI prints them: JSON indented by
 * four spaces; text as its tab-separated lines (a list of structures: one line per element, the
 * scalar members in key order, prefixed by the list's name in capitals when nested); table as its
 * boxed sections (a title, a section per nested structure or list, lists of structures as columns).
 */
import { JMESPathTypeError, search } from '@aws-lambda-powertools/jmespath';
import { UsageError } from './values';

/** The output formats. */
export const OUTPUT_FORMATS = ['json', 'table', 'text'] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Applies a JMESPath expression (`--query`); a bad expression is a usage error. */
export function applyQuery(data: unknown, expression: string | undefined): unknown {
  if (expression === undefined) return data;
  try {
    return search(expression, data as never);
  } catch (error) {
    throw new UsageError(`Bad value for --query ${expression}: ${(error as Error).message}`);
  }
}

/**
 * Checks a `--query` expression before anything is called (as the AWS CLI parses it first):
 * evaluated on `null`, a syntax error, an unknown function or a wrong argument count is a usage
 * error; a type error there says nothing about the real output.
 */
export function checkQuery(expression: string): void {
  try {
    search(expression, null as never);
  } catch (error) {
    if (error instanceof JMESPathTypeError) return;
    throw new UsageError(`Bad value for --query ${expression}: ${(error as Error).message}`);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object';

/** A scalar as the AWS CLI (Python's `str`) prints it. */
function str(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

// ---- text: a port of awscli/text.py ----

function textOf(item: unknown, lines: string[], identifier?: string, scalarKeys?: string[]): void {
  if (Array.isArray(item)) textOfList(item, lines, identifier);
  else if (item !== null && typeof item === 'object') textOfDict(item as Record<string, unknown>, lines, identifier, scalarKeys);
  else lines.push(str(item));
}

function textOfList(items: unknown[], lines: string[], identifier?: string): void {
  if (items.length === 0) return;
  if (items.some((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
    const keys = [
      ...new Set(
        items.flatMap((item) =>
          item !== null && typeof item === 'object' && !Array.isArray(item)
            ? Object.entries(item)
                .filter(([, v]) => isScalar(v))
                .map(([k]) => k)
            : [],
        ),
      ),
    ].sort();
    for (const item of items) textOf(item, lines, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) textOfScalars(scalars, lines, identifier);
    for (const item of items.filter((value) => !isScalar(value))) textOf(item, lines, identifier);
  } else textOfScalars(items, lines, identifier);
}

function textOfScalars(items: unknown[], lines: string[], identifier?: string): void {
  if (identifier !== undefined) for (const item of items) lines.push(`${identifier.toUpperCase()}\t${str(item)}`);
  else lines.push(items.map(str).join('\t'));
}

function textOfDict(item: Record<string, unknown>, lines: string[], identifier?: string, scalarKeys?: string[]): void {
  const scalars: string[] = [];
  const nested: Array<[string, unknown]> = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort()) {
      if (isScalar(item[key])) scalars.push(str(item[key]));
      else nested.push([key, item[key]]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? str(item[key]) : '');
    for (const key of Object.keys(item)
      .filter((k) => !scalarKeys.includes(k))
      .sort())
      nested.push([key, item[key]]);
  }
  if (scalars.length > 0) lines.push((identifier !== undefined ? [identifier.toUpperCase(), ...scalars] : scalars).join('\t'));
  for (const [key, value] of nested) textOf(value, lines, key);
}

/** `--output text`. */
export function formatText(data: unknown): string {
  if (data === null || data === undefined) return '';
  const lines: string[] = [];
  textOf(data, lines);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

// ---- table: the AWS CLI's layout (awscli/formatter.py TableFormatter, awscli/table.py MultiTable) ----

interface Section {
  title?: string;
  indent: number;
  headers?: string[];
  rows: string[][];
}

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Keep members in their order instead of sorting them (the responder views choose their columns' order). */
  keepOrder?: boolean;
  /** Above this width, one-row sections print as key/value rows. Default: the terminal's width, else 80. */
  terminalWidth?: number;
}

class TableBuilder {
  readonly sections: Section[] = [];
  constructor(private readonly options: TableOptions) {}

  private get current(): Section {
    return this.sections[this.sections.length - 1];
  }

  private newSection(title: string | undefined, indent: number): void {
    this.sections.push({ title, indent, rows: [] });
  }

  private scalarKeys(record: Record<string, unknown>): { scalars: string[]; more: string[] } {
    const keys = this.options.keepOrder ? Object.keys(record) : Object.keys(record).sort();
    return { scalars: keys.filter((key) => isScalar(record[key])), more: keys.filter((key) => !isScalar(record[key])) };
  }

  build(title: string | undefined, value: unknown, indent: number): void {
    if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return;
    if (title !== undefined || this.sections.length === 0) this.newSection(title, indent);
    if (Array.isArray(value)) {
      if (value[0] !== null && typeof value[0] === 'object' && !Array.isArray(value[0])) this.fromList(value as Array<Record<string, unknown>>, indent, title);
      else {
        for (const item of value) {
          if (isScalar(item)) this.current.rows.push([str(item)]);
          else if (Array.isArray(item) && item.every(isScalar)) this.current.rows.push(item.map(str));
          else this.build(undefined, item, indent);
        }
      }
    } else if (typeof value === 'object') this.fromDict(value as Record<string, unknown>, indent);
    else this.current.rows.push([str(value)]);
  }

  private fromDict(record: Record<string, unknown>, indent: number): void {
    const { scalars, more } = this.scalarKeys(record);
    if (scalars.length === 1) this.current.rows.push([scalars[0], str(record[scalars[0]])]);
    else if (scalars.length > 1) {
      this.current.headers = scalars;
      this.current.rows.push(scalars.map((key) => str(record[key])));
    }
    for (const key of more) this.build(key, record[key], indent + 1);
  }

  private fromList(records: Array<Record<string, unknown>>, indent: number, title: string | undefined): void {
    const scalars: string[] = [];
    const more: string[] = [];
    for (const record of records) {
      if (record === null || typeof record !== 'object') continue;
      const keys = this.scalarKeys(record);
      for (const key of keys.scalars) if (!scalars.includes(key) && !more.includes(key)) scalars.push(key);
      for (const key of keys.more) if (!more.includes(key)) more.push(key);
    }
    if (!this.options.keepOrder) {
      scalars.sort();
      more.sort();
    }
    this.current.headers = scalars;
    records.forEach((record, index) => {
      if (index > 0 && more.length > 0) {
        this.newSection(title, indent);
        this.current.headers = scalars;
      }
      this.current.rows.push(scalars.map((key) => (key in record ? str(record[key]) : '')));
      for (const key of more) if (key in record) this.build(key, record[key], indent + 1);
    });
  }
}

/** Python's `round` (half to even), which the AWS CLI's column scaling uses. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (Math.abs(fraction - 0.5) > 1e-9) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Each column's widest cell (headers included). */
function maxWidths(section: Section): number[] {
  const rows = section.headers !== undefined && section.headers.length > 0 ? [section.headers, ...section.rows] : section.rows;
  const columns = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: columns }, (_, i) => Math.max(0, ...rows.map((row) => (row[i] ?? '').length)));
}

/** Column widths (cell plus 4 of padding), scaled to add up to `total`; the rounding difference taken from the first (or given to the last) columns. */
function columnWidths(section: Section, total: number): number[] {
  const natural = maxWidths(section).map((width) => width + 4);
  if (natural.length === 0) return natural;
  const scale = total / natural.reduce((a, b) => a + b, 0);
  const scaled = natural.map((width) => roundHalfEven(scale * width));
  let off = scaled.reduce((a, b) => a + b, 0) - total;
  while (off !== 0) {
    const order = off > 0 ? scaled.map((_, i) => i) : scaled.map((_, i) => scaled.length - 1 - i);
    for (const i of order) {
      scaled[i] += off > 0 ? -1 : 1;
      off += off > 0 ? -1 : 1;
      if (off === 0) break;
    }
  }
  return scaled;
}

/** The width a section needs: its columns with padding and borders, or its title, inside its indentation. */
function sectionWidth(section: Section): number {
  const columns = maxWidths(section).reduce((sum, width) => sum + width + 4, 0) + 2 + 2 * section.indent;
  return Math.max((section.title?.length ?? 0) + 2 + 2 * section.indent, columns);
}

function centered(text: string, width: number, left: string, right: string): string {
  const start = Math.floor(width / 2) - Math.floor(text.length / 2) - 1;
  const head = `${left}${' '.repeat(Math.max(0, start))}${text}`;
  return `${head}${' '.repeat(Math.max(0, width - right.length - (left.length + start + text.length)))}${right}`;
}

function leftAligned(text: string, width: number, left: string, right: string): string {
  const padding = width - (text.length + 2 + left.length + right.length) >= 0 ? 2 : 0;
  return `${left}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, width - (left.length + padding + text.length) - right.length))}${right}`;
}

function rule(widths: number[]): string {
  return widths.map((width, i) => (i === 0 ? `+${'-'.repeat(width - 2)}+` : `${'-'.repeat(width - 1)}+`)).join('');
}

function renderSection(section: Section, total: number, lines: string[]): void {
  const bars = '|'.repeat(section.indent);
  const width = total - 2 * section.indent;
  const line = (text: string) => lines.push(`${bars}${text}${bars}`);
  const hasHeaders = section.headers !== undefined && section.headers.length > 0;
  if (section.title) {
    line(centered(section.title, width, '|', '|'));
    if (!hasHeaders && section.rows.length === 0) line(`+${'-'.repeat(width - 2)}+`);
  }
  const widths = columnWidths(section, width);
  if (hasHeaders) {
    line(rule(widths));
    line(widths.map((cell, i) => centered(section.headers?.[i] ?? '', cell, i === 0 ? '|' : '', '|')).join(''));
  }
  if (section.rows.length > 0 && widths.length > 0) {
    line(rule(widths));
    for (const row of section.rows) line(widths.map((cell, i) => leftAligned(row[i] ?? '', cell, i === 0 ? '|' : '', '|')).join(''));
    line(rule(widths));
  }
}

/** Sections of one row under headers become key/value rows (what the AWS CLI does when the table is wider than the terminal). */
function vertical(sections: Section[]): Section[] {
  return sections.map((section) =>
    section.rows.length === 1 && section.headers !== undefined && section.headers.length > 0
      ? { title: section.title, indent: section.indent, rows: section.headers.map((header, i) => [header, section.rows[0][i] ?? '']) }
      : section,
  );
}

/** `--output table`, titled with the operation's name, at most `terminalWidth` wide where it can (default: the terminal's, else 80, as the AWS CLI). */
export function formatTable(data: unknown, title: string, options: TableOptions = {}): string {
  const builder = new TableBuilder(options);
  builder.build(title, data, 0);
  let sections = builder.sections;
  if (sections.length === 0) return '';
  const terminalWidth = options.terminalWidth ?? (process.stdout.isTTY ? process.stdout.columns : 80);
  let total = Math.max(...sections.map(sectionWidth));
  if (total > terminalWidth) {
    sections = vertical(sections);
    total = Math.max(...sections.map(sectionWidth));
  }
  const lines = ['-'.repeat(total)];
  for (const section of sections) renderSection(section, total, lines);
  return `${lines.join('\n')}\n`;
}

/** Prints a command's output in the chosen format, after `--query`. */
export function formatOutput(data: unknown, format: OutputFormat, title: string, options: TableOptions = {}): string {
  if (format === 'text') return formatText(data);
  if (format === 'table') return formatTable(data, title, options);
  return `${JSON.stringify(data as Json, null, 4)}\n`;
}
