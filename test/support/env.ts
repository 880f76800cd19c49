// Test-wide environment: quiet the AWS SDK's Node-version notice (the README states the Node support).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
