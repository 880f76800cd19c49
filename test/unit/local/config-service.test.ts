import { parseCommandLine } from '../../../bin/cli/args';
import { ConfigItemStore, type StoredConfigurationItem } from '../../../lib/local/config-store';
import { aggregatorNameOf, CONFIG_PATHS, configService, DEFAULT_AGGREGATOR_NAME, type LocalConfig } from '../../../lib/local/config-service';
import type { EdgeRequest, EdgeService } from '../../../lib/local/engine';
import type { PutEventsRequestEntry } from '../../../lib/local/engine';

const MEMBER = '123456789012';

function key(): StoredConfigurationItem {
  return {
    accountId: MEMBER,
    awsRegion: 'us-east-1',
    resourceType: 'AWS::KMS::Key',
    resourceId: 'key-1',
    arn: `arn:aws:kms:us-east-1:${MEMBER}:key/key-1`,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2025-01-01T00:00:00.000Z',
    configuration: { keyId: 'key-1', keyManager: 'CUSTOMER' },
    supplementaryConfiguration: { KeyRotationStatus: 'false' },
  };
}

function request(method: string, path: string, body?: unknown, target?: string): EdgeRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers: {},
    rawHeaders: [],
    body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    ...(target !== undefined && { target }),
    sourceIp: '127.0.0.1',
  };
}

async function serviceWith(items: StoredConfigurationItem[]): Promise<{ service: EdgeService; config: LocalConfig; events: PutEventsRequestEntry[] }> {
  const events: PutEventsRequestEntry[] = [];
  const store = await ConfigItemStore.open({ seed: async () => items });
  const config: LocalConfig = { store, aggregatorName: DEFAULT_AGGREGATOR_NAME, account: '000000000000', region: 'us-east-1' };
  const bus = {
    putEvents(input: Record<string, unknown>) {
      events.push(...(input.Entries as PutEventsRequestEntry[]));
      return { FailedEntryCount: 0, Entries: [{ EventId: `event-${events.length}` }] };
    },
  };
  return { service: configService(config, bus), config, events };
}

const body = (answer: { body: string | Buffer }) => JSON.parse(answer.body.toString()) as Record<string, unknown>;

describe('the Config edge service', () => {
  it('claims Config targets and its own paths, and nothing else', async () => {
    const { service } = await serviceWith([]);

    expect(service.matches(request('POST', '/', {}, 'StarlingDoveService.ListDiscoveredResources'))).toBe(true);
    expect(service.matches(request('POST', CONFIG_PATHS.simulateChange))).toBe(true);
    expect(service.matches(request('POST', '/findings'))).toBe(false);
    expect(service.matches(request('POST', '/', {}, 'AWSEvents.PutEvents'))).toBe(false);
  });

  it('records a simulated change and puts one change event for it', async () => {
    const { service, config, events } = await serviceWith([key()]);

    const answer = await service.handle(
      request('POST', CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::KMS::Key', ResourceId: 'key-1', Set: ['supplementaryConfiguration.KeyRotationStatus=true'] }),
    );

    expect(answer.statusCode).toBe(200);
    expect(body(answer)).toMatchObject({ ChangeType: 'UPDATE', EventId: 'event-1' });
    expect(config.store.get(key())?.supplementaryConfiguration).toEqual({ KeyRotationStatus: true });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].Detail!).configurationItem).toMatchObject({ resourceId: 'key-1', supplementaryConfiguration: { KeyRotationStatus: true } });
  });

  it('deletes a resource with Delete, after which the aggregator no longer lists it', async () => {
    const { service, events } = await serviceWith([key()]);

    await service.handle(request('POST', CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::KMS::Key', ResourceId: 'key-1', Delete: true }));
    const listed = await service.handle(
      request('POST', '/', { ConfigurationAggregatorName: DEFAULT_AGGREGATOR_NAME, ResourceType: 'AWS::KMS::Key' }, 'StarlingDoveService.ListAggregateDiscoveredResources'),
    );

    expect(JSON.parse(events[0].Detail!).configurationItemDiff.changeType).toBe('DELETE');
    expect(body(listed)).toEqual({ ResourceIdentifiers: [] });
  });

  it('records a posted item as a discovered resource (CREATE)', async () => {
    const { service, config } = await serviceWith([]);

    const answer = await service.handle(request('POST', CONFIG_PATHS.resources, { ConfigurationItem: key() }));

    expect(body(answer)).toMatchObject({ ChangeType: 'CREATE', ConfigurationItem: { configurationItemStatus: 'ResourceDiscovered' } });
    expect(config.store.get(key())).toBeDefined();
  });

  it('answers a change without edits with InvalidInputException', async () => {
    const { service, events } = await serviceWith([key()]);

    const answer = await service.handle(request('POST', CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::KMS::Key', ResourceId: 'key-1' }));

    expect(answer.statusCode).toBe(400);
    expect(answer.headers['x-amzn-ErrorType']).toBe('InvalidInputException');
    expect(events).toHaveLength(0);
  });

  it('asks for the account and Region when a resource id is recorded in two', async () => {
    const { service } = await serviceWith([key(), { ...key(), awsRegion: 'eu-west-1' }]);

    const answer = await service.handle(request('POST', CONFIG_PATHS.simulateChange, { ResourceType: 'AWS::KMS::Key', ResourceId: 'key-1', Set: ['description=x'] }));

    expect(answer.statusCode).toBe(400);
    expect(body(answer).message).toMatch(/give AccountId and AwsRegion/);
  });

  it('answers a Config operation it does not serve with UnknownOperationException in the JSON 1.1 shape', async () => {
    const { service } = await serviceWith([]);

    const answer = await service.handle(request('POST', '/', {}, 'StarlingDoveService.PutConfigRule'));

    expect(answer.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect(body(answer)).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('aggregatorNameOf', () => {
  it('takes the CONFIG_AGGREGATOR_NAME of the stack’s functions, or the construct’s default', () => {
    const fn = (environment: Record<string, string>) => ({
      logicalId: 'F',
      name: 'F',
      entry: 'f.ts',
      environment,
      timeoutSeconds: 3,
      asyncInvoke: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 },
    });

    expect(aggregatorNameOf({ functions: { A: fn({}), B: fn({ CONFIG_AGGREGATOR_NAME: 'org-aggregator' }) } })).toBe('org-aggregator');
    expect(aggregatorNameOf({ functions: { A: fn({}) } })).toBe(DEFAULT_AGGREGATOR_NAME);
  });
});

describe('sechub simulate-change', () => {
  it('sends the edits as Set and a bare --delete as Delete: true', () => {
    const edit = parseCommandLine(['simulate-change', '--resource-type', 'AWS::KMS::Key', '--resource-id', 'key-1', '--set', 'a=1', 'tags.env=prod']);
    const removal = parseCommandLine(['simulate-change', '--resource-type', 'AWS::KMS::Key', '--resource-id', 'key-1', '--delete']);

    expect(edit.input).toEqual({ ResourceType: 'AWS::KMS::Key', ResourceId: 'key-1', Set: ['a=1', 'tags.env=prod'] });
    expect(removal.input).toEqual({ ResourceType: 'AWS::KMS::Key', ResourceId: 'key-1', Delete: true });
  });
});
