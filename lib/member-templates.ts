import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, BootstraplessSynthesizer, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { MemberForwardingStack } from './member-forwarding-stack';
import { MemberRemediationStack } from './member-remediation-stack';

/** The member templates, standalone: no asset, no bootstrap version rule, their inputs as parameters. */
export interface MemberTemplates {
  /** Per member account and Region: the forwarding rules and the account settings collector (parameter `IngestionBusArn`). */
  forwarding: Record<string, unknown>;
  /** Once per member account: the role the playbooks assume (parameter `AdminAccountId`). */
  remediation: Record<string, unknown>;
}

/**
 * Synthesizes the member stacks in an app of their own with {@link BootstraplessSynthesizer}: it
 * refuses any asset and adds no `BootstrapVersion` parameter or rule, so the templates deploy in
 * accounts and Regions where `cdk bootstrap` never ran (a service-managed StackSet). Both cdk-nag
 * packs run on them; an unacknowledged finding fails the synth.
 */
export function synthesizeMemberTemplates(): MemberTemplates {
  // Its own output directory and no synthesis on exit: under the cdk CLI (CDK_OUTDIR set) a second
  // App would otherwise write its manifest over the admin app's cloud assembly.
  const outdir = mkdtempSync(join(tmpdir(), 'osh-member-templates-'));
  const app = new App({ outdir, autoSynth: false });
  const synthesizer = () => new BootstraplessSynthesizer({});
  const forwarding = new MemberForwardingStack(app, 'OpenSecurityHubMember', { synthesizer: synthesizer() });
  const remediation = new MemberRemediationStack(app, 'OpenSecurityHubMemberRemediation', { synthesizer: synthesizer() });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  try {
    const assembly = app.synth();
    return {
      forwarding: assembly.getStackByName(forwarding.stackName).template as Record<string, unknown>,
      remediation: assembly.getStackByName(remediation.stackName).template as Record<string, unknown>,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
