// n8n's community-node lint (the config @n8n/node-cli 0.48 ships, `configWithoutCloudSupport`), applied to
// the node pack: nodes/, credentials/ and package.json. Not the Cloud variant: the embedded ledger needs the
// file system and queue-mode detection, which n8n Cloud's rules forbid.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default tseslint.config(
  globalIgnores(['dist', 'node_modules', '.toolchain', '.cache', 'designer', 'test', 'bench', 'scripts', 'cli', 'shared', 'test-artifacts']),
  {
    files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended, community, importX.configs['flat/recommended']],
    rules: { 'prefer-spread': 'off', 'no-console': 'error' },
  },
  {
    plugins: { 'n8n-nodes-base': n8nNodesBase },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
  },
  {
    files: ['package.json'],
    extends: [community],
    rules: { ...n8nNodesBase.configs.community.rules },
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
  },
  {
    files: ['credentials/**/*.ts'],
    rules: {
      ...n8nNodesBase.configs.credentials.rules,
      'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
      'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
    },
  },
  {
    files: ['nodes/**/*.ts'],
    rules: {
      ...n8nNodesBase.configs.nodes.rules,
      'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
      'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
      'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
    },
  },
);
