import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from './src/managed/extension-id';
import { SIZES_FILE } from './src/ml/model-files';

/** Rendered from assets/icon.svg by scripts/render-icons.sh. */
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

const GECKO = {
  id: FIREFOX_EXTENSION_ID,
  // 140 (the ESR) and 142 on Android are the first to read data_collection_permissions.
  strict_min_version: '140.0',
  // Sera reads drafts and photos only on the device; nothing is sent anywhere.
  data_collection_permissions: { required: ['none'] },
};
const GECKO_ANDROID = { strict_min_version: '142.0' };

/** Wasm and worker for the photo checks, copied next to the models and OCR data in public/ml. */
const PHOTO_CHECK_FILES = [
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', 'ml/tfjs-backend-wasm.wasm'],
  ['node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', 'ml/tfjs-backend-wasm-simd.wasm'],
  ['node_modules/tesseract.js/dist/worker.min.js', 'ml/tesseract-worker.min.js'],
  ['node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm.js', 'ml/tesseract-core-simd-lstm.wasm.js'],
] as const;

// Root layout: entrypoints/ holds WXT entrypoints only; src/ holds everything else by domain.
export default defineConfig({
  imports: false,
  // Firefox too: the same manifest as Chrome's (action, optional_host_permissions), and Firefox
  // 127+ grants the content scripts' sites at install. MV2 measured the same in web-ext lint and in
  // the Firefox run (test/store/packages.test.ts), with a manifest of its own to keep.
  manifestVersion: 3,
  modules: ['@wxt-dev/i18n/module'],
  manifest: ({ browser, mode }) => ({
    name: 'Sera',
    // A stable Chrome ID, so that policy files can name a self-hosted install (docs/admin-guide.md).
    // Store builds (`--mode store`, npm run zip) leave it out: the Chrome Web Store refuses a `key`
    // and gives the extension its own ID.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: GECKO, gecko_android: GECKO_ANDROID } } : mode === 'store' ? {} : { key: EXTENSION_PUBLIC_KEY }),
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: ICONS,
    action: { default_icon: ICONS },
    // activeTab: the popup learns the current tab's host (to offer adding it) only when the person opens it.
    // alarms: pack refresh every refreshHours.
    // offscreen (Chrome): the photo checks run in an offscreen document, created on demand.
    permissions: ['storage', 'scripting', 'activeTab', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // TF.js and Tesseract run as WebAssembly, from the extension's own files only.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    // Mastodon instances and other sites are added at run time, each with its own permission prompt.
    optional_host_permissions: ['https://*/*'],
    // The organisation's settings (enterprise policy); the file is copied in by the hook below.
    // Firefox reads them from policies.json without a schema, and warns about the key.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      for (const [from, to] of PHOTO_CHECK_FILES) files.push({ absoluteSrc: resolve(from), relativeDest: to });
      // The options page shows each check's download size without reading the files.
      const sizes = Object.fromEntries(files.filter((file) => 'absoluteSrc' in file && file.relativeDest.startsWith('ml/')).map((file) => [file.relativeDest.slice(3), statSync((file as { absoluteSrc: string }).absoluteSrc).size]));
      files.push({ contents: JSON.stringify(sizes), relativeDest: `ml/${SIZES_FILE}` });
      if (wxt.config.browser !== 'firefox') files.push({ absoluteSrc: resolve('src/managed/managed_schema.json'), relativeDest: 'managed_schema.json' });
    },
  },
  vite: () => ({
    // No react → preact/compat aliases: the demo page's Draft.js runs on real React, as on X.
    plugins: [preact({ reactAliasesEnabled: false })],
  }),
});
