#!/usr/bin/env bash
# The Angular guide's walk (docs/guide/angular.md), as a reader runs it: `ng new` (Angular 22's CLI from the npm registry),
# the guide's npm install (the library packed from here), the guide's files written in
# (test/browser/angular-walk.mjs, which also proves the result is examples/angular), the example's
# unit tests (ng test, Vitest), the production build within Angular's default budgets, and the app
# driven in headless Chromium (Debian's, at /usr/bin/chromium) against the simulator, started
# first as the guide says (simulator.mjs). Screenshots go to artifacts/angular/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/chromium >/dev/null || { echo "install Debian's chromium first: apt-get install -y chromium" >&2; exit 1; }
npm run build
walk="$(mktemp -d)"
trap 'rm -rf "$walk"' EXIT
npm pack --pack-destination "$walk" --ignore-scripts >/dev/null 2>&1
# Angular 22's CLI needs Node ^22.22.3 || ^24.15.0 || >=26: the walk runs on Node 22 from the npm
# registry, first on PATH (npm and npx, started by `node`, run on it too), whatever the machine's Node is.
node22="$(dirname "$(npx -y node@22 -p process.execPath)")"
(
  export PATH="$node22:$PATH" NG_CLI_ANALYTICS=false
  cd "$walk"
  echo "== the walk on Node $(node -v): ng new"
  # The guide's command; --skip-git: no repository inside a temporary directory.
  npx --yes @angular/cli@22 new graph-app --defaults --skip-git
  cd graph-app
  echo "== npm install rx-graph-lro @azure/msal-angular @azure/msal-browser (rx-graph-lro packed from this repository)"
  npm install --no-audit --no-fund ../rx-graph-lro-*.tgz @azure/msal-angular @azure/msal-browser
)
echo "== the guide's files, into the new app"
node test/browser/angular-walk.mjs "$walk/graph-app"
(
  export PATH="$node22:$PATH" NG_CLI_ANALYTICS=false
  cd "$walk/graph-app"
  echo "== ng test"
  npx ng test --watch=false
  echo "== ng build (production, with ng new's budgets: a warning above 500 kB initial fails here)"
  npx ng build 2>&1 | tee build.log
  if grep -q 'exceeded maximum budget' build.log; then echo "over Angular's default budget" >&2; exit 1; fi
)
node test/browser/angular.browser.mjs "$walk/graph-app"
