import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MemberForwardingStack } from '../lib/member-forwarding-stack';
import { OpenSecurityHubStack } from '../lib/open-security-hub-stack';

const app = new App();
new OpenSecurityHubStack(app, 'OpenSecurityHub');
// In member accounts: `cdk deploy OpenSecurityHubMember -c ingestionBusArn=<IngestionBusArn output>`.
const ingestionBusArn = app.node.tryGetContext('ingestionBusArn') as string | undefined;
if (ingestionBusArn) new MemberForwardingStack(app, 'OpenSecurityHubMember', { ingestionBusArn });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
