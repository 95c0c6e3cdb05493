// Lint, plus the layer rules (docs/ARCHITECTURE.md) that keep the engine runnable under plain Node:
//   - `electron` only in main/app and preload;
//   - contract/ (the calls and their wire types) imports nothing but zod and itself: main/,
//     preload/ and the renderer all take it, it takes from none of them;
//   - charts/ (series choice, scales and ticks for the React charts and the HTML report) imports
//     d3, the contract and itself: no Node built-ins, nothing from main/, preload/ or renderer/;
//   - main/jobs (what the host runs) never imports main/engine (what owns the history);
//   - no DOM globals anywhere in main/;
//   - the renderer reaches the world only through window.studio: no Node built-ins, no main/.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'child_process',
  'os',
  'net',
  'http',
  'crypto',
  'worker_threads',
  'node:*',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    ignores: ['main/app/**', 'preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Electron belongs in main/app and preload only.' }] },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared with the engine and the renderer.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The contract runs in the renderer too: no Node built-ins.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '../*', '!../contract/*'],
              message: 'contract/ imports nothing from main/, preload/ or renderer/: they import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['charts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Chart logic is shared with the engine and the renderer.' }],
          patterns: [
            { group: nodeBuiltins, message: 'charts/ runs in the renderer too: no Node built-ins.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '../*', '!../contract', '!../charts'],
              message: 'charts/ imports only d3, contract/ and itself: main/ and renderer/ import it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'process', 'Buffer'].map(
          (name) => ({
            name,
            message: 'charts/ is pure: no DOM and no Node, so the engine and the renderer can both run it.',
          }),
        ),
      ],
    },
  },
  {
    files: ['main/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Electron belongs in main/app and preload only.' }],
          patterns: [
            {
              group: ['**/engine/*', '**/engine'],
              message: 'main/jobs runs in the engine host and never imports main/engine (the history owner).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'HTMLElement'].map((name) => ({
          name,
          message: 'No DOM in main/: the engine runs under plain Node.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only through window.studio.' }],
          patterns: [
            { group: nodeBuiltins, message: 'No Node built-ins in the renderer.' },
            {
              group: ['**/main/**', '../main/*', '../../main/*'],
              message: 'The renderer takes the contract from contract/, never main/.',
            },
          ],
        },
      ],
    },
  },
);
