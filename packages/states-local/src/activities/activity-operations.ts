import { checkJsonPayload, optionalString, requireString } from '../protocol/fields';
import { Limits } from '../protocol/limits';
import { paginate } from '../protocol/pagination';
import { toEpochSeconds } from '../protocol/timestamps';
import type { OperationTable } from '../server/operation';
import type { Activity } from './activity';
import type { ActivityService } from './activity-service';

/** Wire handlers of the activity operations of the Step Functions API. */
export function activityOperations(service: ActivityService): OperationTable {
  const describe = (activity: Activity) => ({
    activityArn: activity.arn,
    name: activity.name,
    creationDate: toEpochSeconds(activity.creationDate),
  });

  return {
    CreateActivity: (body) => {
      const activity = service.createActivity(requireString(body, 'name'));

      return { activityArn: activity.arn, creationDate: toEpochSeconds(activity.creationDate) };
    },

    DescribeActivity: (body) => describe(service.getActivity(requireString(body, 'activityArn', { maxLength: Limits.arnLength }))),

    ListActivities: (body) => {
      const page = paginate(service.listActivities(), body);

      return { activities: page.items.map(describe), nextToken: page.nextToken };
    },

    DeleteActivity: (body) => {
      service.deleteActivity(requireString(body, 'activityArn', { maxLength: Limits.arnLength }));

      return {};
    },

    GetActivityTask: async (body, context) => {
      const activityArn = requireString(body, 'activityArn', { maxLength: Limits.arnLength });
      const workerName = optionalString(body, 'workerName', { maxLength: Limits.workerNameLength });

      service.countActivityRequest('GetActivityTask', activityArn);

      const task = await service.poll(activityArn, workerName, (listener) => context.onClientClose(listener));

      return task === undefined ? {} : { taskToken: task.token, input: task.input };
    },

    SendTaskSuccess: (body) => {
      const taskToken = requireString(body, 'taskToken', { maxLength: Limits.taskTokenLength });
      const output = requireString(body, 'output', { minLength: 0, maxLength: Limits.payloadBytes });

      checkJsonPayload(output, 'output', 'InvalidOutput');

      const task = service.findTask(taskToken);

      service.countActivityRequest('SendTaskSuccess', task.activityArn);
      service.succeed(task, output);

      return {};
    },

    SendTaskFailure: (body) => {
      const taskToken = requireString(body, 'taskToken', { maxLength: Limits.taskTokenLength });
      const error = optionalString(body, 'error', { minLength: 0, maxLength: Limits.errorLength });
      const cause = optionalString(body, 'cause', { minLength: 0, maxLength: Limits.causeLength });
      const task = service.findTask(taskToken);

      service.countActivityRequest('SendTaskFailure', task.activityArn);
      service.fail(task, error, cause);

      return {};
    },

    SendTaskHeartbeat: (body) => {
      const task = service.findTask(requireString(body, 'taskToken', { maxLength: Limits.taskTokenLength }));

      service.countActivityRequest('SendTaskHeartbeat', task.activityArn);
      service.heartbeat(task);

      return {};
    },
  };
}
