/**
 * Kinds of injected fault:
 * - `internal-failure`: HTTP 500 with `InternalFailure`.
 * - `throttling`: HTTP 400 with `ThrottlingException`.
 * - `connection-reset`: the TCP connection is reset before any response.
 * - `latency`: the request is served after `latencyMs` more milliseconds.
 *
 * @public
 */
export type FaultKind = 'internal-failure' | 'throttling' | 'connection-reset' | 'latency';

/**
 * A fault to inject into matching requests.
 *
 * @public
 */
export interface FaultRule {
  /** Operation to affect, e.g. `GetActivityTask`. @default every operation */
  operation?: string;
  /** Chance that a matching request is hit, from 0 to 1. @default 1 */
  probability?: number;
  /** What happens to a request that is hit. */
  kind: FaultKind;
  /** Added delay for `latency`, in milliseconds. Required for that kind. */
  latencyMs?: number;
  /** Number of hits after which the rule removes itself. @default unlimited */
  times?: number;
}
