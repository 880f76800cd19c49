/**
 * Central configuration's operations over a repository and the organization: policies (create,
 * read, update, delete, list) and associations (apply, remove, resolve, list), with Security Hub's
 * rules — one configuration per target, a policy in use can't be deleted, a target inherits the
 * configuration of its nearest ancestor. The API maps its wire shapes onto these.
 */
import { InvalidInputError, LimitExceededError, ResourceConflictError, ResourceNotFoundError } from '../../shared/errors';
import { resolveAssociation } from './inheritance';
import type { OrganizationView } from './org-layout';
import type { ConfigurationPolicyRepository } from './state/policy-store';
import { SELF_MANAGED, type ConfigurationPolicy, type PolicySettings, type PolicyTarget, type ResolvedAssociation } from './types';
import { validatePolicyName, validatePolicySettings } from './validation';

/** Most configuration policies kept (our bound; a create past it is LimitExceededException). */
export const MAX_POLICIES = 100;

/** What the operations work on. */
export interface CentralConfigurationDeps {
  repository: ConfigurationPolicyRepository;
  organization: OrganizationView;
  /** The ARN of a policy id (`arn:<partition>:securityhub:<region>:<account>:configuration-policy/<id>`). */
  arnOf: (id: string) => string;
  now?: () => Date;
  newId?: () => string;
}

/** A policy change (UpdateConfigurationPolicy): absent members stay. */
export interface PolicyChange {
  name?: string;
  description?: string;
  settings?: PolicySettings;
}

/** Central configuration's operations. */
export class CentralConfiguration {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: CentralConfigurationDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** The policy id an identifier (UUID or ARN) names. */
  static idOf(identifier: string): string {
    const slash = identifier.lastIndexOf('configuration-policy/');
    return identifier.startsWith('arn:') && slash >= 0 ? identifier.slice(slash + 'configuration-policy/'.length) : identifier;
  }

  async create(input: { name: string; description?: string; settings: PolicySettings; tags?: Record<string, string> }): Promise<ConfigurationPolicy> {
    validatePolicyName(input.name, 'Name');
    validatePolicySettings(input.settings, 'ConfigurationPolicy.SecurityHub');
    const existing = await this.deps.repository.list();
    if (existing.length >= MAX_POLICIES) throw new LimitExceededError(`You can create up to ${MAX_POLICIES} configuration policies.`);
    if (existing.some((policy) => policy.name === input.name)) throw new ResourceConflictError(`A configuration policy named '${input.name}' already exists.`);
    const id = this.newId();
    const at = this.now().toISOString();
    const policy: ConfigurationPolicy = {
      id,
      arn: this.deps.arnOf(id),
      name: input.name,
      ...(input.description !== undefined && { description: input.description }),
      settings: input.settings,
      ...(input.tags && { tags: input.tags }),
      createdAt: at,
      updatedAt: at,
    };
    if (!(await this.deps.repository.create(policy))) throw new ResourceConflictError(`Configuration policy ${id} already exists.`);
    return policy;
  }

  /** @throws ResourceNotFoundError */
  async get(identifier: string): Promise<ConfigurationPolicy> {
    const policy = await this.deps.repository.get(CentralConfiguration.idOf(identifier));
    if (policy === undefined) throw new ResourceNotFoundError(`Configuration policy '${identifier}' not found.`);
    return policy;
  }

  /** Every policy, oldest first. */
  async list(): Promise<ConfigurationPolicy[]> {
    return (await this.deps.repository.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Rewrites a policy's tags (TagResource / UntagResource); its UpdatedAt stays. */
  async retag(identifier: string, change: (tags: Record<string, string> | undefined) => Record<string, string>): Promise<Record<string, string>> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get(identifier);
      const tags = change(current.tags);
      if (await this.deps.repository.replace({ ...current, tags }, current.updatedAt)) return tags;
    }
    throw new ResourceConflictError(`Configuration policy '${identifier}' changed while being tagged; try again.`);
  }

