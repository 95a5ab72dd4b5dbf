import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

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
    throw new SecureCognitoApiValidationError(refusal(prop, rule, value));
  }
}

/** The message of a refusal, "`prop` must ..., got: value", for checks that report rather than throw. */
export function refusal(prop: string, rule: string, value: unknown): string {
  return `\`${prop}\` ${rule}, got: ${show(value)}`;
}

/**
 * A value that is an unresolved token, shown in a message as what it resolves to in the template
 * (e.g. `{"Ref":"DomainName"}`), so that the message is stable and says where the value comes from.
 */
export function unresolved(scope: IConstruct, value: unknown): { toHumanString(): string } {
  return { toHumanString: () => JSON.stringify(Stack.of(scope).resolve(value)) };
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
