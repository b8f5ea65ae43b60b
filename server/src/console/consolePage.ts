import type { ConsoleTab } from './operations.js';

/** Voxlay's icon (the PWA's favicon.svg), inline: one request fewer. */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="2" y="2" width="96" height="96" rx="22" fill="#7c6cff"/><g fill="#fff" transform="translate(9 9) scale(.82)"><rect x="14" y="40" width="10" height="20" rx="5"/><rect x="30" y="28" width="10" height="44" rx="5"/><rect x="46" y="16" width="10" height="68" rx="5"/><rect x="62" y="30" width="10" height="40" rx="5"/><rect x="78" y="42" width="8" height="16" rx="4"/></g></svg>';

/**
 * The console's own script (served as a file: the page has no inline script, so it works under a
 * `script-src 'self'` policy). It reads the page's JSON config, points Monaco's workers at their
 * files, and in token mode sends the token field's value as `Authorization: Bearer` on HTTP
 * (Yoga's GraphiQL calls `additionalHeaders` per request when it is a function) and as
 * `connectionParams.token` when the WebSocket connects (its graphql-ws client calls
 * `connectionParams` at each connection; it connects lazily and closes when no subscription runs,
 * so a new token applies from the next subscription).
 */
export const CONSOLE_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('voxlay-console-config').textContent);
  var workers = config.workers;
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return workers[label] || workers.editorWorkerService;
    },
  };
  var options = config.graphiql;
  if (config.tokenMode) {
    var KEY = 'voxlay-console:token';
    var read = function () {
      try { return (sessionStorage.getItem(KEY) || '').trim(); } catch (e) { return ''; }
    };
    var field = document.getElementById('voxlay-token');
    field.value = read();
    field.addEventListener('input', function () {
      try { sessionStorage.setItem(KEY, field.value.trim()); } catch (e) { /* private mode: kept for this page only */ }
    });
    var token = function () { return read() || field.value.trim(); };
    options.additionalHeaders = function () {
      var t = token();
      return t ? { authorization: 'Bearer ' + t } : {};
    };
    options.connectionParams = function () {
      var t = token();
      return t ? { token: t } : {};
    };
  }
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

export const CONSOLE_STYLE = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; }
#root { flex: 1; min-height: 0; }
#voxlay-token-bar { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; padding: 0.4rem 1rem;
  font: 13px/1.4 system-ui, sans-serif; background: #f3f1ff; color: #1d1b2e; border-bottom: 1px solid #d8d3ff; }
#voxlay-token-bar label { font-weight: 600; }
#voxlay-token { flex: 0 1 28rem; min-width: 12rem; padding: 0.25rem 0.5rem; font: 12px ui-monospace, monospace; }
#voxlay-token-bar small { color: #4b4766; }
@media (prefers-color-scheme: dark) {
  #voxlay-token-bar { background: #1f1c33; color: #e8e6ff; border-color: #36315a; }
  #voxlay-token-bar small { color: #b7b2d9; }
}
`;

export interface ConsolePageOptions {
  tokenMode: boolean;
  tabs: ConsoleTab[];
  /** URLs of the assets (content-hashed names). */
  urls: { graphiqlJs: string; graphiqlCss: string; consoleJs: string; consoleCss: string };
  workers: { editorWorkerService: string; json: string; graphql: string };
}

/** JSON that can sit inside a <script> element: no `</script>`, no HTML comment openers. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The console page: a few kilobytes, built once per server (its config does not change while it runs). */
export function consolePage(options: ConsolePageOptions): string {
  const config = {
    tokenMode: options.tokenMode,
    workers: options.workers,
    graphiql: {
      title: 'Voxlay console',
      endpoint: '/graphql',
      subscriptionsProtocol: 'WS',
      defaultTabs: options.tabs,
      defaultQuery: options.tabs[0]?.query,
      defaultEditorToolsVisibility: 'variables',
    },
  };
  const tokenBar = options.tokenMode
    ? `<div id="voxlay-token-bar">
  <label for="voxlay-token">Token</label>
  <input id="voxlay-token" type="password" autocomplete="off" spellcheck="false" placeholder="an admin JWT (npm run token -- ... --rights join,publish,subscribe,admin)">
  <small>Token mode: sent as <code>Authorization: Bearer</code> on HTTP and as <code>connectionParams.token</code> on the WebSocket (subscriptions); kept in this tab only (sessionStorage).</small>
</div>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Voxlay console</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(FAVICON)}">
<link rel="stylesheet" href="${options.urls.graphiqlCss}">
<link rel="stylesheet" href="${options.urls.consoleCss}">
</head>
<body class="no-focus-outline">
<noscript>The Voxlay console (GraphiQL) needs JavaScript.</noscript>
${tokenBar}
<div id="root"></div>
<script id="voxlay-console-config" type="application/json">${scriptJson(config)}</script>
<script src="${options.urls.graphiqlJs}"></script>
<script src="${options.urls.consoleJs}"></script>
</body>
</html>
`;
}
