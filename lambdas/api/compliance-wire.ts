/**
 * Security Hub's wire shapes of standards, standards controls, security controls and their
 * parameters, and the ARNs Security Hub gives them, built from the control catalogue and the
 * compliance settings. Pure.
 */
import {
  CONTROLS,
  STANDARDS,
  associationState,
  controlByStandardsControlId,
  effectiveParameters,
  findControl,
  isControlEnabled,
  isStandardId,
  mappingIn,
  standardsArn,
} from '../compliance';
import type { ComplianceSettings, ControlDefinition, ControlParameter, ParameterValue, StandardDefinition, StandardId } from '../compliance';
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import type { ServiceLocation } from './operation';

/** Security Hub's `ParameterValue` union members, by our parameter types (also the configuration policies' wire). */
export const VALUE_MEMBER: Record<ControlParameter['type'], 'Integer' | 'IntegerList' | 'String' | 'StringList' | 'Boolean'> = {
  int: 'Integer',
  intList: 'IntegerList',
  string: 'String',
  stringList: 'StringList',
  boolean: 'Boolean',
};

/** A standard's ARN here. */
export function standardArnAt(id: StandardId, location: ServiceLocation): string {
  return standardsArn(id, location.region, location.partition);
}

/** `arn:<partition>:securityhub:<region>:<account>:subscription/<standard path>`. */
export function subscriptionArn(id: StandardId, location: ServiceLocation): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:subscription/${id}`;
}

/**
 * `arn:…:control/<standard path>/<id>`: the id Security Hub gives the control in that standard
 * (`PCI.IAM.3` in PCI DSS v3.2.1, the recommendation number in CIS, else the security control id).
 */
export function standardsControlArn(standard: StandardId, control: Pick<ControlDefinition, 'id' | 'standards'>, location: ServiceLocation): string {
  const id = mappingIn(control, standard)?.standardsControlId ?? control.id;
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:control/${standard}/${id}`;
}

