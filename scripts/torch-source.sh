# Sourced by setup.sh and lock.sh. `torch_cpu_sources PIP...` prints nothing when pip's configured sources
# have torch's CPU build (constraints/cpu.txt), else the pip flag that adds PyTorch's CPU index (PyPI has
# only CUDA builds of torch for Linux x86-64).
torch_cpu_sources() {
  if "$@" install --dry-run --no-deps --ignore-installed --quiet -r constraints/cpu.txt >/dev/null 2>&1; then
    return 0
  fi
  echo "--extra-index-url=${TORCH_CPU_INDEX_URL:-https://download.pytorch.org/whl/cpu}"
}
