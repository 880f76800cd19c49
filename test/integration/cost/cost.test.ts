import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** The "per unit of work" table of the command's markdown, as numbers by row and column. */
function perUnitTable(markdown: string): Record<string, Record<string, number>> {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| per unit of work |'));
  const columns = lines[header]
    .split('|')
    .slice(2, -1)
    .map((cell) => cell.trim());
  const rows: Record<string, Record<string, number>> = {};
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [name, ...cells] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    rows[name] = Object.fromEntries(columns.map((column, index) => [column, Number(cells[index].replace(/,/g, ''))]));
  }
  return rows;
}

describe('npm run cost', () => {
  it('measures every kind of work on the embedded default and prints both bills', async () => {
    const args = ['--import', 'tsx', 'lib/cost/main.ts', '--sample', '6', '--sample-changes', '4', '--sample-reads', '4', '--scale', '10'];
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err.slice(-3000)}`)) : resolve(out),
      ),
    );
    expect(stdout).toMatch(/^\| \| stated load \| 10× it \|$/m);
    expect(stdout).toMatch(/^\| \*\*this stack, a month\*\* \| \*\*\$[\d,.]+\*\* \| \*\*\$[\d,.]+\*\* \|$/m);
    expect(stdout).toMatch(/^\| \*\*Security Hub CSPM, a month\*\* \| \*\*\$[\d,.]+\*\* \| \*\*\$[\d,.]+\*\* \|$/m);
    const rows = perUnitTable(stdout);
    const positive = (row: string, columns: string[]) => {
      for (const column of columns) expect([row, column, rows[row][column]]).toEqual([row, column, expect.any(Number)]);
      for (const column of columns) expect([row, column, rows[row][column] > 0]).toEqual([row, column, true]);
    };
    const imports = ['RRU', 'Lambda invocations', 'GB-s', 'events', 'log bytes'];
    positive('import: new finding', [...imports, 'WRU', 'bytes stored']);
    positive('import: identical redelivery', imports);
    positive('import: repeat (newer UpdatedAt)', [...imports, 'WRU']);
    positive('import: update (severity)', [...imports, 'WRU', 'SNS']);
    positive('change: a resource created or changed, evaluated', ['RRU', 'WRU', 'Lambda invocations', 'GB-s', 'events', 'log bytes', 'bytes stored']);
    positive('sweep: one resource (a second sweep)', ['RRU', 'Lambda invocations', 'GB-s', 'transitions', 'log bytes']);
    positive('API read (GetFindings, four shapes)', ['RRU', 'Lambda invocations', 'GB-s', 'API requests', 'log bytes']);
    // A repeat re-keys the finding's indexes: more write units than a new finding's, which are more than a redelivery's (none).
    expect(rows['import: repeat (newer UpdatedAt)'].WRU).toBeGreaterThan(rows['import: new finding'].WRU);
    expect(rows['import: identical redelivery'].WRU).toBe(0);
  }, 600_000);
});
