#!/usr/bin/env bash
# `npx projen setup:system`, an explicit step (.ci/run calls it; `test` and `demo` never do):
# installs from Debian, when missing, what the twin's outside-client tests need: chromium
# (hosted-UI sign-in in a real browser), awscli (AWS CLI v2 at /usr/bin/aws, the brief's Method 2),
# curl, openssl and jq (the brief's Method 1). Without them those tests are skipped with one line
# saying what to install. Says what it installs before it does; silent when everything is there.
# Not root and no password-less sudo: prints the command and fails.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/aws ] || missing+=(awscli)
for tool in curl openssl jq; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null; then
  echo "setup:system: missing ${missing[*]} and no apt-get here; install them with your package manager (chromium at /usr/bin/chromium, AWS CLI v2 at /usr/bin/aws)" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    install="sudo sh -c '$install'"
  else
    echo "setup:system: missing ${missing[*]}; as root, run: $install" >&2
    exit 1
  fi
fi
log=$(mktemp)
echo "setup:system: installing ${missing[*]} with apt-get"
if ! sh -c "$install" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "setup:system: apt-get failed; run it yourself: $install" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
