/**
 * Tags in the Security Hub–compatible API: TagResource, UntagResource and ListTagsForResource
 * (`/tags/{ResourceArn}`) on the resources Security Hub tags that exist here — the hub
 * (`…:hub/default`), automation rules created through the API and configuration policies. Rules-as-code are
 * read-only (their file is their source). Limits and errors: `hub/tags.ts`.
 */
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { hubArn } from '../hub';
import { addTags, MAX_TAGS, removeTags, validateTagKey, validateTagMap } from '../hub';
import { isRuleAsCode } from '../triage';
import { requiredString } from './envelope';
import { configurationPolicyTags } from './configuration-policy-operations';
import { hubServices, requireEnabled } from './hub-operations';
import { defineOperation, type ApiOperation, type ApiServices, type ServiceLocation } from './operation';

type TagChange = (tags: Record<string, string> | undefined) => Record<string, string>;

/** The resource's ARN from the path: Security Hub's pattern `^arn:aws:securityhub:.*`. */
function resourceArn(value: string | undefined): string {
  const arn = requiredString(value, 'ResourceArn');
  if (!/^arn:aws[a-z-]*:securityhub:/.test(arn)) throw new InvalidInputError(`Invalid parameter 'ResourceArn': '${arn}' is not a Security Hub ARN (arn:aws:securityhub:…).`);
  return arn;
}

/** Reads (and with `change`, rewrites) the tags of a resource; throws ResourceNotFoundException for any other ARN. */
async function withTags(services: ApiServices, location: ServiceLocation, arn: string, change?: TagChange): Promise<Record<string, string>> {
  if (arn === hubArn(location)) {
    const hub = hubServices(services);
    if (change === undefined) return requireEnabled(await hub.repository.get(), location).tags;
    return (await hub.repository.update((state) => ({ ...requireEnabled(state, location), tags: change(state.tags) }))).tags;
  }
  const rules = services.automationRules;
  if (rules !== undefined && arn.includes(':automation-rule/')) {
    if (isRuleAsCode(rules.codeRules, arn)) {
      const rule = rules.codeRules.find((candidate) => candidate.RuleArn === arn);
      if (rule === undefined) throw new ResourceNotFoundError(`No resource ${arn}.`);
      if (change !== undefined) throw new InvalidInputError(`Invalid parameter 'ResourceArn': ${arn} is a rules-as-code rule, read-only through the API (its file takes no tags).`);
      return rule.Tags ?? {};
    }
    if (change === undefined) {
      const rule = (await rules.repository.list()).find((candidate) => candidate.RuleArn === arn);
      if (rule === undefined) throw new ResourceNotFoundError(`No resource ${arn}.`);
      return rule.Tags ?? {};
    }
    const updated = await rules.repository.update(arn, (rule) => ({ ...rule, Tags: change(rule.Tags) }));
    if (updated === undefined) throw new ResourceNotFoundError(`No resource ${arn}.`);
    return updated.Tags ?? {};
  }
  if (services.configurationPolicies !== undefined && arn.includes(':configuration-policy/')) return configurationPolicyTags(services, location, arn, change);
  throw new ResourceNotFoundError(`No resource ${arn}: tags are kept on the hub (${hubArn(location)}) and on automation rules.`);
}

const tagResource = defineOperation<{ ResourceArn: string; Tags: Record<string, string> }>({
  name: 'TagResource',
  method: 'POST',
  path: '/tags/{ResourceArn+}',
  parse: ({ pathParameters, body }) => {
    const arn = resourceArn(pathParameters.ResourceArn);
    if (body.Tags === undefined) throw new InvalidInputError("Missing required parameter 'Tags'.");
    const tags = validateTagMap(body.Tags, 'Tags');
    if (Object.keys(tags).length === 0) throw new InvalidInputError("Invalid parameter 'Tags': give at least 1 tag.");
    return { ResourceArn: arn, Tags: tags };
  },
  async invoke(input, services, _caller, location) {
    const tags = await withTags(services, location, input.ResourceArn, (current) => addTags(current, input.Tags, input.ResourceArn));
    return { output: {}, log: { resourceArn: input.ResourceArn, tags: Object.keys(tags).length } };
  },
});

const untagResource = defineOperation<{ ResourceArn: string; TagKeys: string[] }>({
  name: 'UntagResource',
  method: 'DELETE',
  path: '/tags/{ResourceArn+}',
  parse: ({ pathParameters, queryLists }) => {
    const arn = resourceArn(pathParameters.ResourceArn);
    const keys = queryLists?.tagKeys ?? [];
    if (keys.length === 0) throw new InvalidInputError("Missing required parameter 'TagKeys'.");
    if (keys.length > MAX_TAGS) throw new InvalidInputError(`Invalid parameter 'TagKeys': has ${keys.length} keys; at most ${MAX_TAGS}.`);
    return { ResourceArn: arn, TagKeys: keys.map((key, index) => validateTagKey(key, `TagKeys[${index}]`)) };
  },
  async invoke(input, services, _caller, location) {
    await withTags(services, location, input.ResourceArn, (current) => removeTags(current, input.TagKeys));
    return { output: {}, log: { resourceArn: input.ResourceArn } };
  },
});

const listTagsForResource = defineOperation<{ ResourceArn: string }>({
  name: 'ListTagsForResource',
  method: 'GET',
  path: '/tags/{ResourceArn+}',
  parse: ({ pathParameters }) => ({ ResourceArn: resourceArn(pathParameters.ResourceArn) }),
  async invoke(input, services, _caller, location) {
    return { output: { Tags: await withTags(services, location, input.ResourceArn) } };
  },
});

/** The tag operations of the registry. */
export const TAG_OPERATIONS: readonly ApiOperation[] = [tagResource, untagResource, listTagsForResource];
