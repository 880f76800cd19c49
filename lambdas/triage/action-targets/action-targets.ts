/**
 * Custom actions (Security Hub's action targets): their limits, ARNs, and the event that sends
 * findings to one. Pure: no SDK, no environment.
 */
import type { AwsSecurityFinding } from '../../asff';
import { InvalidInputError } from '../../shared/errors';
import { APP_EVENT_SOURCE, FINDINGS_CUSTOM_ACTION, type FindingsCustomActionDetail } from '../../events';

/** A custom action as stored and as DescribeActionTargets returns it. */
export interface ActionTarget {
  ActionTargetArn: string;
  Name: string;
  Description: string;
}

/** Security Hub's limits: Id 1–20 alphanumerics, Name 1–20 characters, Description 1–256. */
export const ACTION_TARGET_LIMITS = { id: 20, name: 20, description: 256, perAccount: 50 } as const;
/** Findings per SendFindingsToActionTarget call (Security Hub's console sends up to 20). */
export const MAX_FINDINGS_PER_ACTION = 20;
/** PutEvents' entry limit. */
const MAX_ENTRY_BYTES = 256 * 1024;

const ID = /^[A-Za-z0-9]{1,20}$/;
const ARN = /^arn:(aws[\w-]*):securityhub:([a-z]+-[a-z]+-[\w-]+):(\d{12}):action\/custom\/([A-Za-z0-9]{1,20})$/;

/** Checks an action target's Id; throws InvalidInputError naming the member. */
export function validateActionTargetId(id: string): void {
  if (!ID.test(id)) throw new InvalidInputError(`Invalid parameter 'Id': must be 1 to ${ACTION_TARGET_LIMITS.id} letters or digits, got '${id}'.`);
}

/** Checks a Name or Description length; throws InvalidInputError naming the member. */
export function validateActionTargetText(value: string, member: 'Name' | 'Description'): void {
  const max = member === 'Name' ? ACTION_TARGET_LIMITS.name : ACTION_TARGET_LIMITS.description;
  if (value.length < 1 || value.length > max) {
    throw new InvalidInputError(`Invalid parameter '${member}': must be 1 to ${max} characters, got ${value.length}.`);
  }
}

/** `arn:aws:securityhub:<region>:<account>:action/custom/<Id>`. */
export function actionTargetArn(location: { partition: string; region: string; accountId: string }, id: string): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:action/custom/${id}`;
}

/** The Id an action target ARN names; throws InvalidInputError when it is not one. */
export function actionTargetIdOf(arn: string, member = 'ActionTargetArn'): string {
  const match = ARN.exec(arn);
  if (match === null) throw new InvalidInputError(`Invalid parameter '${member}': not an action target ARN (arn:aws:securityhub:<region>:<account>:action/custom/<Id>): '${arn}'.`);
  return match[4];
}

/** A finding without its resources' `Details`, for an event that would be over 256 KB. */
function withoutResourceDetails(finding: AwsSecurityFinding): AwsSecurityFinding {
  return { ...finding, Resources: finding.Resources?.map(({ Details: _details, ...resource }) => resource) } as AwsSecurityFinding;
}

/** A PutEvents entry of the custom-action event. */
export interface CustomActionEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Resources: string[];
  Detail: string;
}

function entrySize(entry: CustomActionEntry): number {
  return 14 + [entry.Source, entry.DetailType, entry.Detail, ...entry.Resources].reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
}

/**
 * The `Security Hub Findings - Custom Action` event(s) for findings sent to an action: ONE event
 * with every finding, as Security Hub sends it, unless that is over EventBridge's 256 KB — then the
 * findings are split over as few events as fit, in order (a finding alone too large loses its
 * `Resources[].Details`).
 */
export function customActionEntries(target: ActionTarget, findings: readonly AwsSecurityFinding[], eventBusName: string): CustomActionEntry[] {
  const entry = (part: AwsSecurityFinding[]): CustomActionEntry => {
    const detail: FindingsCustomActionDetail = { actionName: target.Name, actionDescription: target.Description, findings: part };
    return { EventBusName: eventBusName, Source: APP_EVENT_SOURCE, DetailType: FINDINGS_CUSTOM_ACTION, Resources: [target.ActionTargetArn], Detail: JSON.stringify(detail) };
  };
  const entries: CustomActionEntry[] = [];
  let part: AwsSecurityFinding[] = [];
  for (const original of findings) {
    const finding = entrySize(entry([original])) <= MAX_ENTRY_BYTES ? original : withoutResourceDetails(original);
    if (part.length > 0 && entrySize(entry([...part, finding])) > MAX_ENTRY_BYTES) {
      entries.push(entry(part));
      part = [];
    }
    part.push(finding);
  }
  if (part.length > 0) entries.push(entry(part));
  return entries;
}
