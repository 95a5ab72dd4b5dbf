import { Token } from 'aws-cdk-lib';

/**
 * A prop the construct refuses at synth time. The message names the prop and the value.
 */
export class SecureCognitoApiValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** Throws unless `ok`; the message is "`prop` must ..., got: value". */
export function check(ok: boolean, prop: string, rule: string, value: unknown): void {
  if (!ok) {
    throw new SecureCognitoApiValidationError(`\`${prop}\` ${rule}, got: ${show(value)}`);
  }
}

/** Whether the value is concrete (not a CDK token), so it can be validated at synth time. */
export function isConcrete(value: unknown): boolean {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value && typeof value === 'object' && 'toHumanString' in value) {
    return (value as { toHumanString(): string }).toHumanString();
  }
  return String(value);
}
