/** Response of a raw AWS JSON 1.0 call, for checks below the SDK. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Posts a body to Local States with `X-Amz-Target: AWSStepFunctions.<operation>`. */
export async function postRaw(url: string, operation: string | undefined, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      ...(operation === undefined ? {} : { 'X-Amz-Target': `AWSStepFunctions.${operation}` }),
      ...headers,
    },
    body,
  });

  return { status: response.status, headers: response.headers, body: await response.text() };
}
