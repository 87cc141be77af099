// Draft.js (through fbjs) reads Node's `global`; the demo page gives it the window's global object.
// Imported first by the page, before any editor module runs.
(globalThis as { global?: typeof globalThis }).global ??= globalThis;
