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
    permissions: ['storage'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
