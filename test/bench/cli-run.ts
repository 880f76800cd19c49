/** `npx tsx test/bench/cli-run.ts`: only the `sechub` figures of `npm run bench` (start-up p50, 1,000 findings through the CLI). */
import { benchCli } from './cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

benchCli(Number(process.env.BENCH_CLI_RUNS ?? 20), Number(process.env.BENCH_CLI_FINDINGS ?? 1000)).then(
  (figures) => {
    console.table([figures]);
    console.log(JSON.stringify(figures, null, 2));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
