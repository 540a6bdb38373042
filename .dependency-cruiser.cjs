/**
 * The dependency rules of rx-graph-lro, checked in CI (`npm run deps`).
 * One direction only:
 *
 *   core/ (errors <- codecs; policy; url)  <-  rx/  <-  auth/  <-  http/  <-  lro/  <-  graph/ (shared, models <- one folder per area <- kinds.ts)  <-  client.ts  <-  index.ts
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
  to: { path: `^src/(${mayNotReach.join('|')})(/|\\.ts$)`, pathNot: ENTRY_TYPES },
});

/**
 * The public entries' index files. An entry may name another entry's public types
 * (`import type { GraphClient } from 'rx-graph-lro'`), as its users do; only types:
 * the rule 'entries-import-each-other-for-types-only' below checks it.
 */
const ENTRY_TYPES = '^src/(index|graph/index|http/index|instrumentation/index)\\.ts$';

/** The areas of graph/: one folder each of operation kinds and the client shortcuts over them. */
const AREAS = ['workbook', 'drive', 'teams', 'onenote', 'sites', 'search', 'ediscovery', 'engage', 'device-management', 'security', 'users', 'print', 'backup'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: folders no longer show the direction.',
      severity: 'error',
      from: { path: '^src/' },
      // An entry naming another entry's public types (erased at build) is not a cycle of code.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    layer('core', ['rx', 'auth', 'http', 'lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('core/errors', ['core/codecs', 'core/policy', 'core/url']),
    layer('core/codecs', ['core/policy', 'core/url']),
    layer('core/policy', ['core/codecs', 'core/url']),
    layer('rx', ['auth', 'http', 'lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('auth', ['http', 'lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('http', ['lro', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('lro', ['graph', 'client', 'index', 'msal', 'testing']),
    // Each area of graph/ (one folder of kinds and their shortcuts) stands alone: it builds on
    // graph/shared, graph/models and the default bounds, never on another area.
    ...AREAS.map((area) => layer(`graph/${area}`, [...AREAS.filter((other) => other !== area).map((other) => `graph/${other}`), 'graph/kinds', 'client', 'index', 'msal', 'testing'])),
    layer('graph/shared', [...AREAS.map((area) => `graph/${area}`), 'graph/models', 'graph/kinds', 'client', 'index']),
    layer('graph/models', [...AREAS.map((area) => `graph/${area}`), 'graph/kinds', 'client', 'index']),
    layer('msal', ['rx', 'http', 'lro', 'graph', 'client', 'index', 'testing', 'opentelemetry']),
    layer('opentelemetry', ['core', 'rx', 'http', 'auth', 'graph', 'client', 'index', 'msal', 'testing']),
    layer('bullmq', ['rx', 'auth', 'index', 'msal', 'testing', 'opentelemetry', 'angular']),
    {
      name: 'bullmq-reads-only-the-kind-table',
      comment: 'The bullmq entry knows operations through the one table of kinds (and the custom-spec type), nothing else of graph/.',
      severity: 'error',
      from: { path: '^src/bullmq/' },
      to: { path: '^src/graph/', pathNot: '^src/graph/(kinds|custom-operation)\\.ts$' },
    },
    layer('angular', ['rx', 'auth', 'graph', 'index', 'msal', 'testing', 'opentelemetry', 'bullmq']),
    {
      name: 'entries-import-each-other-for-types-only',
      comment: "Another entry's index is imported for its public types only (erased at build): never for code, which would pull that whole entry in.",
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ENTRY_TYPES, dependencyTypesNot: ['type-only'] },
    },
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
