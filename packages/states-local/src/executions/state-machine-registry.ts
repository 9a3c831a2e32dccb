import { buildArn, parseArn, type ArnScope } from '../protocol/arns';
import { checkResourceName } from '../protocol/names';
import { ServiceError } from '../protocol/service-error';
import type { PreparedDefinition } from './definition';
import { loadInterpreter } from './interpreter';
import { prepareDefinition } from './definition';

/** A state machine as CreateStateMachine stored it. */
export interface StateMachineRecord {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: Date;
  prepared: PreparedDefinition;
}

/** Fields of CreateStateMachine that Local States uses. */
export interface StateMachineInput {
  name: string;
  definition: string;
  roleArn: string;
  type?: string;
}

/** State machines by ARN. */
export class StateMachineRegistry {
  private readonly machines = new Map<string, StateMachineRecord>();

  constructor(private readonly scope: ArnScope) {}

  /**
   * Creates a state machine. Creating one again with the same definition and
   * role returns the existing one; with another, `StateMachineAlreadyExists`.
   */
  async create(input: StateMachineInput): Promise<StateMachineRecord> {
    checkResourceName(input.name);

    const type = input.type ?? 'STANDARD';

    if (type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new ServiceError('ValidationException', `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
    }

    const arn = buildArn(this.scope, 'stateMachine', input.name);
    const existing = this.machines.get(arn);

    if (existing !== undefined) {
      if (existing.definition === input.definition && existing.roleArn === input.roleArn && existing.type === type) {
        return existing;
      }

      throw new ServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }

    const prepared = prepareDefinition(input.definition, await loadInterpreter());
    const record: StateMachineRecord = { arn, name: input.name, definition: input.definition, roleArn: input.roleArn, type, creationDate: new Date(), prepared };
    this.machines.set(arn, record);

    return record;
  }

  /** Finds a state machine, throwing `InvalidArn` or `StateMachineDoesNotExist`. */
  get(arn: string, field = 'stateMachineArn'): StateMachineRecord {
    parseArn(arn, 'stateMachine', field);

    const record = this.machines.get(arn);

    if (record === undefined) {
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    }

    return record;
  }

  /** Finds a state machine by name or ARN, for the in-process API. */
  resolve(nameOrArn: string): StateMachineRecord {
    return this.get(nameOrArn.startsWith('arn:') ? nameOrArn : buildArn(this.scope, 'stateMachine', nameOrArn));
  }

  list(): StateMachineRecord[] {
    return [...this.machines.values()];
  }

  /** Deletes a state machine; its running executions go on to their end. */
  delete(arn: string): void {
    parseArn(arn, 'stateMachine', 'stateMachineArn');
    this.machines.delete(arn);
  }
}
