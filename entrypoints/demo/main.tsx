import '../../src/demo/node-global';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { renderDemo } from '../../src/demo/demo-page';
import contentScript from '../content';
import './style.css';

// Browsers never inject content scripts into extension pages (match patterns cannot name
// chrome-extension:// or moz-extension:// URLs, and scripting refuses them), so this page runs
// Sera's content script itself: the same main() as on a social site, with its own context. Wiring
// the guards anew here would demonstrate a copy; this way the demo shows exactly what ships. It
// runs before the page's own scripts, as the real one does at document_start.
contentScript.main(new ContentScriptContext('content'));

document.documentElement.lang = browser.i18n.getUILanguage();
renderDemo(document.getElementById('app')!);
