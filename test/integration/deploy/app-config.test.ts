import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * bin/app.ts with a malformed configuration fails before aws-cdk-lib loads: the error names the
 * key, there is no stack trace, and it takes well under the synth's time (measured and printed,
 * not asserted: the machine is shared).
 */
describe('bin/app.ts with a bad configuration', () => {
  it('exits 1 with the key named, before loading the CDK', () => {
    const dir = mkdtempSync(join(tmpdir(), 'osh-app-config-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ homeRegion: 'eu-west-1', linkedRegions: ['mars-north-1x'] }));

    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      cwd: ROOT,
      env: { ...process.env, OPEN_SECURITY_HUB_CONFIG: file, NODE_OPTIONS: '' },
      encoding: 'utf8',
    });
    const elapsed = performance.now() - started;
    process.stdout.write(`bin/app.ts refused a bad configuration in ${Math.round(elapsed)} ms\n`);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file} is not a valid Open Security Hub configuration`);
    expect(result.stderr).toContain('linkedRegions/0: must match pattern');
    expect(result.stderr).toContain('(got "mars-north-1x")');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
