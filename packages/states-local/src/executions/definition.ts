import { ServiceError } from '../protocol/service-error';
import type { Interpreter } from './interpreter';

/** Settings of a Task state whose Resource is an activity ARN. */
export interface ActivityTaskState {
  activityArn: string;
  /** TimeoutSeconds after clamping to what timers can wait. */
  timeoutSeconds: number;
  heartbeatSeconds: number | undefined;
}

/** A definition checked and ready for the interpreter. */
export interface PreparedDefinition {
  /** Definition given to the interpreter, with Task timeouts made explicit. */
  interpreterDefinition: Record<string, unknown>;
  /** Task states by name whose Resource is an activity ARN. */
  activityStates: Map<string, ActivityTaskState>;
  /** Names of the other Task states, which Local States cannot run. */
  otherTaskStates: Map<string, string>;
}

/** Default TimeoutSeconds of a Task state in Step Functions. */
const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

/**
 * Maximum wait a Node.js timer supports, in whole seconds (2^31 - 1 ms).
 * Longer timeouts are clamped to it, because the interpreter would
 * otherwise see its timer fire at once.
 */
export const MAX_TIMER_SECONDS = 2_147_483;

const ACTIVITY_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/;

type StateRecord = Record<string, unknown>;

/**
 * Parses and validates an ASL definition, throwing `InvalidDefinition` as
 * Step Functions does, and prepares the copy the interpreter runs.
 */
export function prepareDefinition(text: string, interpreter: Interpreter): PreparedDefinition {
  let definition: StateRecord;

  try {
    definition = JSON.parse(text) as StateRecord;
  } catch (error) {
    throw new ServiceError('InvalidDefinition', `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ${(error as Error).message}'`);
  }

  try {
    new interpreter.StateMachine(definition as never, { validationOptions: { checkArn: true, checkPaths: true } });
  } catch (error) {
    throw new ServiceError('InvalidDefinition', `Invalid State Machine Definition: '${(error as Error).message.trim()}'`);
  }

  const prepared: PreparedDefinition = {
    interpreterDefinition: structuredClone(definition),
    activityStates: new Map(),
    otherTaskStates: new Map(),
  };

  if (typeof prepared.interpreterDefinition.TimeoutSeconds === 'number') {
    prepared.interpreterDefinition.TimeoutSeconds = Math.min(prepared.interpreterDefinition.TimeoutSeconds, MAX_TIMER_SECONDS);
  }

  collectTaskStates(prepared.interpreterDefinition, prepared, new Set());

  return prepared;
}

function collectTaskStates(machine: StateRecord, prepared: PreparedDefinition, seen: Set<string>): void {
  const states = (machine.States ?? {}) as Record<string, StateRecord>;

  for (const [name, state] of Object.entries(states)) {
    if (seen.has(name)) {
      throw new ServiceError('InvalidDefinition', `Invalid State Machine Definition: 'DUPLICATE_STATE_NAME: state name '${name}' is used twice'`);
    }

    seen.add(name);

    if (state.Type === 'Task') {
      prepareTaskState(name, state, prepared);
    }

    for (const branch of (state.Branches ?? []) as StateRecord[]) {
      collectTaskStates(branch, prepared, seen);
    }

    for (const member of ['Iterator', 'ItemProcessor']) {
      if (typeof state[member] === 'object' && state[member] !== null) {
        collectTaskStates(state[member] as StateRecord, prepared, seen);
      }
    }
  }
}

function prepareTaskState(name: string, state: StateRecord, prepared: PreparedDefinition): void {
  const resource = String(state.Resource);

  if (!ACTIVITY_ARN.test(resource)) {
    prepared.otherTaskStates.set(name, resource);

    return;
  }

  for (const member of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) {
    if (member in state) {
      throw new ServiceError('InvalidDefinition', `Invalid State Machine Definition: '${member}' in state '${name}' is not supported by Local States; use a fixed value.`);
    }
  }

  const declaredTimeout = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : DEFAULT_TASK_TIMEOUT_SECONDS;
  const heartbeatSeconds = typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined;

  if (heartbeatSeconds !== undefined && heartbeatSeconds >= declaredTimeout) {
    throw new ServiceError('InvalidDefinition', `Invalid State Machine Definition: 'HeartbeatSeconds' of state '${name}' must be smaller than its TimeoutSeconds.`);
  }

  // NOTE: a TimeoutSeconds above MAX_TIMER_SECONDS (about 24.8 days) fires at that bound.
  const timeoutSeconds = Math.min(declaredTimeout, MAX_TIMER_SECONDS);

  // The interpreter defaults Task states to 60 s, Step Functions to 99999999 s.
  state.TimeoutSeconds = timeoutSeconds;
  prepared.activityStates.set(name, { activityArn: resource, timeoutSeconds, heartbeatSeconds });
}
