#!/usr/bin/env bash
# cfn-lint from the project's own virtual environment, .tools/cfn-lint/ (gitignored), created on
# first use with `python3 -m venv` and pip from PyPI at the version .ci/cfn-lint.version pins.
# A cfn-lint on PATH is never used: every machine lints with the same rules, and a machine without
# one (Debian's python3 refuses a system-wide `pip install`, PEP 668) needs nothing but python3.
# Usage: bash .ci/cfn-lint.sh [cfn-lint arguments]    (creates the environment when needed, then runs cfn-lint)
#        bash .ci/cfn-lint.sh --ensure                (creates it only; prints one line when it does)
# Exit 3 with one line saying what to install when no virtual environment can be made here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$root/.tools/cfn-lint
version=$(tr -d '[:space:]' <"$root/.ci/cfn-lint.version")
python=${PYTHON:-python3}

current() { [ "$(cat "$venv/.version" 2>/dev/null)" = "$version" ] && [ -x "$venv/bin/cfn-lint" ] && "$venv/bin/python" -c "" 2>/dev/null; }

if ! current; then
  # One creator at a time (jest and a shell may both ask); mkdir is atomic on every file system.
  lock=$venv.lock
  mkdir -p "$root/.tools"
  for _ in $(seq 1 600); do mkdir "$lock" 2>/dev/null && break; sleep 0.5; done
  trap 'rmdir "$lock" 2>/dev/null || true' EXIT
  if ! current; then
    if ! command -v "$python" >/dev/null; then
      echo "cfn-lint: no $python on PATH; install Python 3 (macOS: xcode-select --install; Debian/Ubuntu: apt-get install python3 python3-venv) or set PYTHON" >&2
      exit 3
    fi
    echo "cfn-lint: creating .tools/cfn-lint (python3 -m venv, pip install cfn-lint==$version from PyPI)" >&2
    rm -rf "$venv"
    log=$(mktemp)
    if ! "$python" -m venv "$venv" >"$log" 2>&1; then
      cat "$log" >&2; rm -f "$log"; rm -rf "$venv"
      echo "cfn-lint: $python -m venv failed; install the venv module (Debian/Ubuntu: apt-get install python3-venv)" >&2
      exit 3
    fi
    if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "cfn-lint==$version" >"$log" 2>&1; then
      cat "$log" >&2; rm -f "$log"; rm -rf "$venv"
      echo "cfn-lint: pip install cfn-lint==$version failed (PyPI unreachable?)" >&2
      exit 3
    fi
    rm -f "$log"
    echo "$version" >"$venv/.version"
  fi
fi
[ "${1:-}" = "--ensure" ] && exit 0
exec "$venv/bin/cfn-lint" "$@"
