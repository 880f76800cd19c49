/**
 * The closed loop on the embedded default: a FAILED control finding (S3.8 on the simulated
 * account's public bucket) → `sechub remediate <finding-id> --approve --wait` → the playbook's SDK
 * task changes the bucket's configuration item → AWS Config's change event → the stack's change
 * evaluator → the control finding turns PASSED and RESOLVED → the remediation record is confirmed.
 */
import { GetEnabledStandardsCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callOwnOperation } from '../../../bin/cli/own-operation-call';
import { runCli } from '../../../bin/cli/run';
import { CONFIG_PATHS } from '../../../lib/local/config-service';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';

jest.setTimeout(180_000);

const REGION = 'us-east-1';
const BUCKET = 'public-website-assets';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

let local: EmbeddedDefault;
let hub: SecurityHubClient;

beforeAll(async () => {
  local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-remediation-')), retryBackoffMs: 5, logLevel: 'ERROR' });
  hub = new SecurityHubClient({ endpoint: local.endpoint, region: REGION, credentials });
}, 180_000);

afterAll(async () => {
  hub?.destroy();
  await local?.stop();
});

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, local.endpoint), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

async function s38(bucketArn = BUCKET_ARN): Promise<AwsSecurityFinding | undefined> {
  const { Findings = [] } = await hub.send(
    new GetFindingsCommand({ Filters: { ResourceId: [{ Value: bucketArn, Comparison: 'EQUALS' }], ComplianceSecurityControlId: [{ Value: 'S3.8', Comparison: 'EQUALS' }] } }),
  );
  return Findings[0];
}

async function sechub(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--endpoint-url', local.endpoint], { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: {} });
  return { code, out: out.join(''), err: err.join('') };
}

it('remediates a failing S3.8 with `sechub remediate --approve --wait`: the bucket changes, the control turns PASSED and RESOLVED, the record is confirmed', async () => {
  // The bucket's next recorded change evaluates it: S3.8 FAILED (no bucket-level Block Public Access).
  await post(CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::S3::Bucket', ResourceId: BUCKET, Set: ['tags.owner=web'] });
  await local.idle();
  const failing = await s38();
  expect(failing).toMatchObject({ Compliance: { Status: 'FAILED' }, Workflow: { Status: 'NEW' }, RecordState: 'ACTIVE' });

  const started = Date.now();
  const remediated = await sechub(['remediate', '--finding-id', failing!.Id!, '--approve', '--wait']);
  await local.idle();
  const elapsed = Date.now() - started;

  expect({ code: remediated.code, err: remediated.err }).toEqual({ code: 0, err: '' });
  const outcome = JSON.parse(remediated.out);
  expect({ status: outcome.status, error: outcome.error, cause: outcome.cause }).toEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });

  const resources = (await (await fetch(new URL(`${CONFIG_PATHS.resources}?resourceType=AWS::S3::Bucket`, local.endpoint))).json()) as {
    ConfigurationItems: Array<{ resourceId: string; supplementaryConfiguration: Record<string, unknown> }>;
  };
  const bucket = resources.ConfigurationItems.find((item) => item.resourceId === BUCKET)!;
  expect(bucket.supplementaryConfiguration.PublicAccessBlockConfiguration).toEqual({
    blockPublicAcls: true,
    ignorePublicAcls: true,
    blockPublicPolicy: true,
    restrictPublicBuckets: true,
  });

  const passed = await s38();
  expect(passed).toMatchObject({ Id: failing!.Id, Compliance: { Status: 'PASSED' }, Workflow: { Status: 'RESOLVED' } });

  const listed = await sechub(['list-remediations', '--finding-identifier', `Id=${failing!.Id},ProductArn=${failing!.ProductArn}`]);
  expect(listed.code).toBe(0);
  const records = (JSON.parse(listed.out) as { Remediations?: Array<Record<string, unknown>> }).Remediations ?? [];
  expect(records[0]).toMatchObject({
    playbookId: 's3-block-public-access',
    status: 'SUCCEEDED',
    confirmedBy: { findingVersion: expect.any(Number), at: expect.any(String), source: expect.any(String) },
  });
  process.stdout.write(`closed loop: finding → verified fix in ${elapsed} ms\n`);
});

it("runs a linked Region's finding in that Region's playbook state machine (StartRemediation), and the member account acts on that Region's bucket", async () => {
  type Item = { resourceId: string; awsRegion: string; supplementaryConfiguration: Record<string, unknown> } & Record<string, unknown>;
  const items = async () =>
    ((await (await fetch(new URL(`${CONFIG_PATHS.resources}?resourceType=AWS::S3::Bucket`, local.endpoint))).json()) as { ConfigurationItems: Item[] }).ConfigurationItems;
  // The simulated account records a public bucket in the demo's second Region.
  const name = `${BUCKET}-eu`;
  const original = (await items()).find((item) => item.resourceId === BUCKET)!;
  const { PublicAccessBlockConfiguration: _fixed, ...supplementaryConfiguration } = original.supplementaryConfiguration;
  const eu = { ...original, resourceId: name, resourceName: name, arn: `arn:aws:s3:::${name}`, awsRegion: 'eu-west-1', supplementaryConfiguration };
  expect(await post(CONFIG_PATHS.resources, { ConfigurationItem: eu })).not.toHaveProperty('__type');
  await local.idle();
  const failing = await s38(`arn:aws:s3:::${name}`);
  expect(failing).toMatchObject({ Region: 'eu-west-1', Compliance: { Status: 'FAILED' } });

  const started = await callOwnOperation<{ ExecutionArn: string }>(hub, GetEnabledStandardsCommand, '/remediations/start', {
    FindingIdentifier: { Id: failing!.Id, ProductArn: failing!.ProductArn },
    Approved: true,
  });
  await local.idle();

  // The known state machine of the eu-west-1 playbook stack ran it (the home one's Check would have refused).
  expect(started.ExecutionArn).toMatch(/^arn:aws:states:eu-west-1:000000000000:execution:OpenSecurityHub-Playbook-s3-block-public-access:/);
  const after = (await items()).find((item) => item.resourceId === name)!;
  expect({ region: after.awsRegion, block: after.supplementaryConfiguration.PublicAccessBlockConfiguration }).toEqual({
    region: 'eu-west-1',
    block: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
  });
  expect(await s38(`arn:aws:s3:::${name}`)).toMatchObject({ Region: 'eu-west-1', Compliance: { Status: 'PASSED' }, Workflow: { Status: 'RESOLVED' } });
});
