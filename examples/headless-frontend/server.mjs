// The example frontend: pages of the CMS rendered by react-helsinki-headless-cms's own components.
//   CMS_URL (default http://127.0.0.1:8000, `make run`) and FRONTEND_PORT (default 3000).
//   /            → the Finnish home page       /<fi|sv|en>/<path>/ → that page
//   /<fi|sv|en>/posts/ → the meetings and events as posts
import http from "node:http";
import { render } from "./render-lib.mjs";

const CMS_URL = process.env.CMS_URL ?? "http://127.0.0.1:8000";
const PORT = Number(process.env.FRONTEND_PORT ?? 3000);
const LANGUAGES = ["fi", "sv", "en"];

let queue = Promise.resolve(); // one render at a time: jsdom's document is shared

function page(language, body) {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>react-helsinki-headless-cms × ${CMS_URL}</title>
<link rel="stylesheet" href="${CMS_URL}/static/vendor/hds/all.min.css"></head>
<body>${body}</body></html>`;
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, "http://localhost");
  let path = url.pathname === "/" ? "/fi/" : url.pathname;
  if (!path.endsWith("/")) path += "/";
  const language = path.split("/")[1];
  if (!LANGUAGES.includes(language)) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  const posts = path === `/${language}/posts/`;
  queue = queue.then(async () => {
    try {
      const html = await render({ base: CMS_URL, uri: path, language, posts });
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(language, html));
    } catch (error) {
      response.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end(`${error.message}\n`);
    }
  });
});
server.listen(PORT, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${PORT}/ — pages of ${CMS_URL} rendered by react-helsinki-headless-cms`);
});
