// The library's own Apollo components (Navigation, Notification, Page, PageContent) and its
// archive's card list rendered against a running CMS, in jsdom: one browser-like scope for the process.
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

// jsdom loads no images (that would need the native canvas package), so the library's check that
// an image answers (its testImage, before it shows a placeholder instead) would never hear back:
// here an Image's address is fetched for real, as a browser would, and it fires `load` only for
// an image that the server answers with 200 and an image type, else `error`.
let pendingImages = 0;
function FetchingImage() {
  const img = window.document.createElement("img");
  // The library removes its listeners with an AbortSignal: Node's, which jsdom's EventTarget
  // refuses (Apollo's fetch needs Node's, so the global stays Node's); honour it here.
  const addEventListener = img.addEventListener.bind(img);
  img.addEventListener = (type, listener, options) => {
    const signal = options?.signal;
    if (!signal || signal instanceof window.AbortSignal) return addEventListener(type, listener, options);
    const { signal: _signal, ...rest } = options;
    if (signal.aborted) return undefined;
    addEventListener(type, listener, rest);
    signal.addEventListener("abort", () => img.removeEventListener(type, listener, rest), { once: true });
    return undefined;
  };
  Object.defineProperty(img, "src", {
    get: () => img.getAttribute("src") ?? "",
    set: (value) => {
      img.setAttribute("src", value);
      pendingImages += 1;
      fetch(new URL(value, window.location.href))
        .then(async (response) => {
          await response.arrayBuffer();
          if (!response.ok || !(response.headers.get("content-type") ?? "").startsWith("image/")) {
            throw new Error(`${value}: ${response.status}`);
          }
        })
        .then(
          () => img.dispatchEvent(new window.Event("load")),
          () => img.dispatchEvent(new window.Event("error")),
        )
        .finally(() => {
          pendingImages -= 1;
        });
    },
  });
  return img;
}
window.Image = FetchingImage;
globalThis.Image = FetchingImage;

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
const POSTS_TITLES = { fi: "Kokoukset ja tapahtumat", sv: "Möten och evenemang", en: "Meetings and events" };
const SITE_NAMES = {
  fi: "Vapaaehtoistyön neuvottelukunta",
  sv: "Kommissionen för frivilligt arbete",
  en: "Volunteer Work Advisory Board",
};

// The meetings and events as posts, shown by the library's own archive view: its
// SearchPageContent lays them out as its card list (a large card, then a grid of cards), each
// card made by the library's getArticlePageCardProps from a post of its posts query.
function Posts({ language }) {
  const { data, loading } = apollo.usePostsQuery({ variables: { first: 20, language: language.toUpperCase() } });
  if (loading || !data) return h("p", { className: "loading" }, "…");
  const items = data.posts.edges.map(({ node }) => node);
  return h(cms.SearchPageContent, {
    items,
    page: { title: POSTS_TITLES[language] ?? POSTS_TITLES.fi },
    largeFirstItem: true,
    createLargeCard: (item) => h(cms.LargeCard, { key: item.id, ...cms.getArticlePageCardProps(item) }),
    createCard: (item) => h(cms.Card, { key: item.id, ...cms.getArticlePageCardProps(item) }),
  });
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
      const busy = /loadingSpinner|class="loading"/.test(html) || pendingImages > 0;
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
