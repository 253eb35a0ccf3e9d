// Our own code is linted type-aware with typescript-eslint's recommended rules (see the README's
// "Development" section); layout is prettier's job (.prettierrc.json), so no stylistic rules here
// except the line length prettier cannot enforce on comments.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'site/**',
      'coverage/**',
      'src/options/generated/**',
      'src/engine/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Unused names are errors, except a deliberately ignored `_name`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Prettier wraps code; comments and the text around long strings are ours to keep short.
      // We match control characters on purpose: untrusted text is escaped before it is printed.
      'no-control-regex': 'off',
      // Command runners share one async signature whether or not they wait for anything.
      '@typescript-eslint/require-await': 'off',
      // Values we print with String() are command-line and YAML scalars checked just before; a
      // map or list there is already reported as the wrong type by the settings validator.
      '@typescript-eslint/no-base-to-string': 'off',
      'max-len': [
        'error',
        {
          code: 100,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignorePattern: '^\\s*(import|export) ',
        },
      ],
    },
  },
  {
    // Tests parse the JSON the CLI prints and assert its shape; typing every such read adds
    // nothing.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // bin/ is CommonJS so that it can load the V8 code cache before any module system starts.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
