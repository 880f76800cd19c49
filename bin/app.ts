/**
 * The CDK app. The deployment configuration (open-security-hub.config.json) is validated FIRST,
 * before aws-cdk-lib loads: a malformed value fails in well under a second naming its key.
 * The CDK modules are then required synchronously, so the App exists (and synthesizes on exit)
 * as soon as this module is loaded, as the cdk CLI and lib/local/synth-app.ts expect.
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

// Loaded only after the configuration passed: these take seconds to load.
const { App } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
const { addStacks } = require('../lib/deployment-app') as typeof import('../lib/deployment-app');
addStacks(new App({ context: contextOf(config) }), config); // the CLI synthesizes it when the process ends
