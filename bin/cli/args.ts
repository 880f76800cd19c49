/**
 * The `sechub` command line: `sechub [global options] <subcommand> [flags]`, global options
 * allowed anywhere (as the AWS CLI allows them).
 */
import { COMMANDS, findCommand, parseParameter, type CommandSpec } from './commands';
import { checkInput, readCliInputJson } from './input';
import { OUTPUT_FORMATS, checkQuery, type OutputFormat } from './output';
import { sdkCommandNames } from './sdk-commands';
import { UsageError, parseInteger } from './values';

/** Options every subcommand takes. */
export interface GlobalOptions {
  endpointUrl?: string;
  region?: string;
  profile?: string;
  /** Data dir of the in-process embedded default (when nothing listens on the default endpoint). */
  dataDir?: string;
  help: boolean;
  /** `--version`. */
  version?: boolean;
  /** `--output json|table|text` (default json; the responder views default to table). */
  output?: OutputFormat;
  /** `--query`: a JMESPath expression applied to the output before printing. */
  query?: string;
}

/** Paging flags of paginated subcommands (AWS CLI semantics). */
export interface Paging {
  /** False with `--no-paginate`, or when `--max-results`/`--next-token` are given. */
  paginate: boolean;
  maxItems?: number;
  pageSize?: number;
  startingToken?: string;
}

/** A parsed command line. */
export interface CommandLine {
  global: GlobalOptions;
  command?: CommandSpec;
  input: Record<string, unknown>;
  paging: Paging;
  /** `--generate-cli-skeleton [input|output]`: print that skeleton instead of calling. */
  skeleton?: 'input' | 'output';
}

const GLOBAL_VALUE_FLAGS: Record<string, keyof GlobalOptions> = {
  'endpoint-url': 'endpointUrl',
  region: 'region',
  profile: 'profile',
  'data-dir': 'dataDir',
  query: 'query',
};
/** Accepted for compatibility with copied `aws securityhub` commands; JSON is the only output. */
const IGNORED_FLAGS = new Set(['no-cli-pager', 'no-paginate-output']);
const PAGING_FLAGS = new Set(['max-items', 'page-size', 'starting-token', 'no-paginate']);

const BOOLEAN_FLAGS = new Set(['help', 'version', 'no-paginate', ...IGNORED_FLAGS]);
const SKELETON_FLAG = 'generate-cli-skeleton';
const INPUT_JSON_FLAG = 'cli-input-json';

/** How many values follow a flag: lists take all up to the next flag, booleans none, the rest one. */
function flagArity(name: string, commandName: string | undefined, next: string | undefined): number {
  if (BOOLEAN_FLAGS.has(name)) return 0;
  // `--generate-cli-skeleton` alone means `input`.
  if (name === SKELETON_FLAG) return next === 'input' || next === 'output' ? 1 : 0;
  if (name in GLOBAL_VALUE_FLAGS || PAGING_FLAGS.has(name) || name === 'output' || name === INPUT_JSON_FLAG) return 1;
  const parameters = (commandName === undefined ? undefined : findCommand(commandName))?.parameters ?? [];
  if (name.startsWith('no-') && parameters.some((p) => p.kind === 'boolean' && p.flag === name.slice(3))) return 0;
  const parameter = parameters.find((p) => p.flag === name);
  if (parameter?.kind === 'boolean') return 0;
  return parameter === undefined || parameter.kind.endsWith('-list') ? Number.POSITIVE_INFINITY : 1;
}

