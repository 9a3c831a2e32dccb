import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

import type { StatesLocal } from '../../src';
import { testCredentials } from './clients';

/** Response of a beVault extension call. */
export interface ExtensionResponse {
  status: number;
  body: Record<string, unknown> | undefined;
}

/**
 * Calls a beVault store-sync operation the way `bevault_workers` does: a
 * POST with `X-Amz-Target`, `X-Amz-Api-Version: 2016-11-23` and a SigV4
 * signature for the `states` service.
 */
export async function callExtension(
  states: StatesLocal,
  operation: string,
  payload: object,
  credentials = testCredentials,
): Promise<ExtensionResponse> {
  const url = new URL(states.url);
  const body = JSON.stringify(payload);
  const signer = new SignatureV4({ credentials, region: states.region, service: 'states', sha256: Sha256 });

  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AWSStepFunctions.${operation}`,
      'x-amz-api-version': '2016-11-23',
    },
    body,
  });

  const response = await fetch(`${states.url}/`, { method: 'POST', headers: signed.headers, body });
  const text = await response.text();

  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}
