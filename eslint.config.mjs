// Lint for the whole project: typescript-eslint's type-aware rules everywhere, and for the code that ships,
// the browser baseline (Chromium 102, Firefox 140: `browserslist` in package.json) for web APIs
// (eslint-plugin-compat) and for JavaScript built-ins and syntax (eslint-plugin-es-x, ES2022 and no later).
import js from '@eslint/js';
import compat from 'eslint-plugin-compat';
import esx from 'eslint-plugin-es-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { NEWER_THAN_102 } from './tests/baseline/newer-apis.mjs';

const SHIPPED = ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'utils/**/*.ts'];

/** The baseline's list of newer APIs as no-restricted-properties entries: `AbortSignal.any`, `x.toSorted`, … */
const NEWER_API_RULE = [
  'error',
  ...NEWER_THAN_102.flatMap(({ path, chromium }) => {
    const parts = path.split('.');
    const message = `${path} arrived in Chromium ${chromium}; the baseline is Chromium 102 (tests/baseline/newer-apis.mjs).`;
    if (parts.length === 2) return [{ object: parts[0], property: parts[1], message }];
    if (parts[1] === 'prototype') return [{ property: parts[2], message }];
    return [];
  }),
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'tests/screenshots/', 'tests/.tmp/', 'stats.html', '.stryker-tmp*/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.mjs', 'stryker.config.mjs', '.dependency-cruiser.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      eqeqeq: 'error',
      'no-console': 'error',
    },
  },
  {
    files: SHIPPED,
    plugins: { compat, 'es-x': esx },
    settings: { polyfills: [] },
    rules: {
      ...compat.configs['flat/recommended'].rules,
      ...esx.configs['flat/restrict-to-es2022'].rules,
      'no-restricted-properties': NEWER_API_RULE,
    },
  },
  {
    // The classic first-paint script runs before any module: plain ES2022 and the baseline's web APIs.
    files: ['public/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['public/*.js'],
    plugins: { compat, 'es-x': esx },
    languageOptions: { globals: { chrome: 'readonly' } },
    rules: { ...compat.configs['flat/recommended'].rules, ...esx.configs['flat/restrict-to-es2022'].rules },
  },
  {
    files: ['tests/**', '*.config.*', '*.mjs'],
    // `chrome` inside functions that tests evaluate in the extension's worker or pages.
    languageOptions: { globals: { ...globals.node, chrome: 'readonly' } },
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Fakes of fetch and storage are async functions that answer at once.
      '@typescript-eslint/require-await': 'off',
      // Tests read manifests and page state as untyped JSON and assert on its shape.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // afterAll closes what beforeAll may have failed to open.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
);
