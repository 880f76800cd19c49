import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MemberForwardingStack } from '../lib/member-forwarding-stack';
import { MemberRemediationStack } from '../lib/member-remediation-stack';
import { OpenSecurityHubStack } from '../lib/open-security-hub-stack';

const app = new App();
new OpenSecurityHubStack(app, 'OpenSecurityHub');
// In member accounts: `cdk deploy OpenSecurityHubMember -c ingestionBusArn=<IngestionBusArn output>`.
const ingestionBusArn = app.node.tryGetContext('ingestionBusArn') as string | undefined;
if (ingestionBusArn) new MemberForwardingStack(app, 'OpenSecurityHubMember', { ingestionBusArn });
// Once per member account (IAM is global): `cdk deploy OpenSecurityHubMemberRemediation -c adminAccountId=<12 digits>`.
const adminAccountId = app.node.tryGetContext('adminAccountId') as string | undefined;
if (adminAccountId) new MemberRemediationStack(app, 'OpenSecurityHubMemberRemediation', { adminAccountId });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
