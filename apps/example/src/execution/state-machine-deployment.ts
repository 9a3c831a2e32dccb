import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  type SFNClient,
  StateMachineAlreadyExists,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';

/** State machine to create or update with {@link deployStateMachine}. */
export interface StateMachineDeployment {
  readonly name: string;
  /** Amazon States Language definition, as JSON text. */
  readonly definition: string;
  /** IAM role the state machine runs as; Local States accepts any well-formed ARN. */
  readonly roleArn: string;
}

async function findStateMachineArn(client: SFNClient, name: string): Promise<string | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ nextToken }));
    const match = page.stateMachines?.find((machine) => machine.name === name);
    if (match?.stateMachineArn !== undefined) {
      return match.stateMachineArn;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return undefined;
}

/**
 * Creates the state machine, or updates its definition and role when one of
 * that name exists with another definition, and returns its ARN.
 */
export async function deployStateMachine(client: SFNClient, deployment: StateMachineDeployment): Promise<string> {
  try {
    const created = await client.send(
      new CreateStateMachineCommand({ name: deployment.name, definition: deployment.definition, roleArn: deployment.roleArn }),
    );
    return created.stateMachineArn!;
  } catch (error) {
    if (!(error instanceof StateMachineAlreadyExists)) {
      throw error;
    }
  }

  const existingArn = await findStateMachineArn(client, deployment.name);
  if (existingArn === undefined) {
    throw new Error(`State machine ${deployment.name} exists but is not listed by ListStateMachines. Check the IAM permission states:ListStateMachines`);
  }
  await client.send(new UpdateStateMachineCommand({ stateMachineArn: existingArn, definition: deployment.definition, roleArn: deployment.roleArn }));
  return existingArn;
}
