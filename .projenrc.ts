import { awscdk, javascript, JsonFile } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-secure-cognito-api',
  description:
    'An API behind Cognito in one construct: user pool, managed login, OAuth app clients, an HTTP API with a JWT authorizer and a Lambda in private subnets. Secure by default, $0 when idle.',
  author: 'cdk-secure-cognito-api contributors',
  authorAddress: 'https://github.com/cdk-secure-cognito-api',
  authorOrganization: true,
  license: 'Apache-2.0',
  copyrightOwner: 'cdk-secure-cognito-api contributors',
  repositoryUrl: 'https://github.com/cdk-secure-cognito-api/cdk-secure-cognito-api.git',
  defaultReleaseBranch: 'main',
  keywords: ['awscdk', 'cdk', 'cognito', 'api-gateway', 'jwt', 'oauth', 'lambda', 'vpc'],
  stability: 'experimental',

  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  // Node versions (docs/decisions/015-node-versions.md): what aws-cdk-lib requires.
  minNodeVersion: '20.0.0',
  // GitHub workflows keep the current LTS rather than minNodeVersion's exact 20.0.0.
  workflowNodeVersion: 'lts/*',
  // projen's default, commit-and-tag-version 13.2, needs Node >= 22: its 17 packages print 85
  // EBADENGINE lines on every `npm ci` under Node 20. 12.x is the same tool for Node >= 18.
  bumpPackage: 'commit-and-tag-version@^12',
  jsiiVersion: '~6.0.0',
  // cdk-nag 3 needs aws-cdk-lib ^2.257 and Validations plugins need >= 2.258;
  // the Solutions Construct we benchmark against needs >= 2.260.
  cdkVersion: '2.260.0',
  cdkCliVersion: '^2.1148.1',
  constructsVersion: '10.5.1',

  publishToPypi: {
    distName: 'cdk-secure-cognito-api',
    module: 'cdk_secure_cognito_api',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdksecurecognitoapi',
    mavenGroupId: 'io.github.cdksecurecognitoapi',
    mavenArtifactId: 'cdk-secure-cognito-api',
    mavenServerId: 'central-ossrh',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkSecureCognitoApi',
    packageId: 'CdkSecureCognitoApi',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-secure-cognito-api/cdk-secure-cognito-api-go',
  },

  lambdaOptions: {
    // projen would pick nodejs22.x; the construct runs the newest runtime in aws-cdk-lib.
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
  },

  jestOptions: {
    // `jest --ci`: a drifting snapshot fails instead of being rewritten.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 120_000,
    },
  },

  devDeps: [
    // aws-cdk-lib needs schema ^54, the Solutions Construct's core ^48. Without a top-level 54,
    // npm hoists 48 and records aws-cdk-lib's nested 54 as "inBundle", which `npm ci` then never
    // installs: jsii and `cdk synth` run against the old schema in every fresh clone.
    // Pinned to the schema aws-cdk-go v2.260.0 requires: jsii-pacmak writes this version into the
    // Go module's go.mod, and the Go module proxy serves v54.1.0 but refuses v54.26.0.
    '@aws-cdk/cloud-assembly-schema@54.1.0',
    '@types/aws-lambda',
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard',
    // The twin package's runtime dependencies are devDependencies here too: see TWIN_DEPENDENCIES.
    '@aws-solutions-constructs/aws-cognito-apigateway-lambda',
    // The twin's outside clients, so the twin is tested by what users run: a real browser (Debian's Chromium, driven by
    // playwright-core: `npx playwright install` cannot download here) and the AWS SDK v3.
    'playwright-core',
    '@aws-sdk/client-cognito-identity-provider',
    // The client-secret rotation function's second client (types at compile time; the Lambda
    // Node.js runtime provides the SDK, and the bundle keeps @aws-sdk/* external).
    '@aws-sdk/client-secrets-manager',
  ],

  gitignore: ['.demo/', 'bench/results/', '.jsii-rosetta/', 'tablet.sqlite', '.jsii.tabl.json'],
});

