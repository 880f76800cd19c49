/**
 * The AWS CLI (`aws securityhub …`, v1 or v2) against the API, with the dummy credentials the docs
 * show (docs/api.md). Optional: skipped, with a message saying so, when `aws` is not on the PATH.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startHubApi, type HubApi } from '../../support/hub-api';

const run = promisify(execFile);
const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasAwsCli) console.log('AWS CLI suite skipped: no `aws` on the PATH (install the AWS CLI to run it).');

/** The environment the docs give: dummy credentials, a Region, and no user config or credentials files. */
const CLI_ENV = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_PAGER: '',
};

(hasAwsCli ? describe : describe.skip)('the AWS CLI against the API', () => {
  let api: HubApi;

  const aws = async (...args: string[]) => {
    const { stdout } = await run('aws', ['securityhub', ...args, '--endpoint-url', api.endpoint, '--output', 'json'], { env: CLI_ENV });
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    api = await startHubApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('describes the hub', async () => {
    expect(await aws('describe-hub')).toMatchObject({ HubArn: 'arn:aws:securityhub:us-east-1:000000000000:hub/default', ControlFindingGenerator: 'SECURITY_CONTROL' });
  });

  it('describes the products', async () => {
    const { Products } = (await aws('describe-products')) as { Products: Array<{ ProductArn: string; ProductName: string }> };
    expect(Products).toEqual(expect.arrayContaining([expect.objectContaining({ ProductArn: 'arn:aws:securityhub:us-east-1::product/prowler/prowler', ProductName: 'Prowler' })]));
  });

  it('lists the products enabled for import', async () => {
    const { ProductSubscriptions } = (await aws('list-enabled-products-for-import')) as { ProductSubscriptions: string[] };
    expect(ProductSubscriptions).toContain('arn:aws:securityhub:us-east-1:000000000000:product-subscription/aws/guardduty');
  });
});
