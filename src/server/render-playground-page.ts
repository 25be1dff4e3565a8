/** A principal the playground's picker offers, with a ready token: the demo's only, given at run time, never read from a file. */
export interface PlaygroundPrincipal {
  /** Short name shown in the picker, e.g. `commune-officer`. */
  name: string;
  description: string;
  /** The bearer token the playground sends as this principal. */
  token: string;
}

/** An example operation the playground opens as a tab. */
export interface PlaygroundTab {
  /** The operation, with a comment saying who should run it and what it shows. */
  query: string;
  /** Variables as JSON text. */
  variables?: string;
}

export interface PlaygroundPageOptions {
  /** Where the page sends operations. @default '/graphql' */
  endpoint?: string;
  /** Offered by the picker; without any, the page asks for a token, which it keeps in memory only. @default [] */
  principals?: readonly PlaygroundPrincipal[];
  /** Example operations, one tab each; without any, one tab with a procedure search. @default [] */
  tabs?: readonly PlaygroundTab[];
}

const TITLE = 'lienthong playground';

/**
 * The playground page: GraphiQL as @graphql-yoga/render-graphiql renders it (one
 * self-contained page: scripts, styles and editor workers inline, no external URL), with a
 * bar above it that chooses who the requests are sent as.
 *
 * The bar adds `Authorization: Bearer <token>` to every request the page sends to
 * `endpoint` that does not set its own in the Headers tab: the token of the principal
 * picked (the demo's), or one pasted in (kept in the page's memory, never stored). So the
 * schema's documentation loads as soon as the page opens in the demo, and never without a
 * token elsewhere.
 */
export function renderPlaygroundPage({ endpoint = '/graphql', principals = [], tabs = [] }: PlaygroundPageOptions = {}): string {
  // Required lazily: the renderer is about 9 MB of JavaScript, loaded only when the page is served.
  const { renderGraphiQL } = require('@graphql-yoga/render-graphiql') as typeof import('@graphql-yoga/render-graphiql');
  const html = renderGraphiQL({
    endpoint,
    title: TITLE,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
    ...(tabs.length > 0
      ? {
          defaultTabs: tabs.map((t) => ({ query: t.query, variables: t.variables ?? null, headers: null })),
          // GraphiQL fills the first tab's variables editor from this, not from defaultTabs.
          variables: tabs[0]!.variables,
        }
      : { defaultQuery: DEFAULT_QUERY }),
  } as Parameters<typeof renderGraphiQL>[0]);
  // The renderer writes its options into an inline script as plain JSON: what we give it must not close that script.
  if (/<\/script/i.test(JSON.stringify(tabs))) throw new Error('playground tabs must not contain "</script"');
  const body = '<body id="body" class="no-focus-outline">';
  if (!html.includes(body) || !html.includes('</head>')) throw new Error('@graphql-yoga/render-graphiql changed its page; the playground bar has nowhere to go');
  const settings = { endpoint, principals: principals.map(({ name, description, token }) => ({ name, description, token })) };
  return html
    .replace('</head>', `<style>${BAR_STYLE}</style><script>window.LIENTHONG_PLAYGROUND = ${scriptJson(settings)};${BAR_SCRIPT}</script></head>`)
    .replace(body, `${body}${barHtml(principals)}`);
}

/** JSON safe inside an inline script: no `<` can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function barHtml(principals: readonly PlaygroundPrincipal[]): string {
  const who =
    principals.length > 0
      ? `<label>Act as <select id="lienthong-principal">${principals.map((p) => `<option value="${escapeHtml(p.name)}">${escapeHtml(p.name)}</option>`).join('')}</select></label>` +
        '<span id="lienthong-description"></span>'
      : '<label>Bearer token <input id="lienthong-token" type="password" autocomplete="off" spellcheck="false" placeholder="paste an access token"></label>' +
        '<button id="lienthong-use" type="button">Use</button>';
  return `<div id="lienthong-bar"><strong>lienthong</strong>${who}<span id="lienthong-status"></span></div>`;
}

const BAR_STYLE = `
html, body { height: 100%; }
body { margin: 0; display: flex; flex-direction: column; }
#root { flex: 1 1 auto; min-height: 0; height: auto !important; }
#lienthong-bar { flex: 0 0 auto; display: flex; gap: 12px; align-items: center; padding: 6px 12px; font: 13px/1.4 system-ui, sans-serif;
  background: #0b3d91; color: #fff; }
#lienthong-bar label { display: flex; align-items: center; white-space: nowrap; }
#lienthong-bar select, #lienthong-bar input { font: inherit; margin-left: 6px; }
#lienthong-bar input { width: 28em; }
#lienthong-description { opacity: .85; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1 1 auto; }
#lienthong-status { margin-left: auto; opacity: .85; white-space: nowrap; }
`;

/**
 * Runs in the page before GraphiQL: wraps `fetch` so that requests to the endpoint carry the
 * chosen principal's token unless the Headers tab sets an Authorization header itself.
 * GraphiQL's fetcher calls `globalThis.fetch` at request time, so the wrapper sees them all.
 */
const BAR_SCRIPT = `
(function () {
  var settings = window.LIENTHONG_PLAYGROUND;
  var token = null;
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var target = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    if (token && target.origin === location.origin && target.pathname === settings.endpoint) {
      var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      if (!headers.has('authorization')) headers.set('authorization', 'Bearer ' + token);
      init = Object.assign({}, init, { headers: headers });
    }
    return originalFetch(input, init);
  };
  function refetchSchema() {
    var button = document.querySelector('[aria-label^="Re-fetch GraphQL schema"]');
    if (button) button.click();
  }
  function show(text) { var s = document.getElementById('lienthong-status'); if (s) s.textContent = text; }
  function pick(name, refetch) {
    var principal = settings.principals.filter(function (p) { return p.name === name; })[0] || settings.principals[0];
    token = principal.token;
    try { sessionStorage.setItem('lienthong.principal', principal.name); } catch (e) {}
    document.getElementById('lienthong-principal').value = principal.name;
    document.getElementById('lienthong-description').textContent = principal.description;
    show('requests carry this principal\\'s token unless the Headers tab sets Authorization');
    if (refetch) refetchSchema();
  }
  if (settings.principals.length > 0) {
    var remembered = null;
    try { remembered = sessionStorage.getItem('lienthong.principal'); } catch (e) {}
    token = (settings.principals.filter(function (p) { return p.name === remembered; })[0] || settings.principals[0]).token;
    document.addEventListener('DOMContentLoaded', function () {
      pick(remembered, false);
      document.getElementById('lienthong-principal').addEventListener('change', function (event) { pick(event.target.value, true); });
    });
  } else {
    document.addEventListener('DOMContentLoaded', function () {
      show('no token: paste one, or set Authorization in the Headers tab');
      function use() {
        var value = document.getElementById('lienthong-token').value.trim().replace(/^Bearer\\s+/i, '');
        token = value || null;
        show(token ? 'requests carry the pasted token (kept in this page only)' : 'no token');
        refetchSchema();
      }
      document.getElementById('lienthong-use').addEventListener('click', use);
      document.getElementById('lienthong-token').addEventListener('keydown', function (event) { if (event.key === 'Enter') use(); });
    });
  }
})();
`;

const DEFAULT_QUERY = `# lienthong: one GraphQL API over the national procedure database,
# the provinces' one-stop systems and the document exchange.
query KhaiSinh {
  procedures(filter: { text: "khai sinh" }, first: 5) {
    totalCount
    freshness { stale asOf }
    nodes {
      code
      name
      levels
      sectors { name }
      implementingAgencies { code name level }
    }
  }
}
`;
