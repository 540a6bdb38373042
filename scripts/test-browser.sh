#!/usr/bin/env bash
# The Angular example (Angular 22): rx-graph-lro/angular's unit tests, then the app built with Angular's own tooling against
# the packed library, then driven in headless Chromium (Debian's, at /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/chromium >/dev/null || { echo "install Debian's chromium first: apt-get install -y chromium" >&2; exit 1; }
npm run build
rm -rf examples/angular/vendor && mkdir -p examples/angular/vendor
npm pack --pack-destination examples/angular/vendor --ignore-scripts >/dev/null 2>&1
# Angular 22 (the current major) needs Node 22 or 24: its install and build
# run on Node 22 from the npm registry, whatever the machine's Node is.
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
node22() { npx -y node@22 "$@"; }
(
  cd examples/angular
  node22 "$npm_cli" install --no-audit --no-fund
  node22 "$npm_cli" install --no-save --no-audit --no-fund ./vendor/rx-graph-lro-*.tgz
  # rx-graph-lro/angular's unit tests, in the Angular convention (TestBed, HttpTestingController, Vitest).
  NG_CLI_ANALYTICS=false node22 node_modules/@angular/cli/bin/ng.js test --watch=false
  NG_CLI_ANALYTICS=false node22 node_modules/@angular/cli/bin/ng.js build
)
node test/browser/angular.browser.mjs
