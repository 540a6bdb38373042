import { defineConfig } from 'vitepress';

// The documentation site (VitePress). `npm run docs:build` first generates the API reference
// (scripts/docs-api.mjs, into docs/api/, not committed), then builds into docs/.vitepress/dist.
// Search is VitePress's local index, built with the site: no search service, no network.
export const guides = [
  ['Getting started', '/guide/getting-started'],
  ['Workbook', '/guide/workbook'],
  ['Copy and drive', '/guide/copy-and-drive'],
  ['Graph families', '/guide/graph-families'],
  ['Cancelling, errors, resuming', '/guide/operations'],
  ['Batching, polling and budget', '/guide/batching-polling-budget'],
  ['BullMQ', '/guide/bullmq'],
  ['OpenTelemetry', '/guide/opentelemetry'],
  ['Angular', '/guide/angular'],
  ['Testing: simulator and marbles', '/guide/testing'],
  ['Security', '/guide/security'],
  ['Performance', '/guide/performance'],
  ['Architecture and contributing', '/guide/architecture'],
] as const;

const entries = ['core', 'graph', 'http', 'instrumentation', 'msal', 'testing', 'opentelemetry', 'angular', 'bullmq'] as const;

export default defineConfig({
  title: 'rx-graph-lro',
  description: "Microsoft Graph's long-running operations as cold RxJS Observables.",
  lang: 'en',
  // The generated reference links pages by their .md names, as VitePress expects.
  srcExclude: ['**/README.md'],
  lastUpdated: false,
  // The reference's type cells (`{ readonly job?: JobsOptions; }`) are not markdown-it-attrs attributes.
  markdown: { attrs: { disable: true } },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'API reference', link: '/api/' },
    ],
    sidebar: {
      '/guide/': [{ text: 'Guide', items: guides.map(([text, link]) => ({ text, link })) }],
      '/api/': [
        {
          text: 'API reference',
          items: [
            { text: 'Entries', link: '/api/' },
            ...entries.map((entry) => ({
              text: entry === 'core' ? 'rx-graph-lro' : `rx-graph-lro/${entry}`,
              link: `/api/${entry}/rx-graph-lro`,
            })),
          ],
        },
      ],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
});
