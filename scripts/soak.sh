#!/usr/bin/env bash
# `make soak`: a release build, then public reads and HTTP writes together for SOAK_SECONDS (default 300) with
# SOAK_CONNECTIONS wrk connections (default 32). Writes its section of bench/results.md; exits 1 if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product townhall
python=${PYTHON:-.venv/bin/python}
cd Tests/e2e && "../../$python" soak.py "$(realpath ../../.build/release/townhall)" "${SOAK_SECONDS:-300}" "${SOAK_CONNECTIONS:-32}"
