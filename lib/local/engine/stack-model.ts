/**
 * The stack as the embedded default runs it: functions, their asynchronous-invocation settings,
 * EventBridge rules and SQS queues, read from the synthesized CloudFormation template, with the
 * template's references resolved to local names. What runs locally is what deploys.
 */

/** A CloudFormation template, as far as this module reads it. */
import { ENTRY_METADATA_KEY } from '../../template-contract';

export interface CfnTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
}

/** A Lambda function of the stack. */
export interface LocalFunction {
  logicalId: string;
  /** Local function name: `<stack>-<logical id without CDK's hash>`. */
  name: string;
  /** Handler file relative to the project root (template metadata `OpenSecurityHub:Entry`). */
  entry: string;
  /** The function's environment, references resolved to local names. */
  environment: Record<string, string>;
  timeoutSeconds: number;
  /** Its `AWS::Lambda::EventInvokeConfig` (Lambda's defaults when it has none). */
  asyncInvoke: {
    maximumRetryAttempts: number;
    maximumEventAgeSeconds: number;
    /** Logical id of the SQS queue of its on-failure destination. */
    onFailureQueue?: string;
  };
}

/** One target of a rule (Lambda targets only: the stack has no others). */
export interface LocalRuleTarget {
  id: string;
  /** Logical id of the target function. */
  function: string;
  retryPolicy: { maximumRetryAttempts: number; maximumEventAgeSeconds: number };
  /** Logical id of the target's dead-letter queue. */
  deadLetterQueue?: string;
}

/** An EventBridge rule of the stack. */
export interface LocalRule {
  logicalId: string;
  /** Local rule name (deployed: CloudFormation generates one). */
  name: string;
  /** `default` or the name of the custom bus. */
  bus: string;
  eventPattern: Record<string, unknown>;
  enabled: boolean;
  targets: LocalRuleTarget[];
}

/** An SQS queue of the stack. */
export interface LocalQueueSpec {
  logicalId: string;
  name: string;
  retentionSeconds: number;
  visibilityTimeoutSeconds: number;
}

/** An `AWS::Lambda::EventSourceMapping` from a DynamoDB stream of the stack to one of its functions. */
export interface LocalEventSourceMapping {
  logicalId: string;
  /** Logical id of the target function. */
  function: string;
  /** Logical id of the table whose stream feeds it. */
  table: string;
  batchSize: number;
  /** Retries of a failing batch (-1: until the records expire, as Lambda does). */
  maximumRetryAttempts: number;
  /** `ReportBatchItemFailures` in FunctionResponseTypes. */
  reportBatchItemFailures: boolean;
  /** FilterCriteria patterns (a record passes when any matches; none: every record passes). */
  filters: Array<Record<string, unknown>>;
  /** Logical id of the SQS queue of its on-failure destination. */
  onFailureQueue?: string;
}

/** An SNS topic of the stack. */
export interface LocalTopicSpec {
  logicalId: string;
  /** `TopicName`, or the local name. */
  name: string;
  arn: string;
  /** Its `AWS::SNS::Subscription`s of protocol `lambda` to functions of the stack (logical ids). */
  lambdaSubscriptions?: string[];
}

/** The part of the stack the embedded default runs. */
export interface StackModel {
  stackName: string;
  /** Custom event buses by name (the default bus always exists). */
  buses: string[];
  functions: Record<string, LocalFunction>;
  rules: LocalRule[];
  queues: Record<string, LocalQueueSpec>;
  /** Logical ids of the tables with a stream (StreamSpecification). */
  streamTables: string[];
  /** Stream → function mappings. */
  eventSourceMappings: LocalEventSourceMapping[];
  /** SNS topics by logical id (served by lib/local/engine/sns-service.ts). */
  topics?: Record<string, LocalTopicSpec>;
}

/** What references resolve to locally. */
export interface LocalNames {
  stackName: string;
  account: string;
  region: string;
  /** Local name of a DynamoDB table, by logical id. */
  tableName(logicalId: string): string;
}

/** Template metadata key naming a function's handler file (written by the constructs: lib/template-contract.ts). */
export const ENTRY_METADATA = ENTRY_METADATA_KEY;

/** A template construct the embedded default cannot run; names the resource and the member. */
export class UnsupportedTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTemplateError';
  }
}

/** Drops the 8-hex-digit hash CDK appends to logical ids: `IngestionAsffDeadLettersBD152871` → `IngestionAsffDeadLetters`. */
export function withoutHash(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

const DEFAULT_ASYNC = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 }; // Lambda's documented defaults
const DEFAULT_RETRY_POLICY = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 }; // EventBridge's defaults

