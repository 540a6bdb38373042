#!/usr/bin/env bash
# The Angular example, built with Angular's own tooling against the packed
# library, then driven in headless Chromium (Debian's, at /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/chromium >/dev/null || { echo "install Debian's chromium first: apt-get install -y chromium" >&2; exit 1; }
npm run build
rm -rf examples/angular/vendor && mkdir -p examples/angular/vendor
npm pack --pack-destination examples/angular/vendor --ignore-scripts >/dev/null 2>&1
(
  cd examples/angular
  npm install --no-audit --no-fund
  npm install --no-save --no-audit --no-fund ./vendor/rx-graph-lro-*.tgz
  NG_CLI_ANALYTICS=false npx ng build
)
node test/browser/angular.browser.mjs
