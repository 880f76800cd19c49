import { type App, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { DeploymentConfigError, playbookRegionsOf, type DeploymentConfig } from './config/deployment-config';
import { MemberStackSets } from './constructs/member-stack-sets';
import { acknowledgeAdminStackNist } from './constructs/nist-acknowledgements';
import { MemberForwardingStack } from './member-forwarding-stack';
import { MemberRemediationStack } from './member-remediation-stack';
import { synthesizeMemberTemplates } from './member-templates';
import { OpenSecurityHubStack } from './open-security-hub-stack';
import { RegionalPlaybooksStack } from './regional-playbooks-stack';

/** The Regions of the forwarding StackSet: the home Region (required with memberDeployment) first, then the linked ones. */
export function memberRegions(config: DeploymentConfig): string[] {
  const home = config.homeRegion ?? Aws.REGION;
  return [home, ...new Set((config.linkedRegions ?? []).filter((region) => region !== home))];
}

/**
 * One playbook stack per linked Region but the home one (`OpenSecurityHubPlaybooks-<region>`), once
 * the admin stack is deployed: `cdk deploy 'OpenSecurityHubPlaybooks-*' -c findingsTableName=<FindingsTableName output>
 * -c findingsKeyArn=<FindingsKeyArn output>`. Needs `homeRegion` in the configuration.
 */
export function addRegionalPlaybooks(app: App, config: DeploymentConfig): RegionalPlaybooksStack[] {
  const findingsTableName = app.node.tryGetContext('findingsTableName') as string | undefined;
  const findingsKeyArn = app.node.tryGetContext('findingsKeyArn') as string | undefined;
  const regions = playbookRegionsOf(config);
  if (!findingsTableName || !findingsKeyArn || regions.length === 0) return [];
  if (config.homeRegion === undefined) throw new DeploymentConfigError('homeRegion: required for the regional playbook stacks (the Region of the findings table)');
  return regions.map(
    (region) =>
      new RegionalPlaybooksStack(app, `OpenSecurityHubPlaybooks-${region}`, {
        env: { region },
        homeRegion: config.homeRegion!,
        findingsTableName,
        findingsKeyArn,
        organizationId: config.organizationId,
        description: `Open Security Hub: the remediation playbooks of linked Region ${region} (home Region ${config.homeRegion})`,
      }),
  );
}

/**
 * The app's stacks, as bin/app.ts deploys them: the admin stack with the member StackSets when `memberDeployment` is configured, the member
 * stacks for a deploy by hand (`-c ingestionBusArn=…`, `-c adminAccountId=…`), and both cdk-nag
 * packs (AwsSolutions, NIST 800-53 rev 5) as validation plugins: an unacknowledged finding fails the synth.
 */
export function addStacks(app: App, config: DeploymentConfig): { admin: OpenSecurityHubStack; memberStackSets?: MemberStackSets } {
  // No pinned env: the templates keep their pseudo parameters (AWS::AccountId, AWS::Region), which the
  // acknowledgements name; the CLI's credentials and Region decide (the home Region, by the docs).
  const admin = new OpenSecurityHubStack(app, 'OpenSecurityHub');
  acknowledgeAdminStackNist(admin);
  let memberStackSets: MemberStackSets | undefined;
  if (config.memberDeployment) {
    memberStackSets = new MemberStackSets(admin, 'MemberStackSets', {
      templates: synthesizeMemberTemplates(),
      ingestionBusArn: admin.ingestionBusArn,
      organizationalUnitIds: config.memberDeployment.organizationalUnitIds,
      regions: memberRegions(config),
      callAs: config.memberDeployment.callAs,
      alarmEmail: config.operationsEmail,
      retainStacksOnAccountRemoval: config.memberDeployment.retainStacksOnAccountRemoval,
    });
  }
  // By hand, in one member account: `cdk deploy OpenSecurityHubMember -c ingestionBusArn=<IngestionBusArn output>`.
  const ingestionBusArn = app.node.tryGetContext('ingestionBusArn') as string | undefined;
  if (ingestionBusArn) new MemberForwardingStack(app, 'OpenSecurityHubMember', { ingestionBusArn });
  // Once per member account (IAM is global): `cdk deploy OpenSecurityHubMemberRemediation -c adminAccountId=<12 digits>`.
  const adminAccountId = app.node.tryGetContext('adminAccountId') as string | undefined;
  if (adminAccountId) new MemberRemediationStack(app, 'OpenSecurityHubMemberRemediation', { adminAccountId });
  addRegionalPlaybooks(app, config);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return { admin, memberStackSets };
}
