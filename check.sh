#!/usr/bin/env bash
# Run before every commit: the same checks as CI.
exec bash "$(dirname "$0")/.ci/run"
