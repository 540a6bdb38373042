/**
 * The dependency rules of rx-graph-lro, checked in CI (`npm run deps`).
 * One direction only:
 *
 *   core/ (errors <- codecs; policy; url)  <-  rx/  <-  auth/  <-  http/  <-  lro/  <-  graph/{workbook,drive}  <-  client.ts  <-  index.ts
 *
 * and the side entries: msal/ (token sources over msal-node), testing/
 * (the simulator and the marble kit) and opentelemetry/ (tracing) build on the core but nothing in the
 * library builds on them. No cycles anywhere.
 */
const layer = (name, mayNotReach) => ({
  name: `${name}-direction`,
  comment: `src/${name} must not depend on ${mayNotReach.join(', ')}: dependencies point toward core/.`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${mayNotReach.join('|')})(/|\\.ts$)` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: folders no longer show the direction.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer('core', ['rx', 'auth', 'http', 'lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('core/errors', ['core/codecs', 'core/policy', 'core/url']),
    layer('core/codecs', ['core/policy', 'core/url']),
    layer('core/policy', ['core/codecs', 'core/url']),
    layer('rx', ['auth', 'http', 'lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('auth', ['http', 'lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('http', ['lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('lro', ['graph', 'client', 'index', 'msal', 'testing']),
    layer('graph/workbook', ['graph/drive', 'client', 'index', 'msal', 'testing']),
    layer('graph/drive', ['graph/workbook', 'client', 'index', 'msal', 'testing']),
    layer('msal', ['rx', 'http', 'lro', 'graph', 'client', 'index', 'testing', 'opentelemetry']),
    layer('opentelemetry', ['core', 'rx', 'http', 'auth', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('bullmq', ['rx', 'auth', 'graph', 'index', 'msal', 'testing', 'opentelemetry', 'angular']),
    layer('angular', ['rx', 'auth', 'graph', 'index', 'msal', 'testing', 'opentelemetry', 'bullmq']),
    layer('graph/families', ['graph/workbook', 'client', 'index', 'msal', 'testing']),
    {
      name: 'edge-entries-stay-at-the-edge',
      comment: 'Nothing in the library imports the msal, testing, opentelemetry, bullmq or angular entries: each is optional.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(msal|testing|opentelemetry|bullmq|angular)/' },
      to: { path: '^src/(msal|testing|opentelemetry|bullmq|angular)/' },
    },
    {
      name: 'no-node-builtins-in-the-core-entry',
      comment: 'The core entry runs in browsers: Node built-ins only in msal/, testing/, bullmq/, and in the undici transport, which the browser build swaps for a stub (scripts/build.mjs).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/((msal|testing|bullmq)/|http/undici-transport\\.ts$)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Angular's packages export only types + default (ESM): resolve them as TypeScript does.
    enhancedResolveOptions: { conditionNames: ['types', 'import', 'require', 'default', 'node'], exportsFields: ['exports'] },
  },
};