// jsii prints a 12-line "Node 20 is end-of-life" banner on every call under Node 20; jsii's own
// switch silences it for that major only (docs/decisions/015-node-versions.md).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Tests synthesize the construct, which needs the bundled handler asset: make
// `npx projen test` self-sufficient on a fresh clone.
const bundle = project.tasks.tryFind('bundle');
if (bundle) {
  project.testTask.prependSpawn(bundle);
}

// `npx projen build` must pass on any machine: outside CI, projen would package every jsii
// language and fail where Maven Central, PyPI, NuGet or the Go proxy cannot be reached. Build
// the npm tarball only; the release workflow packages each language in its own job
// (`package:java`, `package:python`, ...) and `npx projen package-all` still does them all.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// Local twin: the whole flow on loopback with no AWS account.
// Type-checking happens in jest and eslint; the demo only transpiles.
// The twin is a part of the project that users run (twin/, with its README), not a test: its
// tests stay in test/twin/. It gets its own type-check-only tsconfig, is linted like test/, and
// stays out of the npm package.
const twinTsconfig = new javascript.TypescriptConfig(project, {
  fileName: 'twin/tsconfig.json',
  include: ['**/*.ts'],
  exclude: ['node_modules'],
  compilerOptions: { noEmit: true, rootDir: '..' },
});
if (project.tsconfig) {
  twinTsconfig.addExtends(project.tsconfig);
}
project.eslint?.addLintPattern('twin');
project.eslint?.allowDevDeps('**/twin/**');
project.addPackageIgnore('/twin/');
// The twin's outside-client tests need Chromium, AWS CLI v2, curl, openssl and jq from the system:
// an explicit step (apt-get, as root; it says so before installing), never part of `test` or
// `demo`. Without them those tests are skipped with one line saying what to install (test/system-tools.ts).
project.addTask('setup:system', {
  description: 'Install from Debian what the twin\'s outside-client tests need, when missing (chromium, awscli, curl, openssl, jq)',
  exec: 'bash twin/setup-system.sh',
});
project.addTask('demo', {
  description: 'Run the whole flow locally with no AWS account (the twin\'s user pool, a local JWT gateway, the bundled handler)',
  steps: [
    // Re-bundle the handlers only when a source is newer than their bundles (twin/assets-stale.js).
    { spawn: 'bundle', condition: 'node twin/assets-stale.js' },
    // esbuild (already here for the handler) bundles the demo in ~0.1 s; ts-node took seconds.
    { exec: 'esbuild twin/demo.ts --bundle --platform=node --target=node20 --packages=external --outfile=.demo/bundle/demo.js --log-level=warning' },
    { exec: 'node .demo/bundle/demo.js' },
  ],
});

