// The minimal usage: one `new`, no props. `npx projen integ:default:deploy` deploys it.
import { Stack } from 'aws-cdk-lib';
import { integApp } from './integ-app';
import { SecureCognitoApi } from '../src';

const app = integApp();
const stack = new Stack(app, 'SecureCognitoApiDefault');
new SecureCognitoApi(stack, 'Api');
app.synth();
