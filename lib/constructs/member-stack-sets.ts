import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnStackSet, Stack } from 'aws-cdk-lib';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';

/** Props of {@link MemberStackSets}. */
export interface MemberStackSetsProps {
  /** The standalone member templates (lib/member-templates.ts). */
  readonly templates: { forwarding: Record<string, unknown>; remediation: Record<string, unknown> };
  /** The admin ingestion bus the members forward to. */
  readonly ingestionBusArn: string;
  /** The organization root (`r-…`) or OUs (`ou-…`) to deploy to. */
  readonly organizationalUnitIds: readonly string[];
  /** Regions of the forwarding stacks (the home Region first); the remediation roles deploy in the first only. */
  readonly regions: readonly string[];
  /** DELEGATED_ADMIN (default) or SELF (the management account). */
  readonly callAs?: 'DELEGATED_ADMIN' | 'SELF';
  /** Subscribed to each member's alarm topic (its forwarding dead-letter queue filling). */
  readonly alarmEmail?: string;
  /** Keep a member's stacks when it leaves the targets. @default false */
  readonly retainStacksOnAccountRemoval?: boolean;
}

/** Writes a template where an S3 asset can pick it up (content-addressed, so repeated synths reuse it). */
function templateFile(template: Record<string, unknown>): string {
  const body = JSON.stringify(template);
  const dir = join(tmpdir(), 'open-security-hub-member-templates');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(body).digest('hex').slice(0, 20)}.json`);
  writeFileSync(file, body);
  return file;
}

/**
 * The member resources as two service-managed CloudFormation StackSets, created by the admin
 * stack: `OpenSecurityHubMember` (forwarding + account settings collector) in every target account
 * and linked Region, `OpenSecurityHubMemberRemediation` (the playbooks' role; IAM is global) once
 * per account, in the home Region. Auto-deployment puts them in accounts that join the targets.
 * The templates travel as file assets of the admin stack (its bootstrap bucket, TemplateURL: over
 * the 51,200-byte TemplateBody limit); they hold no asset themselves (inline collector code), so no
 * member account or Region needs `cdk bootstrap`.
 */
export class MemberStackSets extends Construct {
  public readonly forwarding: CfnStackSet;
  public readonly remediation: CfnStackSet;
  /** The member templates they deploy. */
  public readonly templates: MemberStackSetsProps['templates'];

  constructor(scope: Construct, id: string, props: MemberStackSetsProps) {
    super(scope, id);
    this.templates = props.templates;
    const stack = Stack.of(this);
    const common = {
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.callAs ?? 'DELEGATED_ADMIN',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval ?? false },
      managedExecution: { Active: true },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25, regionConcurrencyType: 'PARALLEL' },
    } as const;
    const targets = { organizationalUnitIds: [...props.organizationalUnitIds] };
    const url = (assetId: string, template: Record<string, unknown>) => new s3assets.Asset(this, assetId, { path: templateFile(template) }).httpUrl;

    this.forwarding = new CfnStackSet(this, 'Forwarding', {
      ...common,
      stackSetName: 'OpenSecurityHubMember',
      description: 'Open Security Hub: forward member events to the admin ingestion bus, collect account settings',
      templateUrl: url('ForwardingTemplate', props.templates.forwarding),
      capabilities: ['CAPABILITY_IAM'],
      parameters: [
        { parameterKey: 'IngestionBusArn', parameterValue: props.ingestionBusArn },
        { parameterKey: 'AlarmEmail', parameterValue: props.alarmEmail ?? '' },
      ],
      stackInstancesGroup: [{ deploymentTargets: targets, regions: [...props.regions] }],
    });
    this.remediation = new CfnStackSet(this, 'Remediation', {
      ...common,
      stackSetName: 'OpenSecurityHubMemberRemediation',
      description: "Open Security Hub: the role the admin account's remediation playbooks assume",
      templateUrl: url('RemediationTemplate', props.templates.remediation),
      capabilities: ['CAPABILITY_NAMED_IAM'],
      parameters: [{ parameterKey: 'AdminAccountId', parameterValue: stack.account }],
      stackInstancesGroup: [{ deploymentTargets: targets, regions: [props.regions[0]!] }],
    });
  }
}
