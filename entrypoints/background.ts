import { defineBackground } from '#imports';

// Pack distribution (managed storage, signed URLs, refresh) arrives with the distribution work.
export default defineBackground(() => {});