type Resources = NonNullable<CfnTemplate['Resources']>;

/** Resolves the intrinsics the stack uses to local values; anything else is an error naming `where`. */
function resolver(resources: Resources, names: LocalNames, localName: (logicalId: string) => string) {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${names.region}:${names.account}:${resource}`;
  const ref = (id: string, where: string): string => {
    switch (id) {
      case 'AWS::AccountId':
        return names.account;
      case 'AWS::Region':
        return names.region;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return names.stackName;
    }
    const resource = resources[id];
    if (resource === undefined) throw new UnsupportedTemplateError(`${where}: Ref to unknown resource ${id}`);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        return names.tableName(id);
      case 'AWS::Events::EventBus':
        return String(resource.Properties?.Name);
      case 'AWS::Lambda::Function':
        return localName(id);
      case 'AWS::SQS::Queue':
        return `https://sqs.${names.region}.amazonaws.com/${names.account}/${localName(id)}`;
      case 'AWS::SNS::Topic': // Ref of a topic is its ARN
        return arn('sns', topicName(resources, id, localName));
      case 'AWS::StepFunctions::StateMachine': // Ref of a state machine is its ARN (named as state-machines.ts names it)
        return arn('states', `stateMachine:${stateMachineName(resources, id, localName)}`);
      case 'AWS::S3::Bucket': // Ref of a bucket is its name (the embedded default serves no S3: the weekly report is deployed-only)
        return typeof resource.Properties?.BucketName === 'string' ? resource.Properties.BucketName : localName(id).toLowerCase();
    }
    throw new UnsupportedTemplateError(`${where}: Ref to a ${resource.Type} (${id}) is not resolved locally`);
  };
  const getAtt = (id: string, attribute: string, where: string): string => {
    const resource = resources[id];
    if (resource === undefined || attribute !== 'Arn') throw new UnsupportedTemplateError(`${where}: Fn::GetAtt ${id}.${attribute} is not resolved locally`);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        return arn('dynamodb', `table/${names.tableName(id)}`);
      case 'AWS::Lambda::Function':
        return arn('lambda', `function:${localName(id)}`);
      case 'AWS::SQS::Queue':
        return arn('sqs', localName(id));
      case 'AWS::Events::EventBus':
        return arn('events', `event-bus/${String(resource.Properties?.Name)}`);
      case 'AWS::StepFunctions::StateMachine':
        return arn('states', `stateMachine:${stateMachineName(resources, id, localName)}`);
    }
    throw new UnsupportedTemplateError(`${where}: Fn::GetAtt on a ${resource.Type} (${id}) is not resolved locally`);
  };
  const resolve = (value: unknown, where: string): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value !== null && typeof value === 'object') {
      const [[fn, args]] = Object.entries(value) as Array<[string, unknown]>;
      if (fn === 'Ref' && typeof args === 'string') return ref(args, where);
      if (fn === 'Fn::GetAtt' && Array.isArray(args)) return getAtt(String(args[0]), String(args[1]), where);
      if (fn === 'Fn::Join' && Array.isArray(args) && Array.isArray(args[1])) {
        return (args[1] as unknown[]).map((part) => resolve(part, where)).join(String(args[0]));
      }
      throw new UnsupportedTemplateError(`${where}: ${fn} is not resolved locally`);
    }
    throw new UnsupportedTemplateError(`${where}: cannot resolve ${JSON.stringify(value)}`);
  };
  return resolve;
}

const INTRINSICS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Join']);

/** A JSON value with every intrinsic inside it (an event pattern's `resources: [{Fn::Join…}]`) resolved. */
function resolveWithin(value: unknown, resolve: (value: unknown, where: string) => string, where: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => resolveWithin(item, resolve, `${where}[${index}]`));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && INTRINSICS.has(entries[0][0])) return resolve(value, where);
  return Object.fromEntries(entries.map(([key, member]) => [key, resolveWithin(member, resolve, `${where}.${key}`)]));
}

/** A state machine's name: its `StateMachineName`, or the local name of its logical id. */
function stateMachineName(resources: Resources, logicalId: string, localName: (logicalId: string) => string): string {
  const name = resources[logicalId]?.Properties?.StateMachineName;
  return typeof name === 'string' ? name : localName(logicalId);
}

/** A topic's name: its `TopicName`, or the local name of its logical id. */
function topicName(resources: Resources, logicalId: string, localName: (logicalId: string) => string): string {
  const name = resources[logicalId]?.Properties?.TopicName;
  return typeof name === 'string' ? name : localName(logicalId);
}

