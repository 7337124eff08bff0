// The library's own Apollo components (Navigation, Notification, Page, PageContent) and a post
// list rendered against a running CMS, in jsdom: one browser-like scope for the process.
import { createRequire } from "node:module";
import { JSDOM, VirtualConsole } from "jsdom";

// jsdom's CSS parser does not read all of HDS's stylesheets: not an error of the page.
const virtualConsole = new VirtualConsole();
virtualConsole.on("jsdomError", (error) => {
  if (!String(error.message).includes("Could not parse CSS stylesheet")) console.error(error);
});
const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
  url: "http://localhost/",
  pretendToBeVisual: true,
  virtualConsole,
});
const { window } = dom;
for (const name of Object.getOwnPropertyNames(window)) {
  if (!(name in globalThis)) {
    try {
      globalThis[name] = window[name];
    } catch {
      /* read-only in Node */
    }
  }
}
Object.defineProperty(globalThis, "navigator", { value: window.navigator, configurable: true });
globalThis.window = window;
globalThis.document = window.document;
window.matchMedia ??= () => ({
  matches: false,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
});
globalThis.matchMedia = window.matchMedia;
window.scrollTo = () => {};

// The library's CommonJS build: its ES build imports named exports from @apollo/client 3, which
// Node's ES loader cannot read from a CommonJS package (bundlers can).
const require = createRequire(import.meta.url);
// That build calls require("html-react-parser") as a function, as a bundler's default-export
// interop would give it; Node gives the module object: hand it the function, as bundlers do.
const parserPath = require.resolve("html-react-parser");
const parser = require(parserPath);
if (typeof parser !== "function" && typeof parser.default === "function") {
  require.cache[parserPath].exports = Object.assign(parser.default, parser);
}
const React = require("react");
const { createRoot } = require("react-dom/client");
const { ApolloClient, InMemoryCache, HttpLink } = require("@apollo/client");
const cms = require("@city-of-helsinki/react-helsinki-headless-cms");
const apollo = require("@city-of-helsinki/react-helsinki-headless-cms/apollo");

const h = React.createElement;
const SITE_NAMES = {
  fi: "Vapaaehtoistyön neuvottelukunta",
  sv: "Kommissionen för frivilligt arbete",
  en: "Volunteer Work Advisory Board",
};

function Posts({ language }) {
  const { data, loading } = apollo.usePostsQuery({ variables: { first: 20, language: language.toUpperCase() } });
  if (loading || !data) return h("p", { className: "loading" }, "…");
  return h(
    "ul",
    { className: "posts" },
    data.posts.edges.map(({ node }) =>
      h(
        "li",
        { key: node.id },
        h("a", { href: node.link }, node.title),
        " – ",
        node.lead,
        " (",
        node.categories.edges.map((edge) => edge.node.name).join(", "),
        ")",
      ),
    ),
  );
}

/** The HTML of `uri` (a page's public path) or, with `posts`, of the post list, in `language`. */
export async function render({ base, uri, language, posts = false, timeout = 30_000 }) {
  const code = language.toUpperCase();
  const client = new ApolloClient({
    link: new HttpLink({ uri: new URL("/graphql/", base).href, fetch }),
    cache: new InMemoryCache({ possibleTypes: { MenuItemLinkable: ["Page"] } }),
  });
  const config = {
    ...cms.defaultConfig,
    siteName: SITE_NAMES[language] ?? SITE_NAMES.fi,
    currentLanguageCode: cms.LanguageCodeEnum[code[0] + code.slice(1).toLowerCase()],
    apolloClient: client,
    internalHrefOrigins: [new URL(base).origin],
    components: {
      ...cms.defaultConfig.components,
      A: (props) => h("a", props),
      Img: (props) => h("img", props),
      Link: (props) => h("a", props),
    },
  };
  const app = h(
    cms.ConfigProvider,
    { config },
    h(apollo.Page, {
      uri: posts ? `/${language}/` : uri,
      navigation: h(apollo.Navigation, {
        menuName: `main-${language}`,
        getPathnameForLanguage: (lang) => `/${lang.slug}/`,
      }),
      notification: h(apollo.Notification, {}),
      content: posts ? h(Posts, { language }) : h(apollo.PageContent, {}),
      footer: h("footer", null, SITE_NAMES[language] ?? SITE_NAMES.fi),
    }),
  );
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  root.render(app);
  // Until every query has answered and the output stops changing.
  const deadline = Date.now() + timeout;
  let last = "";
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const html = container.innerHTML;
      const busy = /loadingSpinner|class="loading"/.test(html);
      if ((!busy && html === last) || Date.now() > deadline) {
        if (busy) throw new Error(`${uri}: still loading after ${timeout} ms`);
        return html;
      }
      last = html;
    }
  } finally {
    root.unmount();
    container.remove();
    client.stop();
  }
}
