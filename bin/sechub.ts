/**
 * `sechub`: Security Hub's findings commands (`aws securityhub` subcommands and flags) against the
 * embedded default or a deployed API (`--endpoint-url`).
 */
import { runCli } from './cli/run';

// The SDK warns about Node < 22 on every call; a CLI's stderr is for the user's errors.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// As the AWS CLI: an interrupted command exits 130.
process.on('SIGINT', () => process.exit(130));

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 255;
  },
);
