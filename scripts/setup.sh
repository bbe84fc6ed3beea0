#!/usr/bin/env bash
# Set up spark-assistant on a fresh machine: system packages, a virtual environment, the Python install.
#   CPU machine (no NVIDIA GPU): torch is pinned to the CPU build (constraints/cpu.txt), so no CUDA wheels.
#   NVIDIA GPU machine (e.g. DGX Spark, aarch64): CUDA torch from PyTorch's index ($TORCH_INDEX_URL), no pin.
# Idempotent: re-running only installs what changed. Variables: VENV (default .venv), PYTHON (python3),
# TORCH_INDEX_URL (default https://download.pytorch.org/whl/cu130), SKIP_APT=1 to skip system packages.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
# audio I/O; speech fixtures for tests; OCR; real PDF manuals for the retrieval-quality tests
# (bzip2-doc, libtasn1-doc: documentation only, no dependencies, under 1 MB together)
APT_PACKAGES=(libportaudio2 espeak-ng sox tesseract-ocr bzip2-doc libtasn1-doc)

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

if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  if ! "$VENV/bin/python" -c 'import torch, sys; sys.exit(not torch.cuda.is_available())' 2>/dev/null; then
    echo "setup: NVIDIA GPU found: installing CUDA torch from ${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cu130}" >&2
    "${PIP[@]}" torch torchvision --index-url "${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cu130}"
  fi
  CONSTRAINTS=()
else
  CONSTRAINTS=(-c constraints/cpu.txt)
fi
echo "setup: installing spark-assistant and its dependencies into $VENV (a few minutes the first time)" >&2
"${PIP[@]}" "${CONSTRAINTS[@]}" -e ".[dev]"
touch "$VENV/.installed"
