#!/usr/bin/env bash
# What a new user does before the first release (README "Install" and "Deploy it"): pack the
# library with `npx projen package:js`, install the tarball into a new CDK app together with the
# newest aws-cdk-lib and aws-cdk CLI on the registry, write the app's bin/app.ts and cdk.json
# exactly as the README shows them (the blocks after `<!-- new-app:<file> -->`), run `cdk synth`,
# and check that the Lambda function's code in the cloud assembly is the bundled handler.
# aws-cdk-lib's built-in template validation stays on, as in a user's app.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
app=$(mktemp -d "${TMPDIR:-/tmp}/new-app.XXXXXX")
log=$(mktemp)
trap 'rm -rf "$app" "$log"' EXIT
quiet() { if ! "$@" >"$log" 2>&1; then cat "$log" >&2; echo "failed: $*" >&2; exit 1; fi; }

quiet npx projen package:js
tarballs=(dist/js/*.tgz)
if [ "${#tarballs[@]}" -ne 1 ] || [ ! -f "${tarballs[0]}" ]; then
  echo "expected one tarball in dist/js, found: ${tarballs[*]}" >&2; exit 1
fi
tarball="$root/${tarballs[0]}"
contents=$(tar -tzf "$tarball")
for f in package/.jsii package/assets/handler/hello.lambda/index.js package/lib/index.js; do
  grep -qx "$f" <<<"$contents" || { echo "$(basename "$tarball") lacks $f" >&2; exit 1; }
done
echo "tarball: $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KiB, with .jsii, lib/ and assets/)"

# The README's files of the new app.
readme_block() {
  awk -v marker="<!-- new-app:$1 -->" '
    $0 == marker { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```/ { exit }
    found == 2 { print }
  ' README.md
}
mkdir -p "$app/bin"
for f in bin/app.ts cdk.json; do
  readme_block "$f" >"$app/$f"
  if [ ! -s "$app/$f" ]; then echo "README.md has no block after <!-- new-app:$f -->" >&2; exit 1; fi
done

cd "$app"
quiet npm init -y
quiet npm install --no-audit --no-fund "$tarball" aws-cdk-lib@latest 'constructs@^10'
quiet npm install -D --no-audit --no-fund aws-cdk@latest tsx
echo "new app: aws-cdk-lib $(node -p "require('aws-cdk-lib/package.json').version"), aws-cdk $(node -p "require('aws-cdk/package.json').version"), tsx $(node -p "require('tsx/package.json').version")"
quiet npx cdk synth -q --no-notices

# The function's code is a directory asset (S3Key <hash>.zip, staged where HelloApi.assets.json says):
# it must be the bundled handler from the package's assets/.
node -e '
const fs = require("fs");
const path = require("path");
const template = JSON.parse(fs.readFileSync("cdk.out/HelloApi.template.json", "utf8"));
const fns = Object.entries(template.Resources).filter(([, r]) => r.Type === "AWS::Lambda::Function");
if (fns.length !== 1) throw new Error(`expected one Lambda function, found ${fns.length}`);
const [id, fn] = fns[0];
const hash = fn.Properties.Code.S3Key.replace(/\.zip$/, "");
const manifest = JSON.parse(fs.readFileSync("cdk.out/HelloApi.assets.json", "utf8"));
const dir = path.join("cdk.out", manifest.files[hash].source.path);
const code = fs.readFileSync(path.join(dir, "index.js"), "utf8");
if (!code.includes("Hello, World! I am")) throw new Error(`${dir}/index.js is not the bundled handler`);
const report = fs.existsSync("cdk.out/validation-report.json")
  ? JSON.parse(fs.readFileSync("cdk.out/validation-report.json", "utf8")) : { pluginReports: [] };
const findings = report.pluginReports.flatMap((r) => (r.violations ?? []).map((v) => `${r.pluginName ?? r.summary?.pluginName}: ${v.ruleName}`));
console.log(`cloud assembly: ${id} runs ${dir}/index.js (${code.length} bytes, the bundled handler); built-in validation findings: ${findings.length}`);
for (const f of findings) console.log(`  ${f}`);
'
echo "check-tarball: ok"
