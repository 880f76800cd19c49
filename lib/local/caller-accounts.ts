/**
 * Calling the embedded default's API as another account of the organization. API Gateway's IAM
 * authorization names the caller from its signature; locally the SigV4 `Authorization` header's
 * access key id stands for the caller: an access key id of 12 digits, or 12 digits, a dash and a
 * name (`111122223333`, `111122223333-alice`), is a user of that account
 * (`arn:aws:iam::111122223333:user/alice`); any other (`local`, the CLI's) is a user of the local
 * administrator account, as before. Only the signature counts: headers a client adds (such as a
 * forged `x-amz-account-id`) are never read.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';

const MEMBER_KEY = /^(\d{12})(?:-([\w+=,.@-]{1,64}))?$/;

/** The caller ARN an access key id stands for locally, or undefined when it names no other account. */
export function memberCallerArn(accessKeyId: string): string | undefined {
  const match = MEMBER_KEY.exec(accessKeyId);
  return match === null ? undefined : `arn:aws:iam::${match[1]}:user/${match[2] ?? 'local'}`;
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/** The event with the caller API Gateway would name for this signature. */
export function withCallerAccount(event: APIGatewayProxyEvent): APIGatewayProxyEvent {
  const credential = /Credential=([^/,\s]+)\//.exec(header(event, 'authorization') ?? '');
  const arn = credential === null ? undefined : memberCallerArn(credential[1]);
  if (arn === undefined) return event;
  const identity = { ...event.requestContext.identity, userArn: arn, accountId: arn.split(':')[4], accessKey: credential?.[1] ?? null };
  return { ...event, requestContext: { ...event.requestContext, identity } };
}
