// Parses Mermaid diagram files with Mermaid itself (in a jsdom window): prints one JSON line per
// file, { file, ok, type } or { file, ok: false, error }. Run as its own ES module process.
import fs from "fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
for (const file of process.argv.slice(2)) {
  try {
    const r = await mermaid.parse(fs.readFileSync(file, "utf8"));
    console.log(JSON.stringify({ file, ok: true, type: r.diagramType }));
  } catch (e) {
    console.log(JSON.stringify({ file, ok: false, error: String(e.message).split("\n")[0] }));
  }
}
