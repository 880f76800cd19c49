/**
 * The local engine's front door: runs a synthesized CDK template on one machine — the HTTP edge
 * and its AWS JSON protocol, SQS, SNS, EventBridge buses, rules and pattern matcher, DynamoDB
 * streams, Step Functions (aws-local-stepfunctions) and its AWS SDK task check, schedules, and the
 * stack's Lambda functions, each in isolates of its own. It depends on nothing of the product: the
 * product's glue (lib/local/*.ts) imports it only through this file and passes in what it needs.
 */
export * from './delivery';
export * from './dynamo-streams';
export * from './edge';
export * from './event-bus';
export * from './event-pattern/event-pattern';
export * from './json-protocol';
export * from './lambda-context';
export * from './lambda-proxy';
export * from './local-functions';
export * from './put-events';
export * from './queues';
export * from './schedule-expressions';
export * from './scheduler';
export * from './sdk-validation';
export * from './sdk-validation/asl';
export * from './sns-filter-policy';
export * from './sns-service';
export * from './sqs-service';
export * from './stack-model';
export * from './stack-source';
export * from './state-machine-tasks';
export * from './state-machines';
export * from './step-functions-service';
export * from './stream-delivery';
