/**
 * Turns off the AWS SDK's NodeVersionSupportWarning, nine lines on stderr in
 * every process on Node.js 20. The SDK version is pinned in package.json, and
 * the warning concerns SDK releases from January 2027 on, which will need
 * Node.js 22. Imported first by main.ts, before any SDK client is created.
 * A value already set in the environment is kept.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
