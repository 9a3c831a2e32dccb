import { describe, expect, it } from 'vitest';

import { substituteActivityArns } from '../../src/index';

const arns = new Map([
  ['load', 'arn:aws:states:us-east-1:123456789012:activity:dev_load'],
  ['export', 'arn:aws:states:us-east-1:123456789012:activity:dev_export'],
]);

describe(substituteActivityArns.name, () => {
  it('replaces placeholders in Parallel branches and Map processors', () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Load', States: { Load: { Type: 'Task', Resource: 'activity:load', End: true } } }],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Export', States: { Export: { Type: 'Task', Resource: 'activity:export', End: true } } },
          End: true,
        },
      },
    };

    const result = substituteActivityArns(definition, arns) as typeof definition;

    expect(result.States.Both.Branches[0]!.States.Load.Resource).toBe(arns.get('load'));
    expect(result.States.Each.ItemProcessor.States.Export.Resource).toBe(arns.get('export'));
    expect(definition.States.Both.Branches[0]!.States.Load.Resource).toBe('activity:load');
  });

  it('keeps full ARNs and other fields named like placeholders', () => {
    const definition = JSON.stringify({
      StartAt: 'Run',
      States: { Run: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:other', Parameters: { note: 'activity:load' }, End: true } },
    });

    const result = substituteActivityArns(definition, arns) as { States: { Run: { Resource: string; Parameters: { note: string } } } };

    expect(result.States.Run.Resource).toBe('arn:aws:states:us-east-1:123456789012:activity:other');
    expect(result.States.Run.Parameters.note).toBe('activity:load');
  });

  it('rejects JSON text that does not parse', () => {
    expect(() => substituteActivityArns('{"StartAt": ', arns)).toThrow(/^The state machine definition is not valid JSON: /);
  });
});
