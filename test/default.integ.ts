// The minimal usage: one `new`, no props. `npx projen integ:default:deploy` deploys it.
import { App, Stack } from 'aws-cdk-lib';
import { SecureCognitoApi } from '../src';

const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
const stack = new Stack(app, 'SecureCognitoApiDefault');
new SecureCognitoApi(stack, 'Api');
app.synth();
