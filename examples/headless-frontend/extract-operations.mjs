// Extracts the GraphQL documents that @city-of-helsinki/react-helsinki-headless-cms embeds in
// its JavaScript build (gql`…` template literals compiled to _taggedTemplateLiteral([...])) and
// writes them as one .graphql file per target service:
//   operations/cms.graphql          – documents sent to the CMS (WPGraphQL schema)
//   operations/linkedevents.graphql – documents sent to the City's LinkedEvents/venue service
// Each template's interpolations are fragment documents referenced by name inside the text, so
// every template is parsed on its own and the definitions are collected; an operation's file
// entry is the operation plus the fragments it needs (transitively), as Apollo would send it.
// Usage: node extract-operations.mjs [--check]   (--check: fail if the committed files differ)
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { parse, print, visit, Kind } from "graphql";

const here = path.dirname(new URL(import.meta.url).pathname);
const pkgJson = path.join(here, "node_modules/@city-of-helsinki/react-helsinki-headless-cms/package.json");
const dist = path.join(path.dirname(pkgJson), "dist");
const version = JSON.parse(fs.readFileSync(pkgJson, "utf8")).version;

// the ESM build only (dist/cjs holds the same documents again)
const files = fs.readdirSync(dist).filter((f) => f.endsWith(".js")).sort();

function arrayLiteralAt(src, start) {
  // src[start] === "[": return the literal up to its matching "]", skipping string contents
  let depth = 0;
  let quote = null;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return src.slice(start, i + 1);
  }
  throw new Error("unterminated array literal");
}

const definitions = new Map(); // name -> {node, source, service}
const marker = "_taggedTemplateLiteral(";
let templates = 0;
for (const file of files) {
  const src = fs.readFileSync(path.join(dist, file), "utf8");
  // LinkedEvents queries live beside the event components; everything else talks to the CMS
  for (let at = src.indexOf(marker); at !== -1; at = src.indexOf(marker, at + 1)) {
    const open = at + marker.length;
    if (src[open] !== "[") continue; // the helper's own definition
    const strings = vm.runInNewContext(arrayLiteralAt(src, open), {}, { timeout: 1000 });
    const text = strings.join("\n");
    let doc;
    try {
      doc = parse(text);
    } catch {
      continue; // a tagged template that is not GraphQL (e.g. styled CSS)
    }
    templates++;
    for (const def of doc.definitions) {
      const name = def.name?.value;
      if (!name) throw new Error(`anonymous definition in ${file}`);
      const printed = print(def);
      const previous = definitions.get(name);
      if (previous && previous.printed !== printed) {
        throw new Error(`two different definitions named ${name}`);
      }
      definitions.set(name, { def, printed, file });
    }
  }
}

function spreads(node) {
  const names = new Set();
  visit(node, { FragmentSpread: (s) => void names.add(s.name.value) });
  return names;
}
function needed(def, seen = new Set()) {
  for (const name of spreads(def)) {
    if (seen.has(name)) continue;
    const frag = definitions.get(name);
    if (!frag) throw new Error(`fragment ${name} used by ${def.name.value} is not in the build`);
    seen.add(name);
    needed(frag.def, seen);
  }
  return seen;
}

// root fields that belong to LinkedEvents (the City's event service), not to the CMS
const LINKED_EVENTS_ROOTS = new Set(["eventList", "eventsByIds", "eventDetails", "venuesByIds", "venue"]);
const out = { cms: [], linkedevents: [] };
for (const [name, { def }] of [...definitions].sort(([a], [b]) => a.localeCompare(b))) {
  if (def.kind !== Kind.OPERATION_DEFINITION) continue;
  const roots = def.selectionSet.selections.map((s) => s.name.value);
  const service = roots.some((r) => LINKED_EVENTS_ROOTS.has(r)) ? "linkedevents" : "cms";
  const frags = [...needed(def)].sort().map((n) => definitions.get(n).printed);
  out[service].push(`# operation ${name}\n${[print(def), ...frags].join("\n\n")}\n`);
}

const check = process.argv.includes("--check");
let stale = false;
fs.mkdirSync(path.join(here, "operations"), { recursive: true });
for (const [service, docs] of Object.entries(out)) {
  const header =
    `# GraphQL operations of @city-of-helsinki/react-helsinki-headless-cms ${version}\n` +
    `# extracted from its JavaScript build by examples/headless-frontend/extract-operations.mjs;\n` +
    `# do not edit. Documents are separated by lines "# operation <name>".\n\n`;
  const text = header + docs.join("\n");
  const target = path.join(here, "operations", `${service}.graphql`);
  if (check) {
    if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text) {
      console.error(`${target} differs from the installed package; run npm run extract`);
      stale = true;
    }
  } else fs.writeFileSync(target, text);
  console.log(`${service}: ${docs.length} operations`);
}
console.log(`${templates} GraphQL templates, ${definitions.size} definitions`);
process.exit(stale ? 1 : 0);
