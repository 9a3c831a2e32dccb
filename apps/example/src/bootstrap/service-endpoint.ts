import { SFNClient } from '@aws-sdk/client-sfn';
import type { WorkerRuntimeConfig } from '@bevault-workers/core';
import { StatesLocal } from '@bevault-workers/states-local';

/** Credentials the app and its client use against the in-process Local States, which accepts any. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local-dev-key', secretAccessKey: 'local-dev-secret' } as const;

/**
 * Time the in-process Local States keeps a GetActivityTask open without a
 * task, in milliseconds. A graceful shutdown waits for held polls to return, so a
 * short hold lets the one-shot run exit within about this time.
 */
const EMBEDDED_POLL_HOLD_MS = 2000;

/** Role given to the state machine outside AWS: Local States does not check it. */
const LOCAL_ROLE_ARN = 'arn:aws:iam::123456789012:role/bevault-workers-example';

/** Environment variable of the IAM role a state machine runs as in AWS, as the Python library's `.env` names it. */
export const ROLE_ARN_VARIABLE = 'stepFunctions__roleArn';

/** The endpoint the app registers its activities with, and a client for state machines and executions. */
export interface ServiceEndpoint {
  /** Endpoint URL, or undefined for the AWS regional endpoint. */
  readonly serviceUrl: string | undefined;
  readonly region: string;
  readonly credentials: WorkerRuntimeConfig['credentials'];
  /** Local States started in this process, when no service URL is configured. */
  readonly statesLocal: StatesLocal | undefined;
  /** IAM role for CreateStateMachine, or undefined when none is configured for AWS Step Functions. */
  readonly roleArn: string | undefined;
  readonly client: SFNClient;
  /** Stops the client, and Local States when it was started here. */
  close(): Promise<void>;
}

/**
 * Returns the endpoint of the configured States or Step Functions service, or,
 * when `stepFunctions__serviceUrl` is not set, starts Local States on a free
 * loopback port and returns it.
 */
export async function openServiceEndpoint(config: WorkerRuntimeConfig, env: NodeJS.ProcessEnv): Promise<ServiceEndpoint> {
  const statesLocal = config.serviceUrl === undefined ? await StatesLocal.start({ port: 0, region: config.region, pollHoldMs: EMBEDDED_POLL_HOLD_MS }) : undefined;
  const serviceUrl = statesLocal?.url ?? config.serviceUrl;
  const credentials = statesLocal === undefined ? config.credentials : LOCAL_CREDENTIALS;
  const client = new SFNClient({ region: config.region, endpoint: serviceUrl, credentials });

  return {
    serviceUrl,
    region: config.region,
    credentials,
    statesLocal,
    roleArn: statesLocal === undefined ? configuredRoleArn(serviceUrl, env) : LOCAL_ROLE_ARN,
    client,
    close: async () => {
      client.destroy();
      await statesLocal?.stop();
    },
  };
}

/**
 * Returns the role from `stepFunctions__roleArn`. Without it, an endpoint
 * outside AWS, such as the Local States command, gets a placeholder role,
 * while AWS Step Functions (no service URL, or an `amazonaws.com` host) gets
 * none, because AWS checks the role.
 */
function configuredRoleArn(serviceUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const configured = env[ROLE_ARN_VARIABLE];

  if (configured !== undefined && configured !== '') {
    return configured;
  }

  return isAwsEndpoint(serviceUrl) ? undefined : LOCAL_ROLE_ARN;
}

/** Tells whether the endpoint is AWS Step Functions: the regional default, or a host under amazonaws.com. */
function isAwsEndpoint(serviceUrl: string | undefined): boolean {
  if (serviceUrl === undefined) {
    return true;
  }

  const host = new URL(serviceUrl).hostname;
  return host === 'amazonaws.com' || host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn');
}
