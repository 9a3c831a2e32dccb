import { CreateStateMachineCommand, GetExecutionHistoryCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

let machineNumber = 0;

/** Creates a state machine starting at `Load` with the given states, starts it and returns the execution ARN. */
export async function startMachine(client: SFNClient, states: Record<string, unknown>, input = '{}'): Promise<string> {
  const definition = JSON.stringify({ StartAt: 'Load', States: states });
  machineNumber += 1;

  const { stateMachineArn } = await client.send(
    new CreateStateMachineCommand({ name: `machine-${machineNumber}`, definition, roleArn: 'arn:aws:iam::123456789012:role/test' }),
  );
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input }));

  return executionArn ?? '';
}

/** Returns the event types of an execution's history, oldest first. */
export async function historyTypes(client: SFNClient, executionArn: string): Promise<string[]> {
  const history = await client.send(new GetExecutionHistoryCommand({ executionArn }));

  return history.events?.map((event) => event.type ?? '') ?? [];
}
