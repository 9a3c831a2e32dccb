import { toEpochSeconds } from '../protocol/timestamps';

/**
 * One event of GetExecutionHistory, in the wire shape: `type` is a Step
 * Functions event type and one `...EventDetails` member carries the details.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** Event of the interpreter, as aws-local-stepfunctions 3.0.0 emits it. */
interface InterpreterEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
  Error?: string;
  Cause?: unknown;
}

/**
 * The event history of one execution. The runner adds execution and
 * activity events. State and map iteration events come from the
 * interpreter's event log, translated to Step Functions types.
 */
export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];

  /** Appends an event and returns its id. `previousEventId` defaults to the last event. */
  add(type: string, details: Record<string, unknown> = {}, previousEventId?: number): number {
    const id = this.events.length + 1;

    this.events.push({ id, previousEventId: previousEventId ?? id - 1, timestamp: toEpochSeconds(new Date()), type, ...details });

    return id;
  }

  /** Translates one interpreter event; execution-level and retry/catch events have no counterpart and are skipped. */
  addInterpreterEvent(event: InterpreterEvent): void {
    const state = event.state;

    switch (event.type) {
      case 'StateEntered':
        if (state !== undefined) {
          this.add(`${state.type}StateEntered`, { stateEnteredEventDetails: { name: state.name, input: toJson(state.input), inputDetails: { truncated: false } } });
        }

        break;

      case 'StateExited':
        if (state !== undefined) {
          this.add(`${state.type}StateExited`, { stateExitedEventDetails: { name: state.name, output: toJson(state.output), outputDetails: { truncated: false } } });
        }

        break;

      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
        this.add(event.type, { [detailsMember(event.type)]: { name: event.parentState?.name, index: event.index } });
        break;

      case 'MapIterationFailed':
        this.add(event.type, { mapIterationFailedEventDetails: { name: event.parentState?.name, index: event.index } });
        break;

      default:
        break;
    }
  }

  /** Events in order, without their data members when `includeData` is false. */
  list(includeData: boolean): HistoryEvent[] {
    return includeData ? this.events : this.events.map(withoutData);
  }
}

function detailsMember(type: string): string {
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

const DATA_MEMBERS = new Set(['input', 'output', 'inputDetails', 'outputDetails']);

/** Drops input and output from every details member, as `includeExecutionData: false` does. */
function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };

  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      copy[key] = Object.fromEntries(Object.entries(value).filter(([member]) => !DATA_MEMBERS.has(member)));
    }
  }

  return copy;
}
