import { Limits } from './limits';
import { isValidResourceName } from './names';
import { lengthValidationError, ServiceError } from './service-error';

/** Resource types that appear in Step Functions ARNs. */
export type ArnResourceType = 'activity' | 'stateMachine' | 'execution';

/** Parts of a Step Functions ARN. */
export interface ParsedArn {
  region: string;
  accountId: string;
  resourceType: ArnResourceType;
  /** Name after the resource type; for an execution, `machine:execution`. */
  resourceName: string;
}

const ARN_PATTERN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):(activity|stateMachine|execution):(.+)$/;

/** Region and account that ARNs are built in. */
export interface ArnScope {
  region: string;
  accountId: string;
}

/** Builds `arn:aws:states:<region>:<account>:<type>:<name>`. */
export function buildArn(scope: ArnScope, resourceType: ArnResourceType, resourceName: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:${resourceType}:${resourceName}`;
}

/**
 * Parses an ARN of the expected type, throwing `InvalidArn` as Step
 * Functions does for a malformed ARN or one of another resource type.
 */
export function parseArn(arn: string, expectedType: ArnResourceType, field: string): ParsedArn {
  if (arn.length > Limits.arnLength) {
    throw lengthValidationError(field, 'max', Limits.arnLength);
  }

  const match = ARN_PATTERN.exec(arn);

  if (match === null || match[3] !== expectedType) {
    throw new ServiceError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  }

  const resourceName = match[4];
  const nameParts = expectedType === 'execution' ? resourceName.split(':') : [resourceName];

  if (nameParts.length !== (expectedType === 'execution' ? 2 : 1) || !nameParts.every(isValidResourceName)) {
    throw new ServiceError('InvalidArn', `Invalid Arn: 'Resource name not valid: ${arn}'`);
  }

  return { region: match[1], accountId: match[2], resourceType: expectedType, resourceName };
}
