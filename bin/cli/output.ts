/**
 * `--query` (JMESPath) and `--output json|table|text`, as the AWS CLI prints them: JSON indented by
 * four spaces; text as its tab-separated lines (a list of structures: one line per element, the
 * scalar members in key order, prefixed by the list's name in capitals when nested); table as its
 * boxed sections (a title, a section per nested structure or list, lists of structures as columns).
 */
import { search } from '@aws-lambda-powertools/jmespath';
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
    const keys = [...new Set(items.flatMap((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.entries(item).filter(([, v]) => isScalar(v)).map(([k]) => k) : [])))].sort();
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
    for (const key of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort()) nested.push([key, item[key]]);
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

// ---- table: the layout of awscli/formatter.py's TableFormatter ----

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
    if (!this.options.keepOrder) scalars.sort();
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

function widthsOf(section: Section): number[] {
  const columns = Math.max(section.headers?.length ?? 0, ...section.rows.map((row) => row.length), 1);
  return Array.from({ length: columns }, (_, i) => Math.max((section.headers?.[i] ?? '').length, ...section.rows.map((row) => (row[i] ?? '').length)) + 4);
}

const center = (text: string, width: number) => {
  const left = Math.floor((width - text.length) / 2);
  return `${' '.repeat(Math.max(0, left))}${text}`.padEnd(width);
};

function renderSection(section: Section, total: number, lines: string[]): void {
  const bars = '|'.repeat(section.indent);
  const inner = total - 2 * section.indent;
  const line = (text: string) => lines.push(`${bars}${text}${bars}`);
  const natural = widthsOf(section);
  const spare = inner - 2 - (natural.reduce((a, b) => a + b, 0) + natural.length - 1);
  const widths = natural.map((width, i) => (i === natural.length - 1 ? width + Math.max(0, spare) : width));
  const separator = () => line(`+${widths.map((width) => '-'.repeat(width)).join('+')}+`);
  if (section.title !== undefined) {
    line(`|${center(section.title, inner - 2)}|`);
  }
  if (section.headers !== undefined && section.headers.length > 0) {
    separator();
    line(`|${widths.map((width, i) => center(section.headers?.[i] ?? '', width)).join('|')}|`);
  }
  if (section.rows.length > 0) {
    separator();
    for (const row of section.rows) line(`|${widths.map((width, i) => `  ${row[i] ?? ''}`.padEnd(width)).join('|')}|`);
  }
  separator();
}

/** `--output table`, titled with the operation's name. */
export function formatTable(data: unknown, title: string, options: TableOptions = {}): string {
  const builder = new TableBuilder(options);
  builder.build(title, data, 0);
  const { sections } = builder;
  if (sections.length === 0) return '';
  const total = Math.max(
    ...sections.map((section) => {
      const widths = widthsOf(section);
      return Math.max((section.title?.length ?? 0) + 4, widths.reduce((a, b) => a + b, 0) + widths.length + 1) + 2 * section.indent;
    }),
  );
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
