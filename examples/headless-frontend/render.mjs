// Prints the HTML that the library's components render for a page of a running CMS.
// Usage: node render.mjs <CMS base URL> <page path, e.g. /sv/> [--posts]
import { render } from "./render-lib.mjs";

const [base, uri = "/fi/", flag] = process.argv.slice(2);
if (!base) {
  console.error("usage: node render.mjs <CMS base URL> <page path> [--posts]");
  process.exit(2);
}
const language = uri.split("/")[1] || "fi";
try {
  process.stdout.write((await render({ base, uri, language, posts: flag === "--posts" })) + "\n");
  process.exit(0);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