/** `arn:…:security-control/<control id>`. */
export function securityControlArn(controlId: string, location: ServiceLocation): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:security-control/${controlId}`;
}

function resourcePart(arn: string, location: ServiceLocation, path: string, withAccount: boolean): string {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'securityhub') {
    throw new InvalidInputError(`Invalid parameter '${path}': '${arn}' is not a Security Hub ARN.`);
  }
  const [, partition, , region, account] = parts;
  const accountOk = withAccount ? account === location.accountId : account === '';
  if (partition !== location.partition || region !== location.region || !accountOk) {
    throw new InvalidInputError(`Invalid parameter '${path}': '${arn}' is not an ARN of ${location.region}${withAccount ? ` in account ${location.accountId}` : ''}.`);
  }
  return parts.slice(5).join(':');
}

/** The standard a standards ARN names; ResourceNotFound when we have no such standard. */
export function standardOfArn(arn: string, location: ServiceLocation, path: string): StandardId {
  const resource = resourcePart(arn, location, path, false);
  if (!resource.startsWith('standards/')) throw new InvalidInputError(`Invalid parameter '${path}': '${arn}' is not a standards ARN.`);
  const id = resource.slice('standards/'.length);
  if (!isStandardId(id)) throw new ResourceNotFoundError(`Standard '${arn}' not found.`);
  return id;
}

/** The standard a subscription ARN names. */
export function standardOfSubscription(arn: string, location: ServiceLocation, path: string): StandardId {
  const resource = resourcePart(arn, location, path, true);
  if (!resource.startsWith('subscription/')) throw new InvalidInputError(`Invalid parameter '${path}': '${arn}' is not a standards subscription ARN.`);
  const id = resource.slice('subscription/'.length);
  if (!isStandardId(id)) throw new ResourceNotFoundError(`Standards subscription '${arn}' not found.`);
  return id;
}

/** The standard and control a standards-control ARN names. */
export function controlOfStandardsControlArn(arn: string, location: ServiceLocation, path: string): { standard: StandardId; control: ControlDefinition } {
  const resource = resourcePart(arn, location, path, true);
  const slash = resource.lastIndexOf('/');
  if (!resource.startsWith('control/') || slash <= 'control/'.length) {
    throw new InvalidInputError(`Invalid parameter '${path}': '${arn}' is not a standards control ARN.`);
  }
  const standard = resource.slice('control/'.length, slash);
  const control = isStandardId(standard) ? controlByStandardsControlId(CONTROLS, standard, resource.slice(slash + 1)) : undefined;
  if (!isStandardId(standard) || control === undefined) throw new ResourceNotFoundError(`Standards control '${arn}' not found.`);
  return { standard, control };
}

/** A control by its id or its security-control ARN; ResourceNotFound when unknown. */
export function securityControlOf(idOrArn: string, location: ServiceLocation, path: string): ControlDefinition {
  const id = idOrArn.startsWith('arn:') ? resourcePart(idOrArn, location, path, true).replace(/^security-control\//, '') : idOrArn;
  const control = findControl(id);
  if (control === undefined) throw new ResourceNotFoundError(`Security control '${idOrArn}' not found.`);
  return control;
}

/** `Standard` of DescribeStandards. */
export function standardShape(standard: StandardDefinition, location: ServiceLocation): object {
  return {
    StandardsArn: standardArnAt(standard.id, location),
    Name: standard.name,
    Description: standard.description,
    EnabledByDefault: standard.enabledByDefault,
    StandardsManagedBy: { Company: 'AWS', Product: 'Security Hub' },
  };
}

/** `StandardsSubscription` of Batch{Enable,Disable}Standards and GetEnabledStandards. */
export function subscriptionShape(id: StandardId, location: ServiceLocation, status: 'READY' | 'DELETING' = 'READY'): object {
  return {
    StandardsSubscriptionArn: subscriptionArn(id, location),
    StandardsArn: standardArnAt(id, location),
    StandardsInput: {},
    StandardsStatus: status,
    StandardsControlsUpdatable: status === 'READY' ? 'READY_FOR_UPDATES' : 'NOT_READY_FOR_UPDATES',
  };
}

/** `StandardsControl` of DescribeStandardsControls. */
export function standardsControlShape(standard: StandardId, control: ControlDefinition, settings: ComplianceSettings, location: ServiceLocation): object {
  const state = associationState(control, standard, settings);
  const mapping = mappingIn(control, standard);
  return {
    StandardsControlArn: standardsControlArn(standard, control, location),
    ControlStatus: state.status,
    ...(state.status === 'DISABLED' && state.reason && { DisabledReason: state.reason }),
    ...(state.updatedAt && { ControlStatusUpdatedAt: state.updatedAt }),
    ControlId: mapping?.standardsControlId ?? control.id,
    Title: control.title,
    Description: control.description,
    RemediationUrl: control.remediationUrl,
    SeverityRating: control.severity === 'INFORMATIONAL' ? 'LOW' : control.severity,
    RelatedRequirements: mapping?.requirements ?? [],
  };
}

function configurationOptions(parameter: ControlParameter): object {
  return { [VALUE_MEMBER[parameter.type]]: { DefaultValue: parameter.default } };
}

/** `SecurityControlDefinition` of ListSecurityControlDefinitions / GetSecurityControlDefinition. */
export function securityControlDefinitionShape(control: ControlDefinition): object {
  const parameters = Object.entries(control.parameters ?? {});
  return {
    SecurityControlId: control.id,
    Title: control.title,
    Description: control.description,
    RemediationUrl: control.remediationUrl,
    SeverityRating: control.severity === 'INFORMATIONAL' ? 'LOW' : control.severity,
    CurrentRegionAvailability: 'AVAILABLE',
    ...(parameters.length > 0 && {
      CustomizableProperties: ['Parameters'],
      ParameterDefinitions: Object.fromEntries(
        parameters.map(([name, parameter]) => [name, { Description: parameter.description, ConfigurationOptions: configurationOptions(parameter) }]),
      ),
    }),
  };
}

/** `SecurityControl` of BatchGetSecurityControls: status and the parameter values in force. */
export function securityControlShape(control: ControlDefinition, settings: ComplianceSettings, location: ServiceLocation): object {
  const custom = settings.controls[control.id]?.parameters ?? {};
  const values = effectiveParameters(control, settings);
  return {
    SecurityControlId: control.id,
    SecurityControlArn: securityControlArn(control.id, location),
    Title: control.title,
    Description: control.description,
    RemediationUrl: control.remediationUrl,
    SeverityRating: control.severity === 'INFORMATIONAL' ? 'LOW' : control.severity,
    SecurityControlStatus: isControlEnabled(control, settings) ? 'ENABLED' : 'DISABLED',
    UpdateStatus: 'READY',
    Parameters: Object.fromEntries(
      Object.entries(control.parameters ?? {}).map(([name, parameter]) => [
        name,
        { ValueType: name in custom ? 'CUSTOM' : 'DEFAULT', Value: { [VALUE_MEMBER[parameter.type]]: values[name] } },
      ]),
    ),
  };
}

/**
 * The value of a `ParameterConfiguration` (`{ ValueType, Value }`) for a control parameter:
 * `undefined` for DEFAULT (the control's default applies), the typed value for CUSTOM.
 */
export function parameterValueOf(parameter: ControlParameter, configuration: unknown, path: string): ParameterValue | undefined {
  if (typeof configuration !== 'object' || configuration === null || Array.isArray(configuration)) {
    throw new InvalidInputError(`Invalid parameter '${path}': expected an object.`);
  }
  const { ValueType, Value } = configuration as { ValueType?: unknown; Value?: unknown };
  if (ValueType !== 'CUSTOM' && ValueType !== 'DEFAULT') {
    throw new InvalidInputError(`Invalid parameter '${path}.ValueType': must be CUSTOM or DEFAULT.`);
  }
  if (ValueType === 'DEFAULT') {
    if (Value !== undefined) throw new InvalidInputError(`Invalid parameter '${path}.Value': must be omitted when ValueType is DEFAULT.`);
    return undefined;
  }
  const member = VALUE_MEMBER[parameter.type];
  if (typeof Value !== 'object' || Value === null || Array.isArray(Value)) {
    throw new InvalidInputError(`Invalid parameter '${path}.Value': required when ValueType is CUSTOM (one member: ${member}).`);
  }
  const members = Object.keys(Value);
  if (members.length !== 1 || members[0] !== member) {
    throw new InvalidInputError(`Invalid parameter '${path}.Value': this parameter takes a ${member} value.`);
  }
  const value = (Value as Record<string, unknown>)[member];
  const ok =
    member === 'Integer'
      ? Number.isInteger(value)
      : member === 'IntegerList'
        ? Array.isArray(value) && value.every((entry) => Number.isInteger(entry))
        : member === 'String'
          ? typeof value === 'string' && value.length > 0
          : member === 'StringList'
            ? Array.isArray(value) && value.every((entry) => typeof entry === 'string')
            : typeof value === 'boolean';
  if (!ok) throw new InvalidInputError(`Invalid parameter '${path}.Value.${member}': not a valid ${member}.`);
  if (parameter.items && Array.isArray(value) && (value.length < parameter.items.min || value.length > parameter.items.max)) {
    throw new InvalidInputError(`Invalid parameter '${path}.Value.${member}': takes ${parameter.items.min} to ${parameter.items.max} entries, got ${value.length}.`);
  }
  return value as ParameterValue;
}

/** Our standards, in catalogue order. */
export const ALL_STANDARDS = STANDARDS;
