/**
 * The CDK app. The deployment configuration (open-security-hub.config.json) is validated FIRST,
 * before aws-cdk-lib loads: a malformed value fails in well under a second naming its key.
 */
import { contextOf, DeploymentConfigError, loadDeploymentConfig, type DeploymentConfig } from '../lib/config/deployment-config';

let config: DeploymentConfig;
try {
  config = loadDeploymentConfig();
} catch (error) {
  if (!(error instanceof DeploymentConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

void (async () => {
  const [{ App }, { addStacks }] = await Promise.all([import('aws-cdk-lib'), import('../lib/deployment-app')]);
  addStacks(new App({ context: contextOf(config) }), config); // the CLI synthesizes it when the process ends
})();
