import { defineContentScript } from '#imports';

// The compose-box guard (site adapters, inline warnings) arrives with the compose-box work.
export default defineContentScript({
  matches: ['https://x.com/*'],
  main() {},
});
