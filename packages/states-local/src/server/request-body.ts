import type { IncomingMessage } from 'node:http';

import { ServiceError } from '../protocol/service-error';

/**
 * Largest request body accepted, in bytes: a 262,144-byte payload JSON-escaped
 * can grow up to six times, plus the other members.
 */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** Reads the whole request body, rejecting one larger than {@link MAX_REQUEST_BYTES}. */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;

    if (size > MAX_REQUEST_BYTES) {
      throw new ServiceError('RequestEntityTooLargeException', `Request body exceeds ${MAX_REQUEST_BYTES} bytes.`, 413);
    }

    chunks.push(chunk);
  }

  return Buffer.concat(chunks);
}

/** Parses the AWS JSON 1.0 body: an empty body is `{}`, anything but an object is rejected. */
export function parseJsonBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) {
    return {};
  }

  let parsed: unknown;

  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ServiceError('SerializationException', `Request body is not valid JSON: ${(error as Error).message}`);
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError('SerializationException', 'Request body must be a JSON object.');
  }

  return parsed as Record<string, unknown>;
}
