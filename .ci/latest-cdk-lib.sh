#!/usr/bin/env bash
# The unit tests against the newest aws-cdk-lib on the registry, as users get it through the peer
# range (^2.260.0): a scratch copy of the checkout (tracked files, node_modules, the bundled
# handler) where `npm install --no-save aws-cdk-lib@<newest>` replaces the pinned 2.260.0, then
# jest. A test that passes on 2.260.0 (the README test command) and fails here is a difference in
# behaviour between the versions, and fails CI. The checkout is never modified.
#
# aws-cdk-lib >= 2.27x validates every template against CloudFormation's rules at synth time
# (≈2.6 s per synth, ~300 synths in the unit tests). The tests turn it off with CDK_VALIDATION=false
# (documented on AppProps.builtinCloudFormationValidation); .ci/check-tarball.sh synthesizes an app
# with it on, as a new user's app runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d "${TMPDIR:-/tmp}/latest-cdk-lib.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

pinned=$(node -p "require('aws-cdk-lib/package.json').version")
newest=$(npm view aws-cdk-lib version)
echo "aws-cdk-lib: pinned $pinned, newest on the registry $newest"

git ls-files -z | xargs -0 cp --parents -p -t "$scratch"
cp -a node_modules "$scratch/"
cd "$scratch"
npm install --no-save --no-audit --no-fund --loglevel=error "aws-cdk-lib@$newest"
installed=$(node -p "require('aws-cdk-lib/package.json').version")
if [ "$installed" != "$newest" ]; then
  echo "expected aws-cdk-lib $newest in the scratch copy, found $installed" >&2
  exit 1
fi
npx projen bundle >/dev/null
# The assembly the docs-coverage test reads, if the checkout has a current one (else it compiles).
if [ -f "$root/.jsii" ]; then cp -p "$root/.jsii" .; fi

log=$(mktemp)
set +e
AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true CDK_VALIDATION=false npx jest --ci 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(grep -a -E "^Tests: " "$log" | tail -n 1 | sed "s/^Tests: *//" || true)
rm -f "$log"
echo "unit tests on aws-cdk-lib $installed: $summary"
exit "$status"
