// Copies the front-end files Gương serves into src/guong/static/vendor (`make assets`).
// The product runs offline: everything a page loads comes from there, nothing from the internet.
// The copied files are committed, so a fresh clone runs without npm.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "guong", "static", "vendor");

// Source maps are not shipped, so their comments are dropped to spare browsers a 404.
const FILES = {
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap.min.css",
  "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap.bundle.min.js",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
};

const LICENSES = {
  "bootstrap/LICENSE": "bootstrap.txt",
  "bootstrap-icons/LICENSE": "bootstrap-icons.txt",
  "htmx.org/LICENSE": "htmx.txt",
};

// Bootstrap Icons used by the templates, gathered into one SVG sprite (`<use href="…#name">`).
const ICONS = [
  "arrow-left-right", "arrow-repeat", "box-arrow-right", "building", "calendar-event",
  "calendar-plus", "calendar3", "cash-coin", "check-circle", "check2", "check2-circle",
  "check2-square", "chevron-down", "chevron-right", "clock", "clock-history", "copy",
  "diagram-3", "download", "envelope", "exclamation-circle", "exclamation-triangle",
  "file-earmark", "file-earmark-spreadsheet", "file-earmark-text", "file-earmark-word",
  "filetype-csv", "flag", "funnel", "geo-alt", "hourglass-split", "house", "journal-text", "key",
  "list-check", "lock", "megaphone", "paperclip", "pencil", "pencil-square", "people",
  "person-badge", "person-check", "person-circle", "person-lines-fill", "person-x", "plus-lg",
  "printer", "search", "shield-check", "shield-lock", "signpost-split", "stars", "translate",
  "trash", "upload", "x-circle",
];

function withoutSourceMap(text) {
  return text.replace(/\n?\/[/*]# sourceMappingURL=\S+( \*\/)?\s*$/, "\n");
}

function sprite() {
  const symbols = ICONS.map((name) => {
    const svg = readFileSync(join(modules, "bootstrap-icons", "icons", `${name}.svg`), "utf8");
    const viewBox = svg.match(/viewBox="([^"]+)"/)[1];
    const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "").trim();
    return `<symbol id="${name}" viewBox="${viewBox}">${inner}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">\n${symbols.join("\n")}\n</svg>\n`;
}

rmSync(vendor, { recursive: true, force: true });
mkdirSync(join(vendor, "licenses"), { recursive: true });
for (const [source, target] of Object.entries(FILES)) {
  const text = readFileSync(join(modules, source), "utf8");
  writeFileSync(join(vendor, target), withoutSourceMap(text));
}
for (const [source, target] of Object.entries(LICENSES)) {
  copyFileSync(join(modules, source), join(vendor, "licenses", target));
}
writeFileSync(join(vendor, "icons.svg"), sprite());
console.log(`copied ${Object.keys(FILES).length} files and ${ICONS.length} icons to ${vendor}`);
