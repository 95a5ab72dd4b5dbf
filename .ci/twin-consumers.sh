#!/usr/bin/env bash
# The twin as its users get it: pack the library and the twin package, install both from their
# tarballs (no clone of this repository in the apps' folders) and run each app's own tests on it:
#  (a) a new TypeScript CDK app (.ci/twin-consumer/): a SecureCognitoApi stack and a hand-wired L2
#      stack; its jest suite calls startTwin({ app: '.' });
#  (b) the Python consumer app (languages/python, the wheel built by test:languages) with a Python
#      handler on one route (twin_app.py); its pytest suite runs under `run -- python -m pytest`.
# Each signs in with every client kind it has and expects 200, 401 and 403 where AWS answers them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/twin-consumers.XXXXXX")
log=$(mktemp)
trap 'rm -rf "$work" "$log"' EXIT
quiet() { if ! "$@" >"$log" 2>&1; then cat "$log" >&2; echo "failed: $*" >&2; exit 1; fi; }
# A test run: its last lines on success, all of it on failure.
tests() { quiet "$@"; tail -n 4 "$log"; }
start=$(date +%s)
# The twin's tooling versions are the repository's (the npm cache has them).
version() { node -p "require('$root/node_modules/$1/package.json').version"; }

[ -n "$(ls dist/js/*.tgz 2>/dev/null)" ] || quiet npx projen package:js
rm -rf dist/twin
quiet npx projen twin:package
lib_tgz=$(ls "$root"/dist/js/*.tgz)
twin_tgz=$(ls "$root"/dist/twin/cdk-secure-cognito-api-twin-*.tgz)
if tar -tzf "$lib_tgz" | grep -q '^package/twin/'; then echo "the library's tarball holds the twin" >&2; exit 1; fi
echo "tarballs: $(basename "$lib_tgz"), $(basename "$twin_tgz") ($(du -k "$twin_tgz" | cut -f1) KiB)"

# (a) TypeScript
ts="$work/ts-app"
cp -r .ci/twin-consumer "$ts"
cd "$ts"
quiet npm init -y
quiet npm install --no-audit --no-fund --prefer-offline "$lib_tgz" "$twin_tgz" "aws-cdk-lib@$(version aws-cdk-lib)" "constructs@$(version constructs)"
quiet npm install -D --no-audit --no-fund --prefer-offline "jest@$(version jest)" "ts-jest@$(version ts-jest)" "@types/jest@$(version @types/jest)" \
  "typescript@$(version typescript)" "@types/node@$(version @types/node)" tsx
echo "(a) TypeScript app installed ($(( $(date +%s) - start ))s)"
tests npx jest --ci --preset ts-jest --testEnvironment node
echo "(a) TypeScript app: jest on startTwin passed ($(( $(date +%s) - start ))s)"

# (b) Python
cd "$root"
wheel=$(ls dist/python/*.whl 2>/dev/null | head -n 1 || true)
[ -n "$wheel" ] || { quiet npx projen package:python; wheel=$(ls dist/python/*.whl | head -n 1); }
py="$work/py-app"
cp -r languages/python "$py"
quiet python3 -m venv "$work/venv"
quiet "$work/venv/bin/pip" install --quiet --disable-pip-version-check -r languages/python/requirements.txt "$root/$wheel" pytest
cd "$py"
printf '{\n  "app": "%s twin_app.py"\n}\n' "$work/venv/bin/python" >cdk.json
quiet npm install --no-audit --no-fund --no-save --prefer-offline "$twin_tgz"
echo "(b) Python app installed ($(( $(date +%s) - start ))s)"
tests npx cdk-secure-cognito-api-twin run -- "$work/venv/bin/python" -m pytest -q -p no:cacheprovider tests
echo "(b) Python app: pytest under run -- passed ($(( $(date +%s) - start ))s)"
echo "twin consumers: TypeScript and Python apps passed on the twin from tarballs in $(( $(date +%s) - start ))s"
