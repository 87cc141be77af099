import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Root layout: entrypoints/ holds WXT entrypoints only; src/ holds everything else by domain.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/i18n/module'],
  manifest: {
    name: 'Sera',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab: the popup learns the current tab's host (to offer adding it) only when the person opens it.
    permissions: ['storage', 'scripting', 'activeTab'],
    // Mastodon instances and other sites are added at run time, each with its own permission prompt.
    optional_host_permissions: ['https://*/*'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
