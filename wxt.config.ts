import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from './src/managed/extension-id';

// Root layout: entrypoints/ holds WXT entrypoints only; src/ holds everything else by domain.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/i18n/module'],
  manifest: ({ browser }) => ({
    name: 'Sera',
    // A stable ID, so that policy files can name the extension (docs/admin-guide.md).
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: FIREFOX_EXTENSION_ID } } } : { key: EXTENSION_PUBLIC_KEY }),
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab: the popup learns the current tab's host (to offer adding it) only when the person opens it.
    // alarms: pack refresh every refreshHours.
    permissions: ['storage', 'scripting', 'activeTab', 'alarms'],
    // Mastodon instances and other sites are added at run time, each with its own permission prompt.
    optional_host_permissions: ['https://*/*'],
    // The organisation's settings (enterprise policy); the file is copied in by the hook below.
    storage: { managed_schema: 'managed_schema.json' },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve('src/managed/managed_schema.json'), relativeDest: 'managed_schema.json' });
    },
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
