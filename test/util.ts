import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureCognitoApi, SecureCognitoApiProps } from '../src';

/** A stack holding one construct, and its synthesized template. */
export function synth(props?: SecureCognitoApiProps, configure?: (api: SecureCognitoApi, stack: Stack) => void):
{ stack: Stack; api: SecureCognitoApi; template: Template } {
  const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TestStack');
  const api = new SecureCognitoApi(stack, 'Api', props);
  configure?.(api, stack);
  return { stack, api, template: Template.fromStack(stack) };
}

/** The resources of one type, by logical id. */
export function resources(template: Template, type: string): Record<string, any> {
  return template.findResources(type);
}

/** The properties of the only resource of a type. */
export function only(template: Template, type: string): any {
  const found = Object.values(template.findResources(type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0].Properties;
}

/**
 * The newest Node.js runtime of the aws-cdk-lib the tests run on (nodejs24.x on the pinned 2.260,
 * newer on a newer aws-cdk-lib): what every function of the construct must run, as cdk-nag's
 * latest-runtime rules read the same list.
 */
export function newestNodeRuntimeOfCdkLib(): string {
  const names = lambda.Runtime.ALL.map((r) => r.name).filter((n) => /^nodejs\d+\.x$/.test(n));
  return names.sort((a, b) => parseInt(a.slice(6), 10) - parseInt(b.slice(6), 10)).pop()!;
}