// ---- twin package: cdk-secure-cognito-api-twin, built from twin/ (docs/decisions/055, 056) ----------
// One lockfile and one node_modules: the package's runtime dependencies are listed once, here,
// as `dependencies` of twin/package.json and as devDependencies of the repository (the twin's
// tests and the demo run from source). Each is justified in decision 056.
const TWIN_DEPENDENCIES: Record<string, string> = {
  'aws-jwt-verify': '^5.2.1', // the gateway's JWT checks
};
project.addDevDeps(...Object.entries(TWIN_DEPENDENCIES).map(([name, range]) => `${name}@${range}`));
new JsonFile(project, 'twin/package.json', {
  obj: {
    name: 'cdk-secure-cognito-api-twin',
    version: project.package.manifest.version ?? '0.0.0',
    description: 'Test a CDK app\'s Cognito user pool and JWT-authorized HTTP API locally: the app\'s cloud assembly on 127.0.0.1, no AWS account, any CDK language.',
    license: 'Apache-2.0',
    author: { name: 'cdk-secure-cognito-api contributors', organization: true },
    repository: { type: 'git', url: 'https://github.com/cdk-secure-cognito-api/cdk-secure-cognito-api.git', directory: 'twin' },
    keywords: ['awscdk', 'cognito', 'api-gateway', 'jwt', 'local', 'testing', 'emulator'],
    bin: { 'cdk-secure-cognito-api-twin': 'lib/harness/bin.js' },
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    files: ['lib/**/*.js', 'lib/**/*.d.ts', 'README.md'],
    engines: { node: '>= 20.0.0' },
    dependencies: TWIN_DEPENDENCIES,
  },
});
// The package's build: twin/src only (twin/demo.ts and the tests' apps import the library's source).
new javascript.TypescriptConfig(project, {
  fileName: 'twin/tsconfig.build.json',
  include: ['src/**/*.ts'],
  exclude: ['node_modules', 'lib'],
  compilerOptions: {
    rootDir: 'src',
    outDir: 'lib',
    declaration: true,
    target: 'ES2022',
    module: 'commonjs',
    lib: ['es2022'],
    types: ['node'],
    strict: true,
    noUnusedLocals: true,
    noImplicitReturns: true,
    skipLibCheck: true,
    resolveJsonModule: true,
  },
});
project.gitignore.exclude('/twin/lib/');
// twin/src may import only the package's own dependencies (eslint reads twin/package.json for it);
// the demo beside it is repository tooling and uses the repository's devDependencies.
project.eslint?.addOverride({
  files: ['twin/demo.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, packageDir: ['.'] }] },
});
project.eslint?.addIgnorePattern('twin/lib/');
// The CI consumer app imports both packages by name, from the tarballs it installs in a temporary
// folder: they do not resolve from the repository, where that app is only linted.
project.eslint?.addOverride({
  files: ['.ci/twin-consumer/**'],
  rules: { 'import/no-unresolved': 'off' },
});
project.addTask('twin:compile', {
  description: 'Build the twin package (twin/lib) with tsc',
  // From an empty twin/lib: tsc never removes the output of a source that is gone.
  steps: [{ exec: 'rm -rf twin/lib' }, { exec: 'tsc -p twin/tsconfig.build.json' }],
});
project.addTask('twin:package', {
  description: 'Pack the twin package into dist/twin/ (npm pack)',
  steps: [
    { spawn: 'twin:compile' },
    { exec: 'mkdir -p dist/twin && npm pack ./twin --pack-destination dist/twin --silent' },
  ],
});
project.addTask('bench:twin', {
  description: 'Twin benchmark: up to a state file, sign-in latency per client kind, authorized requests/s (prints the figures)',
  env: { TS_NODE_PROJECT: 'bench/tsconfig.json', TS_NODE_TRANSPILE_ONLY: 'true' },
  steps: [
    { spawn: 'bundle' },
    { exec: 'node --require ts-node/register bench/twin.ts' },
  ],
});
// ---- end twin package ----------------------------------------------------------------------------

// The README's architecture picture is linked by URL: keep its 0.5 MB out of the npm package.
// rosetta/ stays in: Construct Hub needs the fixture to translate the README's examples.
project.npmignore?.exclude('/docs/');

// Benchmarks: `npx projen bench`, devDependencies only, never part of
// `test`. bench/ gets its own type-check-only tsconfig and is linted like test/.
const benchTsconfig = new javascript.TypescriptConfig(project, {
  fileName: 'bench/tsconfig.json',
  include: ['**/*.ts'],
  exclude: ['node_modules', 'results'],
  compilerOptions: { noEmit: true, rootDir: '..' },
});
if (project.tsconfig) {
  benchTsconfig.addExtends(project.tsconfig);
}
project.eslint?.addLintPattern('bench');
project.eslint?.allowDevDeps('**/bench/**');
project.addPackageIgnore('/bench/');
/** A folder beside src/ that gets a type-check-only tsconfig of its own, is linted like test/ and stays out of the package. */
function checkedFolder(folder: string, include: string[]): void {
  const tsconfig = new javascript.TypescriptConfig(project, {
    fileName: `${folder}/tsconfig.json`,
    include,
    exclude: ['node_modules'],
    compilerOptions: { noEmit: true, rootDir: '..' },
  });
  if (project.tsconfig) tsconfig.addExtends(project.tsconfig);
  project.eslint?.addLintPattern(folder);
  project.eslint?.allowDevDeps(`**/${folder}/**`);
  project.addPackageIgnore(`/${folder}/`);
}
// The deployable configurations and the App of the integ apps: fixtures that test/ (its unit
// tests and integ apps), languages/ and bench/ import, so they live beside them rather than in test/.
checkedFolder('fixtures', ['**/*.ts']);
// The project's runners in TypeScript, beside the CI's shell runners. A dot folder: eslint skips
// it unless told otherwise.
checkedFolder('.ci', ['*.ts']);
project.eslint?.addIgnorePattern('!.ci/*.ts');

project.addTask('bench', {
  description: 'Benchmarks: synth time, scaling, handler bundle and idle cost (prints a report, writes bench/results/)',
  env: { TS_NODE_PROJECT: 'bench/tsconfig.json' },
  steps: [
    { spawn: 'bundle' },
    { exec: 'node --require ts-node/register bench/run.ts' },
    { spawn: 'bench:cost' },
  ],
});
// The cost model alone, fast (no synth benchmarks): prices every integ configuration and
// the two designs we compare against, and rewrites the README's cost tables between their markers.
project.addTask('bench:cost', {
  description: 'Cost model: monthly cost per configuration and workload; rewrites the README cost tables',
  env: { TS_NODE_PROJECT: 'bench/tsconfig.json', TS_NODE_TRANSPILE_ONLY: 'true' },
  steps: [
    { spawn: 'bundle' },
    { exec: 'node --require ts-node/register bench/cost-run.ts' },
  ],
});

// cfn-lint (CloudFormation's own rules, which synthesis does not check) on every integ snapshot and bench variant template; .ci/run calls it.
project.addTask('lint:cfn', {
  description: 'cfn-lint on every integ snapshot template and every bench variant (the project\'s own cfn-lint: .ci/cfn-lint.sh)',
  steps: [
    { spawn: 'bundle' },
    { exec: 'bash .ci/lint-cfn.sh' },
  ],
});

// ---- a new user's path: a tarball from a fresh clone; a quiet, fast `npx projen test` ----------
// Every `package:<language>` packs what `compile` (the .jsii assembly, lib/) and `pre-compile`
// (the bundled handler in assets/) produce: run them first, so that `npm ci && npx projen
// package:<language>` works on a fresh clone (jsii-pacmak otherwise stops at "Expected to find
// .jsii file"). compile only when the assembly is missing or older than what jsii reads
// (sources, package.json, README.md): `npx projen build` has just compiled and does not again.
for (const language of ['js', 'python', 'java', 'go', 'dotnet']) {
  const packageTask = project.tasks.tryFind(`package:${language}`)!;
  packageTask.prependSpawn(project.compileTask, {
    condition: '[ ! -f .jsii ] || [ -n "$(find src package.json README.md -newer .jsii -print -quit)" ]',
  });
  packageTask.prependSpawn(project.preCompileTask);
}

// jest: both cores (jest's default leaves one idle: 1 worker on 2 cores); no coverage unless asked
// (`npx projen test --coverage`, summary only); each run's temporary folders (a `cdk.out*` per
// `new App()`) in a folder of its own, removed at the end.
project.package.file.addOverride('jest.maxWorkers', '100%');
project.package.file.addOverride('jest.collectCoverage', false);
project.package.file.addOverride('jest.coverageReporters', ['json', 'lcov', 'clover', 'cobertura', 'text-summary']);
project.package.file.addOverride('jest.globalSetup', '<rootDir>/test/jest/global-setup.ts');
project.package.file.addOverride('jest.globalTeardown', '<rootDir>/test/jest/global-teardown.ts');
// One screen on success: jest's summary and each failure in full, no line per test file (there
// are 30 and counting; `npx jest --reporters=default` lists them). The JUnit report stays.
project.package.file.addOverride('jest.reporters', [['summary', { summaryThreshold: 0 }], ['jest-junit', { outputDirectory: 'test-reports' }]]);
// The AWS SDK v3 (the twin's clients) warns in every run on Node.js < 22; the README's toolchain
// hint says it once.
project.testTask.env('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');

// After jest, one step runs eslint (without --fix), a type-check of src/ and test/ and every
// integ:<name>:assert side by side, prints a line per check (the output only of a failing one)
// and ends the test task with the verdict line. It replaces the spawns of `eslint` (which runs
// --fix) and of each `integ:<name>:assert` that projen adds to `test`. Keep it the last step.
for (let i = project.testTask.steps.length - 1; i >= 0; i--) {
  const spawned = project.testTask.steps[i].spawn;
  if (spawned === 'eslint' || /^integ:.+:assert$/.test(spawned ?? '')) {
    project.testTask.removeStep(i);
  }
}
project.testTask.spawn(project.addTask('test:checks', {
  description: 'eslint (no --fix), tsc --noEmit and every integ snapshot check, in parallel; ends with the verdict',
  env: { TS_NODE_PROJECT: '.ci/tsconfig.json' },
  exec: 'node --require ts-node/register/transpile-only .ci/checks.ts',
}));
// ---- end of the new user's path ---------------------------------------------------------------

// Five languages run for real, since jsii's translation can break what TypeScript accepts: `npx projen test:languages` packages Python, Java and Go,
// runs the consumer apps of languages/ and compares their templates with TypeScript's.
// .NET is generated only (no .NET SDK, no NuGet). Never part of `test`: it takes minutes.
const languagesTsconfig = new javascript.TypescriptConfig(project, {
  fileName: 'languages/tsconfig.json',
  include: ['*.ts'],
  exclude: ['node_modules'],
  compilerOptions: { noEmit: true, rootDir: '..' },
});
if (project.tsconfig) {
  languagesTsconfig.addExtends(project.tsconfig);
}
project.eslint?.addLintPattern('languages');
project.eslint?.allowDevDeps('**/languages/**');
project.addPackageIgnore('/languages/');
project.gitignore.exclude('/languages/java/target/', '/languages/go/cdk.out/', '/languages/python/cdk.out/');
project.addTask('test:languages', {
  description: 'Package Python, Java and Go, synthesize the consumer apps of languages/ and compare their templates with TypeScript\'s',
  steps: [
    { spawn: 'bundle' },
    { exec: 'ts-node --project languages/tsconfig.json --transpile-only languages/run.ts', receiveArgs: true },
  ],
});

// npm 11 skips the install scripts of dependencies that package.json's `allowScripts` does not
// cover, and says so in every `npm ci`. Reviewed: esbuild's postinstall checks its platform
// binary (projen bundles with it); @parcel/watcher (jest's watch mode) would build from source
// where a prebuilt binary exists.
project.package.addField('allowScripts', { 'esbuild': true, '@parcel/watcher': false });

// ---- freshmachine: a fresh clone on a machine that is not ours ------------------------------
// The project's own cfn-lint lives in a virtual environment that .ci/cfn-lint.sh makes on first
// use (python3 -m venv + pip from PyPI): never committed, never packed.
project.gitignore.exclude('/.tools/');

// The npm tarball (and the one jsii-pacmak embeds in every other language's package) is an
// allowlist: everything at the top level is left out, then only what a user's app or Construct Hub
// reads comes back: lib/ (JavaScript and type declarations), assets/ (the bundled handlers), the
// .jsii assembly and rosetta/'s fixtures (Construct Hub runs jsii-rosetta on the README's
// examples). npm adds package.json, README.md and LICENSE itself. API.md stays on GitHub: Construct
// Hub renders the API from .jsii. test/packaging.test.ts checks `npm pack --dry-run` against it.
project.npmignore?.exclude('/*', '/.*');
project.npmignore?.include('/lib/', '/lib/**/*.js', '/lib/**/*.d.ts', '/assets/', '/.jsii', '/rosetta/*.ts-fixture');
project.npmignore?.exclude('/lib/**/*.ts');
project.npmignore?.include('/lib/**/*.d.ts');
// ---- end freshmachine -------------------------------------------------------------------------

project.synth();
