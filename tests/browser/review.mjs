// Loads a carelint review page (`--format html`) in headless Chromium and prints what a reader
// would meet, as JSON, for tests/browser.rs to judge: every finding's card and the text of its
// highlight, what each filter hides, where the keyboard goes, what the page tried to load or run,
// and the page with JavaScript off. Asserts nothing itself.
//
// node review.mjs PAGE.html [SCREENSHOT.png]   (CHROMIUM names the browser; default /usr/bin/chromium)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_path, screenshot] = process.argv.slice(2);
const url = pathToFileURL(page_path).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

async function open(javaScriptEnabled) {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  const seen = { requests: [], console: [], errors: [] };
  page.on("request", (r) => {
    if (r.url() !== url) seen.requests.push(r.url());
  });
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  return { page, seen };
}

const { page, seen } = await open(true);

// Each card, with its file and span, and the joined text of the marks that carry its number.
const cards = () =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("li.card")).map((c) => {
      const marks = Array.from(document.querySelectorAll(`mark.hl[data-f="${c.dataset.f}"]`));
      return {
        f: Number(c.dataset.f),
        path: c.closest("section.file").dataset.path,
        rule: c.dataset.rule,
        category: c.dataset.cat,
        severity: c.dataset.sev,
        start: Number(c.dataset.start),
        end: Number(c.dataset.end),
        highlighted: marks.length > 0,
        text: marks.map((m) => m.textContent).join(""),
        hidden: c.hidden,
        lit: marks.some((m) => !m.classList.contains("off")),
      };
    }),
  );

const loaded = await cards();
const page_facts = await page.evaluate(() => ({
  highlighted_findings: new Set(
    Array.from(document.querySelectorAll("mark.hl[data-f]")).map((m) => m.dataset.f),
  ).size,
  scripts: document.scripts.length,
  // Anything article text could have turned into markup or code.
  foreign_elements: document.querySelectorAll("img, iframe, object, embed, textarea, form:not(#filters), svg, math, base, link, meta[http-equiv=refresh]").length,
  event_attributes: Array.from(document.querySelectorAll("*")).filter((e) =>
    Array.from(e.attributes).some((a) => a.name.startsWith("on")),
  ).length,
  javascript_links: Array.from(document.querySelectorAll("a[href]")).filter((a) =>
    a.getAttribute("href").trim().toLowerCase().startsWith("javascript:"),
  ).length,
  pwned: typeof window.pwned !== "undefined" || typeof window.__pwned !== "undefined",
  text: document.body.innerText,
  summary_first: document.querySelector("header + #summary") !== null,
  filters_shown: !document.getElementById("filters").hidden,
  title: document.title,
  // Text whose contrast with its background is under WCAG AA's 4.5:1.
  low_contrast: (() => {
    const rgb = (c) => {
      const m = c.match(/rgba?\(([^)]*)\)/);
      const p = m ? m[1].split(/[\s,/]+/).filter(Boolean).map(Number) : [0, 0, 0, 0];
      return { c: p.slice(0, 3), a: p.length > 3 ? p[3] : 1 };
    };
    const lum = (c) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const b = rgb(getComputedStyle(e).backgroundColor);
        if (b.a > 0) return b.c;
      }
      return [255, 255, 255];
    };
    const low = [];
    for (const el of document.querySelectorAll("body *")) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.checkVisibility()) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color).c), lum(background(el))].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) low.push(`${el.tagName.toLowerCase()}.${el.className}: ${ratio.toFixed(2)}`);
    }
    return low;
  })(),
  landmarks: {
    h1: document.querySelectorAll("h1").length,
    main: document.querySelectorAll("main").length,
    nav: document.querySelectorAll("nav[aria-labelledby]").length,
    unnamed_sections: Array.from(document.querySelectorAll("section")).filter(
      (s) => !document.getElementById(s.getAttribute("aria-labelledby") || "-"),
    ).length,
    sections: document.querySelectorAll("section.file").length,
    file_headings: document.querySelectorAll("section.file h2").length,
  },
  // Each article's text as the page holds it (line numbers and pins are drawn by CSS).
  sources: Array.from(document.querySelectorAll("section.file")).map((s) => ({
    path: s.dataset.path,
    text: s.querySelector(".src") ? s.querySelector(".src").textContent : null,
  })),
}));

// Each filter alone: untick it, see which cards stay, tick it again.
const filters = [];
for (const input of await page.locator("#filters input[type=checkbox]").all()) {
  const name = await input.getAttribute("name");
  const value = await input.getAttribute("value");
  await input.uncheck();
  const after = await cards();
  filters.push({
    name,
    value,
    visible: after.filter((c) => !c.hidden).map((c) => c.f),
    lit: after.filter((c) => c.lit).map((c) => c.f),
  });
  await input.check();
}
const restored = (await cards()).filter((c) => !c.hidden).length;

// Keyboard: j, j, k from the top of the page.
await page.locator("h1").click();
const keyboard = [];
for (const key of ["j", "j", "k", "k"]) {
  await page.keyboard.press(key);
  keyboard.push(await page.evaluate(() => document.activeElement && document.activeElement.id));
}

// Clicking the last finding's marked phrase lands on its card.
const last = loaded.filter((c) => c.highlighted).pop();
let clicked = null;
if (last) {
  await page.locator(`mark.hl[data-f="${last.f}"]`).first().click();
  clicked = await page.evaluate(() => document.activeElement && document.activeElement.id);
}

if (screenshot) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot, fullPage: true });
}

// With JavaScript off: every finding shown, no filters.
const off = await open(false);
const no_script = await off.page.evaluate(() => ({
  cards: document.querySelectorAll("li.card").length,
  hidden_cards: document.querySelectorAll("li.card[hidden]").length,
  filters_hidden: document.getElementById("filters").hidden,
  marks_off: document.querySelectorAll("mark.off").length,
}));

await browser.close();
process.stdout.write(
  JSON.stringify({
    cards: loaded,
    page: page_facts,
    filters,
    restored,
    keyboard,
    clicked,
    no_script,
    requests: seen.requests.concat(off.seen.requests),
    console: seen.console.concat(off.seen.console),
    errors: seen.errors.concat(off.seen.errors),
  }),
);
