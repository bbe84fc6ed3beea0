#!/usr/bin/env bash
# Refresh constraints/lock.txt: the exact version of every Python package of a CPU install (the project,
# its `dev` extra, and everything they pull in), resolved today by pip-tools' pip-compile.
# A deliberate act: afterwards run the whole test suite (`make test` reinstalls the locked versions)
# before committing the new lock. Variables: PYTHON (python3), LOCK_TOOLS (the tool venv, .venv-lock),
# UPGRADE=0 to keep every existing pin and only add what pyproject.toml newly asks for.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
TOOLS=${LOCK_TOOLS:-.venv-lock}
PIP_TOOLS_VERSION=7.6.2
if ! "$TOOLS/bin/pip-compile" --version 2>/dev/null | grep -q "$PIP_TOOLS_VERSION"; then
  "$PYTHON" -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"
fi
# constraints/cpu.txt holds torch to its CPU build, so the lock has no CUDA wheels in it.
. scripts/torch-source.sh
read -r -a EXTRA <<<"$(torch_cpu_sources "$TOOLS/bin/python" -m pip)"
UPGRADE_FLAG=(--upgrade)
[ "${UPGRADE:-1}" = 0 ] && UPGRADE_FLAG=()
CUSTOM_COMPILE_COMMAND="make lock" "$TOOLS/bin/pip-compile" --quiet "${UPGRADE_FLAG[@]}" --extra dev --allow-unsafe --strip-extras \
  --no-emit-index-url --no-emit-find-links "${EXTRA[@]}" \
  -c constraints/cpu.txt -o constraints/lock.txt pyproject.toml
echo "lock: constraints/lock.txt refreshed ($(grep -c '^[A-Za-z]' constraints/lock.txt) packages)." >&2
echo "lock: now run the whole suite on the new versions (make test), then commit the lock." >&2
