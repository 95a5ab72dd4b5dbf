import * as path from 'path';
import { checkFromClone, readmeFromClone } from '../languages/from-a-clone';
import { checkReadmeExamples, README_EXAMPLES } from '../languages/readme-examples';

describe('README examples per language', () => {
  test('the Python, Java, C# and Go examples are the consumer apps of languages/, verbatim', () => {
    // THEN: `npx projen test:languages` runs these very files; a drift fails here in seconds
    expect(checkReadmeExamples(path.join(__dirname, '..'))).toEqual([]);
    expect(README_EXAMPLES).toHaveLength(4);
  });

  test('"Before the first release" has a path per language, and the apps of languages/ follow it', () => {
    // THEN: languages/run.ts runs each package command and installs the file it names
    const root = path.join(__dirname, '..');
    expect(readmeFromClone(root)).toEqual({
      js: {
        packageCommand: 'npx projen package:js',
        writes: 'dist/js/cdk-secure-cognito-api@0.0.0.jsii.tgz',
        install: 'npm install ../cdk-secure-cognito-api/dist/js/cdk-secure-cognito-api@0.0.0.jsii.tgz',
      },
      python: {
        packageCommand: 'npx projen package:python',
        writes: 'dist/python/cdk_secure_cognito_api-0.0.0-py3-none-any.whl',
        install: '.venv/bin/pip install ../cdk-secure-cognito-api/dist/python/cdk_secure_cognito_api-0.0.0-py3-none-any.whl',
      },
      java: { packageCommand: 'npx projen package:java', writes: 'dist/java/io/github/cdksecurecognitoapi/cdk-secure-cognito-api/0.0.0/cdk-secure-cognito-api-0.0.0.jar', install: undefined },
      go: {
        packageCommand: 'npx projen package:go',
        writes: 'dist/go/cdksecurecognitoapi/go.mod',
        install: 'go mod edit -replace github.com/cdk-secure-cognito-api/cdk-secure-cognito-api-go/cdksecurecognitoapi=../cdk-secure-cognito-api/dist/go/cdksecurecognitoapi && go mod tidy',
      },
    });
    expect(checkFromClone(root)).toEqual([]);
  });
});