/** Parses argv (without `node` and the script). Throws `UsageError`. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const global: GlobalOptions = { help: false };
  const flags = new Map<string, string[]>();
  let commandName: string | undefined;

  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i];
    if (!token.startsWith('--')) {
      if (token === 'help' || token === '-h') global.help = true;
      else if (commandName === undefined) commandName = token;
      else throw new UsageError(`Unknown argument: ${token}`);
      continue;
    }
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2);
    const values: string[] = inline !== undefined ? [inline] : [];
    const arity = flagArity(name, commandName, inline === undefined ? argv[i + 1] : undefined);
    while (inline === undefined && values.length < arity && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      values.push(argv[++i]);
    }

    if (name === 'help') global.help = true;
    else if (name === 'version') global.version = true;
    else if (name === 'output') {
      if (!OUTPUT_FORMATS.includes(values[0] as OutputFormat))
        throw new UsageError(`argument --output: Invalid choice '${values[0] ?? ''}', valid choices are: ${OUTPUT_FORMATS.join(', ')}`);
      global.output = values[0] as OutputFormat;
    } else if (IGNORED_FLAGS.has(name)) continue;
    else if (name in GLOBAL_VALUE_FLAGS) {
      if (values.length !== 1) throw new UsageError(`--${name} takes one value`);
      (global as unknown as Record<string, string>)[GLOBAL_VALUE_FLAGS[name]] = values[0];
    } else {
      if (flags.has(name)) throw new UsageError(`--${name} given twice`);
      flags.set(name, values);
    }
  }

  if (global.query !== undefined) checkQuery(global.query);
  const paging: Paging = { paginate: true };
  if (commandName === undefined) {
    if (flags.size > 0) throw new UsageError(`Unknown options: ${[...flags.keys()].map((f) => `--${f}`).join(', ')}`);
    return { global, input: {}, paging };
  }
  const command = findCommand(commandName);
  if (command === undefined) throw new UsageError(`Unknown command '${commandName}'. Run 'sechub help' for the list.`);
  if (global.help) return { global, command, input: {}, paging };
  if (flags.has(SKELETON_FLAG)) return { global, command, input: {}, paging, skeleton: (flags.get(SKELETON_FLAG)?.[0] ?? 'input') as 'input' | 'output' };

  const fromJson = flags.has(INPUT_JSON_FLAG) ? readCliInputJson(flags.get(INPUT_JSON_FLAG) ?? []) : {};
  flags.delete(INPUT_JSON_FLAG);
  const input: Record<string, unknown> = {};
  for (const [name, values] of flags) {
    if (PAGING_FLAGS.has(name) && command.pagination) {
      applyPagingFlag(paging, name, values);
      continue;
    }
    // As the AWS CLI: `--no-<flag>` sets a boolean member to false.
    const negated = name.startsWith('no-') ? command.parameters.find((candidate) => candidate.kind === 'boolean' && candidate.flag === name.slice(3)) : undefined;
    if (negated !== undefined) {
      if (values.length > 0) throw new UsageError(`--${name} takes no value`);
      input[negated.member] = false;
      continue;
    }
    const parameter = command.parameters.find((candidate) => candidate.flag === name);
    if (parameter === undefined) throw new UsageError(`Unknown option for ${command.name}: --${name}`);
    if (values.length === 0 && parameter.kind !== 'boolean') throw new UsageError(`--${name} expects a value`);
    try {
      input[parameter.member] = parseParameter(parameter, values);
    } catch (error) {
      throw error instanceof UsageError ? error : new UsageError((error as Error).message);
    }
  }
  // As the AWS CLI: flags override the members of --cli-input-json.
  const merged = { ...fromJson, ...input };
  const missing = command.parameters.filter((parameter) => parameter.required && !(parameter.member in merged));
  if (missing.length > 0) throw new UsageError(`the following arguments are required: ${missing.map((parameter) => `--${parameter.flag}`).join(', ')}`);
  const checked = checkInput(command, command.prepare?.(merged) ?? merged, new Set(Object.keys(input)));
  // As the AWS CLI: the operation's own paging members turn automatic pagination off.
  if ('MaxResults' in checked || 'NextToken' in checked) paging.paginate = false;
  return { global, command, input: checked, paging };
}

function applyPagingFlag(paging: Paging, name: string, values: string[]): void {
  if (name === 'no-paginate') {
    if (values.length > 0) throw new UsageError('--no-paginate takes no value');
    paging.paginate = false;
    return;
  }
  if (values.length !== 1) throw new UsageError(`--${name} takes one value`);
  if (name === 'starting-token') paging.startingToken = values[0];
  else {
    const value = parseInteger(values[0], `--${name}`);
    if (value < 1) throw new UsageError(`--${name} must be at least 1`);
    if (name === 'max-items') paging.maxItems = value;
    else paging.pageSize = value;
  }
}

function wrap(words: string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    if (lines.length > 0 && lines[lines.length - 1].length + word.length + 1 <= width) lines[lines.length - 1] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** `sechub help` / `sechub <command> help`. */
export function helpText(command?: CommandSpec): string {
  const globals = [
    '  --endpoint-url URL   API endpoint (env SECHUB_ENDPOINT_URL; default http://127.0.0.1:4580, the embedded',
    '                       default: started in-process for the one command when nothing listens there)',
    '  --region REGION      signing Region (default from the endpoint, AWS_REGION, or us-east-1 locally)',
    '  --profile NAME       AWS profile for credentials (deployed endpoints)',
    '  --data-dir DIR       data dir of the in-process embedded default (env SECHUB_DATA_DIR)',
    '  --output FORMAT      json (default), table or text, as the AWS CLI prints them',
    '  --query JMESPATH     a JMESPath expression applied to the output (as the AWS CLI)',
    '  --cli-input-json JSON|file://PATH   the input as JSON (flags given too override its members)',
    '  --generate-cli-skeleton [input|output]   print a JSON skeleton of the input (or output) and exit',
    '  --version            print the version',
  ];
  if (command === undefined) {
    return [
      'usage: sechub [options] <command> [parameters]',
      '',
      'Commands (as `aws securityhub`):',
      ...COMMANDS.map((spec) => `  ${spec.name.padEnd(24)} ${spec.summary}`),
      `  ${'normalize FILE|-'.padEnd(24)} Prints the ASFF findings an event would produce (local; writes nothing).`,
      '',
      'Every other operation of the Security Hub API model, named as `aws securityhub` names it (flags from the model):',
      ...wrap(
        sdkCommandNames().filter((name) => !COMMANDS.some((spec) => spec.name === name)),
        100,
      ).map((line) => `  ${line}`),
      '',
      'Exit codes: 0 ok; 1 the command ran but what it reports failed (a waited run FAILED, put-events',
      'entries failed); 252 usage or parameter validation; 254 service error; 255 unexpected failure; 130 interrupted.',
      '',
      'Options:',
      ...globals,
      '',
      'Values: JSON, file://path, or shorthand (e.g. --workflow Status=RESOLVED).',
      '',
    ].join('\n');
  }
  const flags = command.parameters.map((p) => `  --${p.flag}${p.kind === 'boolean' ? '' : ` ${p.kind.toUpperCase()}`}${p.required ? '   (required)' : ''}`);
  const paging = command.pagination ? ['', 'Pagination (all pages by default):', '  --max-items N', '  --page-size N', '  --starting-token TOKEN', '  --no-paginate'] : [];
  return [`usage: sechub ${command.name} [parameters]`, '', command.summary, '', 'Parameters:', ...flags, ...paging, '', 'Options:', ...globals, ''].join('\n');
}
