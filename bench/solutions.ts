/** The AWS Solutions Construct aws-cognito-apigateway-lambda, in the brief's VPC. */
import { CognitoToApiGatewayToLambda } from '@aws-solutions-constructs/aws-cognito-apigateway-lambda';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { briefVpc, handlerCode, Variant } from './variant';

/** AWS Solutions Construct aws-cognito-apigateway-lambda, given the brief's VPC. */
export const SOLUTIONS: Variant = {
  key: 'solutions',
  label: 'Solutions Construct (2 NAT)',
  add(scope, id) {
    const root = new Construct(scope, id);
    const vpc = briefVpc(root);
    const sc = new CognitoToApiGatewayToLambda(root, 'Api', {
      lambdaFunctionProps: {
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: handlerCode(),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      },
    });
    // The Solutions Construct makes no hosted-UI domain; the brief has one.
    sc.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'bench-solutions' } });
  },
};
