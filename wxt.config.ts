import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Root layout: entrypoints/ holds WXT entrypoints only; src/ holds everything else by domain.
export default defineConfig({
  imports: false,
  manifest: {
    name: 'Sera',
    description:
      "Checks your social-media drafts against your employer's policy, on your device.",
    permissions: ['storage'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