  async update(identifier: string, change: PolicyChange): Promise<ConfigurationPolicy> {
    if (change.name !== undefined) validatePolicyName(change.name, 'Name');
    if (change.settings !== undefined) validatePolicySettings(change.settings, 'ConfigurationPolicy.SecurityHub');
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get(identifier);
      if (change.name !== undefined && change.name !== current.name && (await this.deps.repository.list()).some((policy) => policy.name === change.name)) {
        throw new ResourceConflictError(`A configuration policy named '${change.name}' already exists.`);
      }
      const at = this.now().toISOString();
      const next: ConfigurationPolicy = {
        ...current,
        ...(change.name !== undefined && { name: change.name }),
        ...(change.description !== undefined && { description: change.description }),
        ...(change.settings !== undefined && { settings: change.settings }),
        updatedAt: at > current.updatedAt ? at : new Date(Date.parse(current.updatedAt) + 1).toISOString(),
      };
      if (await this.deps.repository.replace(next, current.updatedAt)) return next;
    }
    throw new ResourceConflictError(`Configuration policy '${identifier}' changed while being updated; try again.`);
  }

  /** Deletes a policy that no target is associated with (ResourceConflictException otherwise). */
  async delete(identifier: string): Promise<void> {
    const policy = await this.get(identifier);
    const inUse = (await this.deps.repository.listApplied()).filter((association) => association.configurationPolicyId === policy.id);
    if (inUse.length > 0) {
      throw new ResourceConflictError(
        `Configuration policy '${identifier}' is associated with ${inUse.map((a) => a.target.id).join(', ')}: disassociate it (StartConfigurationPolicyDisassociation) before deleting it.`,
      );
    }
    if (!(await this.deps.repository.delete(policy.id))) throw new ResourceNotFoundError(`Configuration policy '${identifier}' not found.`);
  }

  /** Applies a policy (by UUID or ARN) or {@link SELF_MANAGED} to a target, replacing what was applied to it. */
  async associate(identifier: string, target: PolicyTarget): Promise<ResolvedAssociation> {
    await this.checkTarget(target);
    const configurationPolicyId = identifier === SELF_MANAGED ? SELF_MANAGED : (await this.get(identifier)).id;
    const updatedAt = this.now().toISOString();
    await this.deps.repository.putApplied({ target, configurationPolicyId, updatedAt });
    return { target, configurationPolicyId, associationType: 'APPLIED', from: target, updatedAt };
  }

  /**
   * Removes the configuration applied to a target: it then inherits from its nearest ancestor (or
   * is self-managed). `identifier`, when given, must name what is applied.
   */
  async disassociate(target: PolicyTarget, identifier?: string): Promise<void> {
    await this.checkTarget(target);
    const [applied] = (await this.deps.repository.appliedTo([target.id])).values();
    if (applied === undefined)
      throw new ResourceNotFoundError(`No configuration is applied to ${target.id}; a configuration it inherits is removed from the ancestor it is applied to.`);
    const expected = identifier === undefined || identifier === SELF_MANAGED ? identifier : CentralConfiguration.idOf(identifier);
    if (expected !== undefined && expected !== applied.configurationPolicyId) {
      throw new InvalidInputError(`Invalid parameter 'ConfigurationPolicyIdentifier': ${target.id} is associated with ${applied.configurationPolicyId}, not ${identifier}.`);
    }
    if (!(await this.deps.repository.deleteApplied(target.id, applied.configurationPolicyId))) {
      throw new ResourceConflictError(`The association of ${target.id} changed while being removed; try again.`);
    }
  }

  /** A target's association: applied, inherited from its nearest ancestor, or self-managed. */
  async association(target: PolicyTarget): Promise<ResolvedAssociation> {
    await this.checkTarget(target);
    const path = await this.deps.organization.pathOf(target);
    const applied = await this.deps.repository.appliedTo([path.rootId, ...path.ouIds, target.id]);
    return resolveAssociation(target, path, (id) => applied.get(id));
  }

  /** The associations of the root, every known OU and account, and every target with an applied one. */
  async associations(): Promise<ResolvedAssociation[]> {
    const applied = await this.deps.repository.listApplied();
    const byId = new Map(applied.map((association) => [association.target.id, association]));
    const root: PolicyTarget = { type: 'ROOT', id: await this.deps.organization.rootId() };
    const targets = new Map<string, PolicyTarget>([[root.id, root]]);
    for (const target of [...(await this.deps.organization.targets()), ...applied.map((association) => association.target)]) targets.set(target.id, target);
    const organization = this.deps.organization;
    const paths = organization.pathsOf === undefined ? undefined : await organization.pathsOf([...targets.values()]);
    const resolved: ResolvedAssociation[] = [];
    for (const target of targets.values()) {
      const path = paths?.get(target.id) ?? (await organization.pathOf(target));
      resolved.push(resolveAssociation(target, path, (id) => byId.get(id)));
    }
    return resolved;
  }

  private async checkTarget(target: PolicyTarget): Promise<void> {
    if (target.type !== 'ROOT') return;
    const rootId = await this.deps.organization.rootId();
    if (target.id !== rootId) throw new ResourceNotFoundError(`Root '${target.id}' not found: the organization's root is ${rootId}.`);
  }
}
