import { describe, expect, it } from 'vitest';
import { ACTIVITY_PLACEHOLDERS, MissingActivityError, renderStateMachineDefinition } from '../src/state-machine/state-machine-definition';

const arns = Object.fromEntries(ACTIVITY_PLACEHOLDERS.map((name) => [name, `arn:aws:states:us-east-1:123456789012:activity:${name}`]));

describe('renderStateMachineDefinition', () => {
  it('replaces every activity placeholder', () => {
    const definition = renderStateMachineDefinition(arns);

    expect(definition).not.toContain('${');
    const states = JSON.parse(definition).States as Record<string, { Type: string; Resource?: string }>;
    const resources = Object.values(states)
      .filter((state) => state.Type === 'Task')
      .map((state) => state.Resource);
    expect(resources).toEqual(ACTIVITY_PLACEHOLDERS.map((name) => arns[name]));
  });

  it('retries on Worker.ShuttingDown and catches every error in each task', () => {
    const states = JSON.parse(renderStateMachineDefinition(arns)).States as Record<string, Record<string, unknown>>;

    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Task') {
        continue;
      }
      expect(state.Retry, name).toEqual([expect.objectContaining({ ErrorEquals: ['Worker.ShuttingDown'] })]);
      expect(state.Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'ReportFailure' }]);
    }
  });

  it('rejects a missing activity ARN', () => {
    const { gzip: _gzip, ...withoutGzip } = arns;

    expect(() => renderStateMachineDefinition(withoutGzip)).toThrow(MissingActivityError);
    expect(() => renderStateMachineDefinition(withoutGzip)).toThrow('The state machine uses worker gzip, but the app registered no activity for it');
  });
});
