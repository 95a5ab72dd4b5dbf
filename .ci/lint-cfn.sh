#!/usr/bin/env bash
# cfn-lint on every integ snapshot template and on the template of every bench variant: what
# CloudFormation itself would refuse, caught before a deployment. 0 errors; warnings fail too,
# except the checks listed with their reasons in .ci/cfn-lint.yaml.
# cfn-lint is the project's own (.ci/cfn-lint.sh: a virtual environment made on first use), never
# one from PATH.
# Usage: npx projen lint:cfn (bundles the handler first), or bash .ci/lint-cfn.sh after a bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
cfn_lint() { bash .ci/cfn-lint.sh "$@"; }
cfn_lint --ensure
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node --require ts-node/register bench/templates.ts "$out"
shopt -s nullglob
integ=(test/*.integ.snapshot/*.template.json)
bench=("$out"/*.template.json)
if [ ${#integ[@]} -eq 0 ] || [ ${#bench[@]} -eq 0 ]; then
  echo "cfn-lint: FAILED, no template found (integ: ${#integ[@]}, bench: ${#bench[@]})" >&2
  exit 1
fi
ignored=$(sed -n 's/^  - \([A-Z][0-9]*\).*/\1/p' .ci/cfn-lint.yaml | paste -sd, -)
echo "cfn-lint $(cfn_lint --version | awk '{print $2}'): ${#integ[@]} integ templates, ${#bench[@]} bench templates (ignored: ${ignored:-none}, see .ci/cfn-lint.yaml)"
if cfn_lint --config-file .ci/cfn-lint.yaml -- "${integ[@]}" "${bench[@]}"; then
  echo "cfn-lint: OK, 0 errors, 0 warnings"
else
  rc=$?
  echo "cfn-lint: FAILED (exit $rc: 2 = errors, 4 = warnings); rerun with: npx projen lint:cfn" >&2
  exit "$rc"
fi
