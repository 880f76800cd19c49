/**
 * Calling the embedded default's API as another account of the organization. API Gateway's IAM
 * authorization names the caller from its signature; locally the SigV4 `Authorization` header's
 * access key id stands for the caller: an access key id of 12 digits, or 12 digits, a dash and a
 * name (`111122223333`, `111122223333-alice`), is a user of that account
 * (`arn:aws:iam::111122223333:user/alice`); any other (`local`, the CLI's) is a user of the local
 * administrator account, as before. Only the signature counts (the engine's `callerArn`): headers a
 * client adds (such as a forged `x-amz-account-id`) are never read.
 */

const MEMBER_KEY = /^(\d{12})(?:-([\w+=,.@-]{1,64}))?$/;

/** The caller ARN an access key id stands for locally, or undefined when it names no other account. */
export function memberCallerArn(accessKeyId: string): string | undefined {
  const match = MEMBER_KEY.exec(accessKeyId);
  return match === null ? undefined : `arn:aws:iam::${match[1]}:user/${match[2] ?? 'local'}`;
}
