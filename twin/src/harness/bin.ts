#!/usr/bin/env node
// The `cdk-secure-cognito-api-twin` command.
import { main } from './cli';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(4);
  },
);
