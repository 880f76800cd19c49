/**
 * `sechub report --format html|csv|json [--standard ID] [--account ID] [--since DAYS] [--out FILE]`:
 * the posture report for stakeholders (docs/reports.md) through the API's `GetPostureReport`. With
 * `--out` the document is written to FILE and the answer says where; without it the answer carries
 * the document as `Body`.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand, flag, type CommandSpec } from './command-spec';
import { sendOwnOperation } from './own-operations';

/** A standard given by id (`cis-aws-foundations-benchmark/v/3.0.0`) or by ARN, as an ARN in the client's Region. */
async function standardsArn(value: string, region: () => Promise<string>): Promise<string> {
  return value.startsWith('arn:') ? value : `arn:aws:securityhub:${await region()}::standards/${value.replace(/^standards\//, '')}`;
}

/** The `report` command. */
export const REPORT_COMMAND: CommandSpec = defineCommand({
  name: 'report',
  operation: 'GetPostureReport',
  summary: 'Writes the posture report (--format html|csv|json; --standard ID, --account ID, --since DAYS narrow it; --out FILE saves it).',
  parameters: [
    flag('format', 'string', { required: true }),
    flag('standard', 'string', { member: 'StandardsArn' }),
    flag('account', 'string', { member: 'AccountId' }),
    flag('since', 'integer', { member: 'SinceDays' }),
    flag('out', 'string'),
  ],
  async send(client, input) {
    const { Out, StandardsArn, ...rest } = input as { Out?: string; StandardsArn?: string } & Record<string, unknown>;
    const request = { ...rest, ...(StandardsArn !== undefined && { StandardsArn: await standardsArn(StandardsArn, async () => (await client.config.region()) ?? 'us-east-1') }) };
    const answer = (await sendOwnOperation(client, '/reports/posture', request)) as { Format: string; ContentType: string; Body: string };
    if (Out === undefined) return answer;
    const file = resolve(Out);
    await writeFile(file, answer.Body);
    return { Format: answer.Format, ContentType: answer.ContentType, File: file, Bytes: Buffer.byteLength(answer.Body) };
  },
});
