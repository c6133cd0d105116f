import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers (STYLE.md), enforced so that a change breaking them fails CI. In flat config a later entry
// replaces an earlier one's rule for the files both match, so each entry lists every restriction of
// its files.
const noVitest = {
  name: 'vitest',
  message:
    'Only tests import vitest; test support (fixtures, harness, isolation cases) lives in server/test/.',
};
const noKysely = {
  name: 'kysely',
  message: 'Routes validate, authorise, call a service and present: SQL belongs in a repository.',
};
const noRepositories = {
  group: ['**/*.repository', '**/db/*', '!**/db/types.generated'],
  message: 'Routes call services; repositories and the database are the services’ business.',
};
const noModules = {
  group: ['**/modules/**', '**/services', '**/routes', '**/server/app', '../../app'],
  message:
    'The platform imports no feature module: take what it needs as a parameter (server/app.ts wires them).',
};
const noHttp = {
  group: ['fastify', '@fastify/*', 'ws', '**/*.routes', '**/platform/http/*'],
  message: 'Services hold the rules and never see HTTP types.',
};
const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const tests = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'server/test/**',
  'e2e/**',
  '**/vite.config.ts',
  'vitest.config.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'server/db/types.generated.ts',
      'web/src/lib/api-types.generated.ts',
      'bin/',
      // Copied as they are into the build: plain browser scripts of the demo pages.
      'web/public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.ts', '**/*.tsx'], ignores: tests, rules: restrict([noVitest]) },
  { files: ['server/platform/**/*.ts'], ignores: tests, rules: restrict([noVitest], [noModules]) },
  { files: ['server/**/*.routes.ts'], rules: restrict([noVitest, noKysely], [noRepositories]) },
  { files: ['server/**/*.service.ts'], rules: restrict([noVitest], [noHttp]) },
  {
    files: tests,
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
