/**
 * `sechub normalize FILE|-`: the ASFF findings an event would produce, computed here with the
 * normalizer registry (the rule patterns the stack deploys pick the normalizer) and checked with
 * the ASFF validator BatchImportFindings uses. Writes nothing.
 *
 * Exit codes: 0 findings printed; 252 usage (no file, unreadable, not JSON); 254 the event is
 * rejected (no normalizer's rule matches it, the normalizer cannot map it, a finding is invalid).
 */
import { readFileSync } from 'node:fs';
import { validateFinding } from '../../lambdas/asff';
import { UnmappableEventError } from '../../lambdas/normalize';
import { NORMALIZERS } from '../../lambdas/normalize';
import type { Normalizer, SourceEvent } from '../../lambdas/normalize';
import { matchesEventPattern } from '../../lib/local/engine/event-pattern/event-pattern';

/** The normalizer whose rule would receive this event, if any (the same patterns as the Ingestion construct's rules). */
export function normalizerFor(event: SourceEvent): Normalizer | undefined {
  return NORMALIZERS.find((normalizer) => matchesEventPattern(normalizer.eventPattern, event));
}

export const NORMALIZE_COMMAND = 'normalize';

const EXIT = { ok: 0, usage: 252, rejected: 254 } as const;

const USAGE = `usage: sechub normalize FILE|-

Prints the ASFF findings an EventBridge event (a GuardDuty, Inspector, Macie or Config event, or a
third-party "Findings Import" batch) would produce, as JSON: {"Normalizer": id, "Findings": [...]}.
Each finding is validated as BatchImportFindings validates it. Nothing is written.

Exit codes: 0 findings printed; 252 the file cannot be read or is not JSON; 254 no normalizer's rule
matches the event, the normalizer cannot map it, or a finding fails validation.
`;

/** Where `normalize` writes and reads. */
export interface NormalizeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, for `-` (tests pass text). */
  stdin?: () => string;
}

function patternSummary(pattern: Record<string, unknown>): string {
  return JSON.stringify(pattern);
}

/** Runs `sechub normalize` with the arguments after the subcommand; resolves to the exit code. */
export async function runNormalize(args: readonly string[], io: NormalizeIo): Promise<number> {
  if (args.includes('help') || args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (args.length !== 1) {
    io.stderr(`sechub normalize takes one argument, a file or - for standard input\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [source] = args;
  const path = source.startsWith('file://') ? source.slice('file://'.length) : source;
  let text: string;
  try {
    text = path === '-' ? (io.stdin ?? (() => readFileSync(0, 'utf8')))() : readFileSync(path, 'utf8');
  } catch (error) {
    io.stderr(`Cannot read ${path}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  let event: SourceEvent;
  try {
    event = JSON.parse(text) as SourceEvent;
  } catch (error) {
    io.stderr(`${path === '-' ? 'Standard input' : path} is not JSON: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    io.stderr('The event must be a JSON object: an EventBridge event as a rule target receives it (source, detail-type, detail, …)\n');
    return EXIT.usage;
  }

  const normalizer = normalizerFor(event);
  if (normalizer === undefined) {
    io.stderr(
      [
        `No normalizer's rule matches this event (source ${JSON.stringify(event.source)}, detail-type ${JSON.stringify(event['detail-type'])}). The rules:`,
        ...NORMALIZERS.map((candidate) => `  ${candidate.id.padEnd(10)} ${patternSummary(candidate.eventPattern)}`),
        '',
      ].join('\n'),
    );
    return EXIT.rejected;
  }

  let findings: unknown[];
  try {
    findings = normalizer.normalize(event);
  } catch (error) {
    if (error instanceof UnmappableEventError) {
      io.stderr(`The ${normalizer.id} normalizer cannot map this event: ${error.path ? `field ${error.path}: ` : ''}${error.reason}\n`);
      return EXIT.rejected;
    }
    throw error;
  }

  const failures = findings.flatMap((finding, index) => {
    const result = validateFinding(finding);
    return result.ok ? [] : [`  Findings[${index}]${result.path ? `.${result.path}` : ''}: ${result.errorCode}: ${result.message}`];
  });
  if (failures.length > 0) {
    io.stderr(`The ${normalizer.id} normalizer produced ${failures.length} invalid finding(s) of ${findings.length}:\n${failures.join('\n')}\n`);
    return EXIT.rejected;
  }
  io.stdout(`${JSON.stringify({ Normalizer: normalizer.id, Findings: findings }, null, 4)}\n`);
  return EXIT.ok;
}
