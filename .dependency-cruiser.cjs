/** Import rules of STYLE.md: arrows point one way. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^src/core', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-node',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'] },
    },
    {
      name: 'contract-only-zod-and-core',
      severity: 'error',
      from: { path: '^src/contract' },
      to: { pathNot: ['^src/contract', '^src/core', 'node_modules/zod'] },
    },
    {
      name: 'adapters-only-core',
      severity: 'error',
      from: { path: '^src/(llm|store|files|project|report)/' },
      to: { path: '^src/(pipeline|server|compose|cli|web)/' },
    },
    {
      name: 'adapters-not-each-other',
      severity: 'error',
      from: { path: '^src/(llm)/' },
      to: { path: '^src/(store|files|project|report)/' },
    },
    {
      name: 'store-not-other-adapters',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(llm|files|project|report)/' },
    },
    {
      name: 'files-not-other-adapters',
      severity: 'error',
      from: { path: '^src/files/' },
      to: { path: '^src/(llm|store|project|report)/' },
    },
    {
      name: 'pipeline-through-ports',
      severity: 'error',
      from: { path: '^src/pipeline/' },
      to: { path: '^src/(store|llm|files|project|report|server|compose|cli)/' },
    },
    {
      name: 'server-not-adapters',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/(store|llm|files|project|compose|cli)/' },
    },
    {
      name: 'cli-not-adapters',
      comment: 'The CLI gets its store, model clients, files and project file from src/compose.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(store|llm|files|project)/' },
    },
    {
      name: 'compose-not-server-internals',
      comment: 'The composition root starts the server through createServer, nothing deeper.',
      severity: 'error',
      from: { path: '^src/compose/' },
      to: { path: '^src/server/', pathNot: '^src/server/create-server\\.ts$' },
    },
    {
      name: 'only-edges-import-compose',
      comment:
        'src/compose is the one composition root: only the CLI, the library entry and tests use it.',
      severity: 'error',
      from: {
        pathNot: [
          '^src/compose/',
          '^src/cli/',
          '^src/index\\.ts$',
          '\\.test\\.ts$',
          '^(e2e|bench|test)/',
        ],
      },
      to: { path: '^src/compose/' },
    },
    {
      name: 'report-not-other-adapters',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/(llm|store|files|project)/' },
    },
    {
      name: 'capabilities-through-index',
      comment: 'A capability reaches another only through its index.ts (its public face).',
      severity: 'error',
      from: { path: '^src/pipeline/([^/]+)/' },
      to: {
        path: '^src/pipeline/[^/]+/',
        pathNot: ['^src/pipeline/$1/', '^src/pipeline/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'edges-through-index',
      comment:
        'The CLI, the server and the composition root use a capability only through its index.ts.',
      severity: 'error',
      from: { path: '^src/(cli|server|compose)/' },
      to: { path: '^src/pipeline/', pathNot: '^src/pipeline/[^/]+/index\\.ts$' },
    },
    {
      name: 'production-not-testing',
      comment: 'The test kit and fixtures are for tests only and never ship.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['\\.test\\.ts$', '\\.case\\.ts$', '^src/testing/', '/testing/'],
      },
      to: { path: ['^src/testing/', '/testing/', '/fixtures/'] },
    },
    {
      name: 'web-only-contract-and-core',
      comment:
        'The web app talks to the server over HTTP; of the code base it shares only the API contract and the pure core.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['local'], pathNot: ['^web/src/', '^src/(contract|core)/'] },
    },
    {
      name: 'web-runs-in-the-browser',
      comment: 'No Node built-ins, and of the packages only React, in the browser bundle.',
      severity: 'error',
      from: { path: '^web/src/', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypesNot: ['local'],
        pathNot: ['node_modules/(react|react-dom)/'],
      },
    },
    {
      name: 'nothing-imports-web',
      severity: 'error',
      from: { pathNot: '^web/' },
      to: { path: '^web/' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
