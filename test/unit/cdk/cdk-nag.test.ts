import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OpenSecurityHubStack } from '../../../lib/open-security-hub-stack';
import { testApp } from './synth';

/** The app as bin/app.ts wires it: the stack plus the AwsSolutions pack as a validation plugin. */
function nagApp(): App {
  const app = testApp();
  new OpenSecurityHubStack(app, 'OpenSecurityHub');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors or warnings on synth', () => {
    const app = nagApp();

    const assembly = app.synth(); // throws on unacknowledged errors

    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName?: string; violations?: unknown[] }[];
    };
    const nag = report.pluginReports.filter((pluginReport) => pluginReport.pluginName === 'AwsSolutions');
    expect(nag.flatMap((pluginReport) => pluginReport.violations ?? [])).toEqual([]);
  });

  it('finds no violation left when the pack walks the tree itself', () => {
    const app = nagApp();
    app.synth();

    const { violations } = new AwsSolutionsChecks().validateScope(app);

    expect(violations.map((violation) => `${violation.ruleName} @ ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
