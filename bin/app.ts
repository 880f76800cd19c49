import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OpenSecurityHubStack } from '../lib/open-security-hub-stack';

const app = new App();
new OpenSecurityHubStack(app, 'OpenSecurityHub');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
