#!/usr/bin/env bash
# cfn-lint on every integ snapshot template and on the template of every bench variant: what
# CloudFormation itself would refuse, caught before a deployment. 0 errors; warnings fail too,
# except the checks listed with their reasons in .ci/cfn-lint.yaml.
# Usage: npx projen lint:cfn (bundles the handler first), or bash .ci/lint-cfn.sh after a bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
# AWS::Cognito::UserPool's IssuerConfiguration and KeyConfiguration are in cfn-lint's schemas from
# 1.58: an older cfn-lint refuses every template the construct writes (E3002). A missing or older
# one is replaced, for this script only, by one in a virtual environment (PEP 668 machines refuse
# a system-wide pip install).
need=1.58.0
have=$(cfn-lint --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$have" ] || [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" != "$need" ]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/cdk-secure-cognito-api/cfn-lint-$need"
  if [ ! -x "$venv/bin/cfn-lint" ]; then
    echo "cfn-lint ${have:-not found} is older than $need: installing $need in $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "cfn-lint==$need"
  fi
  PATH="$venv/bin:$PATH"
fi
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
echo "cfn-lint $(cfn-lint --version | awk '{print $2}'): ${#integ[@]} integ templates, ${#bench[@]} bench templates (ignored: ${ignored:-none}, see .ci/cfn-lint.yaml)"
if cfn-lint --config-file .ci/cfn-lint.yaml -- "${integ[@]}" "${bench[@]}"; then
  echo "cfn-lint: OK, 0 errors, 0 warnings"
else
  rc=$?
  echo "cfn-lint: FAILED (exit $rc: 2 = errors, 4 = warnings); rerun with: npx projen lint:cfn" >&2
  exit "$rc"
fi
