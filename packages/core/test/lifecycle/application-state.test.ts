import { describe, expect, it } from 'vitest';

import { ApplicationStateMachine, type ApplicationState } from '../../src/lifecycle/application-state';
import { captureLogger, entriesWith } from '../polling/support/capture-logger';

describe(ApplicationStateMachine.name, () => {
  it('logs each transition at info and reports it', () => {
    const { logger, entries } = captureLogger();
    const changes: Array<[ApplicationState, ApplicationState]> = [];
    const machine = new ApplicationStateMachine(logger, (from, to) => changes.push([from, to]));

    machine.set('starting');
    machine.set('running', { activities: 2 });

    expect(machine.state).toBe('running');
    expect(changes).toEqual([
      ['created', 'starting'],
      ['starting', 'running'],
    ]);
    expect(entriesWith(entries, 'Application state changed')).toMatchObject([
      { level: 'info', from: 'created', to: 'starting' },
      { level: 'info', from: 'starting', to: 'running', activities: 2 },
    ]);
  });

  it('rejects a transition the lifecycle does not allow', () => {
    const machine = new ApplicationStateMachine(captureLogger().logger);

    expect(() => machine.set('running')).toThrow('Invalid application state transition from "created" to "running".');
  });
});