/** The logical id an `Fn::GetAtt [id, Arn]` or `Ref id` points to. */
function referencedId(value: unknown, where: string): string {
  const object = (value ?? {}) as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof object.Ref === 'string') return object.Ref;
  if (Array.isArray(object['Fn::GetAtt'])) return String(object['Fn::GetAtt'][0]);
  throw new UnsupportedTemplateError(`${where}: expected a reference to a resource of the stack, got ${JSON.stringify(value)}`);
}

function resourcesOf(resources: Resources, type: string): Array<[string, Resources[string]]> {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/**
 * Extracts the model from a synthesized template. Pure: the same template and names give the same
 * model. Throws {@link UnsupportedTemplateError} for what the embedded default cannot run (a rule
 * target that is not a function of the stack, a function without entry metadata that a rule targets,
 * an intrinsic it cannot resolve).
 */
export function extractStackModel(template: CfnTemplate, names: LocalNames): StackModel {
  const resources = template.Resources ?? {};
  const localName = (logicalId: string) => `${names.stackName}-${withoutHash(logicalId)}`;
  const resolve = resolver(resources, names, localName);

  const queues: StackModel['queues'] = {};
  for (const [logicalId, resource] of resourcesOf(resources, 'AWS::SQS::Queue')) {
    const properties = resource.Properties ?? {};
    queues[logicalId] = {
      logicalId,
      name: typeof properties.QueueName === 'string' ? properties.QueueName : localName(logicalId),
      retentionSeconds: Number(properties.MessageRetentionPeriod ?? 345_600), // SQS default: 4 days
      visibilityTimeoutSeconds: Number(properties.VisibilityTimeout ?? 30),
    };
  }

  const asyncInvoke = new Map<string, LocalFunction['asyncInvoke']>();
  for (const [logicalId, resource] of resourcesOf(resources, 'AWS::Lambda::EventInvokeConfig')) {
    const properties = resource.Properties ?? {};
    const where = `${logicalId}.Properties`;
    const destination = (properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
    const onFailureQueue = destination === undefined ? undefined : referencedId(destination, `${where}.DestinationConfig.OnFailure.Destination`);
    if (onFailureQueue !== undefined && queues[onFailureQueue] === undefined) {
      throw new UnsupportedTemplateError(`${where}.DestinationConfig.OnFailure: only SQS queues of the stack run locally, got ${onFailureQueue}`);
    }
    asyncInvoke.set(referencedId(properties.FunctionName, `${where}.FunctionName`), {
      maximumRetryAttempts: Number(properties.MaximumRetryAttempts ?? DEFAULT_ASYNC.maximumRetryAttempts),
      maximumEventAgeSeconds: Number(properties.MaximumEventAgeInSeconds ?? DEFAULT_ASYNC.maximumEventAgeSeconds),
      ...(onFailureQueue !== undefined && { onFailureQueue }),
    });
  }

  const functions: StackModel['functions'] = {};
  for (const [logicalId, resource] of resourcesOf(resources, 'AWS::Lambda::Function')) {
    const entry = resource.Metadata?.[ENTRY_METADATA];
    if (typeof entry !== 'string') continue; // not one of ours (e.g. a CDK custom resource provider)
    const properties = resource.Properties ?? {};
    const variables = ((properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const environment: Record<string, string> = {};
    for (const [key, value] of Object.entries(variables)) {
      environment[key] = resolve(value, `${logicalId}.Properties.Environment.Variables.${key}`);
    }
    functions[logicalId] = {
      logicalId,
      name: localName(logicalId),
      entry,
      environment,
      timeoutSeconds: Number(properties.Timeout ?? 3),
      asyncInvoke: asyncInvoke.get(logicalId) ?? { ...DEFAULT_ASYNC },
    };
  }

  const topics: NonNullable<StackModel['topics']> = {};
  for (const [logicalId] of resourcesOf(resources, 'AWS::SNS::Topic')) {
    const name = topicName(resources, logicalId, localName);
    topics[logicalId] = { logicalId, name, arn: `arn:aws:sns:${names.region}:${names.account}:${name}` };
  }

  for (const [logicalId, resource] of resourcesOf(resources, 'AWS::SNS::Subscription')) {
    const properties = resource.Properties ?? {};
    if (properties.Protocol !== 'lambda') continue;
    const where = `${logicalId}.Properties`;
    const topic = topics[referencedId(properties.TopicArn, `${where}.TopicArn`)];
    const fn = referencedId(properties.Endpoint, `${where}.Endpoint`);
    if (topic === undefined || functions[fn] === undefined)
      throw new UnsupportedTemplateError(`${where}: only lambda subscriptions of the stack's topics to its functions run locally`);
    (topic.lambdaSubscriptions ??= []).push(fn);
  }

  const buses = resourcesOf(resources, 'AWS::Events::EventBus').map(([, resource]) => String(resource.Properties?.Name));

  const rules: LocalRule[] = [];
  for (const [logicalId, resource] of resourcesOf(resources, 'AWS::Events::Rule')) {
    const properties = resource.Properties ?? {};
    const where = `${logicalId}.Properties`;
    if (properties.EventPattern === undefined) continue; // a schedule: nothing to route
    const targets = ((properties.Targets ?? []) as Array<Record<string, unknown>>).map((target, index): LocalRuleTarget => {
      const targetWhere = `${where}.Targets[${index}]`;
      const fn = referencedId(target.Arn, `${targetWhere}.Arn`);
      if (functions[fn] === undefined) {
        throw new UnsupportedTemplateError(`${targetWhere}.Arn: only functions of the stack with ${ENTRY_METADATA} metadata run locally, got ${fn}`);
      }
      const retry = (target.RetryPolicy ?? {}) as { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
      const deadLetter = (target.DeadLetterConfig as { Arn?: unknown } | undefined)?.Arn;
      const deadLetterQueue = deadLetter === undefined ? undefined : referencedId(deadLetter, `${targetWhere}.DeadLetterConfig.Arn`);
      if (deadLetterQueue !== undefined && queues[deadLetterQueue] === undefined) {
        throw new UnsupportedTemplateError(`${targetWhere}.DeadLetterConfig.Arn: only SQS queues of the stack run locally, got ${deadLetterQueue}`);
      }
      return {
        id: String(target.Id),
        function: fn,
        retryPolicy: {
          maximumRetryAttempts: retry.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
          maximumEventAgeSeconds: retry.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeSeconds,
        },
        ...(deadLetterQueue !== undefined && { deadLetterQueue }),
      };
    });
    rules.push({
      logicalId,
      name: typeof properties.Name === 'string' ? properties.Name : localName(logicalId),
      bus: properties.EventBusName === undefined ? 'default' : resolve(properties.EventBusName, `${where}.EventBusName`),
      eventPattern: resolveWithin(
        typeof properties.EventPattern === 'string' ? JSON.parse(properties.EventPattern) : properties.EventPattern,
        resolve,
        `${where}.EventPattern`,
      ) as Record<string, unknown>,
      enabled: (properties.State ?? 'ENABLED') === 'ENABLED',
      targets,
    });
  }

  const streamTables = resourcesOf(resources, 'AWS::DynamoDB::Table')
    .filter(([, resource]) => resource.Properties?.StreamSpecification !== undefined)
    .map(([logicalId]) => logicalId);
  const eventSourceMappings = resourcesOf(resources, 'AWS::Lambda::EventSourceMapping').map(([logicalId, resource]): LocalEventSourceMapping => {
    const properties = resource.Properties ?? {};
    const where = `${logicalId}.Properties`;
    const fn = referencedId(properties.FunctionName, `${where}.FunctionName`);
    const table = referencedId(properties.EventSourceArn, `${where}.EventSourceArn`);
    if (functions[fn] === undefined)
      throw new UnsupportedTemplateError(`${where}.FunctionName: only functions of the stack with ${ENTRY_METADATA} metadata run locally, got ${fn}`);
    if (!streamTables.includes(table)) throw new UnsupportedTemplateError(`${where}.EventSourceArn: only DynamoDB streams of the stack run locally, got ${table}`);
    const destination = (properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
    const onFailureQueue = destination === undefined ? undefined : referencedId(destination, `${where}.DestinationConfig.OnFailure.Destination`);
    if (onFailureQueue !== undefined && queues[onFailureQueue] === undefined) {
      throw new UnsupportedTemplateError(`${where}.DestinationConfig.OnFailure: only SQS queues of the stack run locally, got ${onFailureQueue}`);
    }
    const filters = ((properties.FilterCriteria as { Filters?: Array<{ Pattern?: string }> } | undefined)?.Filters ?? []).map(
      (filter) => JSON.parse(String(filter.Pattern)) as Record<string, unknown>,
    );
    return {
      logicalId,
      function: fn,
      table,
      batchSize: Number(properties.BatchSize ?? 100), // Lambda's default for DynamoDB streams
      maximumRetryAttempts: Number(properties.MaximumRetryAttempts ?? -1),
      reportBatchItemFailures: ((properties.FunctionResponseTypes ?? []) as string[]).includes('ReportBatchItemFailures'),
      filters,
      ...(onFailureQueue !== undefined && { onFailureQueue }),
    };
  });

  return { stackName: names.stackName, buses, functions, rules, queues, streamTables, eventSourceMappings, topics };
}
