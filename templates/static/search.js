// The search page: one Pagefind instance per language bundle (pagefind/<lang>/), so
// each language keeps its own stemmer and one query searches all of them. Results are
// shown as brief cards. Loaded only by the search page; the page reads fine without it.
//
// A classic script, not a module: a page opened from disk runs it (a module script
// would be blocked there, silently), so it can say that search needs a web server.
(function () {
  "use strict";
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const languageSelect = document.getElementById("search-language");
  const topicSelect = document.getElementById("search-topic");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const offline = document.getElementById("search-offline");
  const root = new URL(form.dataset.root, window.location.href);
  const bundles = form.dataset.bundles.split(" ").filter(Boolean);
  // A language is indexed in shards of story pages (pagefind/en/, pagefind/en.3fa29c1e/,
  // ...), merged into one instance: an edit re-indexes one shard, not the archive.
  const shards = (form.dataset.shards || "").split(" ").filter(Boolean);
  const pageLanguage = document.documentElement.lang;
  // Dates and numbers as the site writes them: "26 November 2026" (en-GB), not the
  // browser's "November 26, 2026".
  const locale = form.dataset.locale || pageLanguage;
  const plurals = new Intl.PluralRules(pageLanguage);
  const dates = new Intl.DateTimeFormat(locale, {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  // Language names in the page's language, from the language filter's options.
  const languageNames = new Map(
    [...languageSelect.options].filter((o) => o.value).map((o) => [o.value, o.dataset.name]),
  );
  const MAX_RESULTS = 30;
  let engines = null;
  let generation = 0;

  // Every language and every shard at once: each merged shard costs two small
  // requests (its entry and metadata files), asked in parallel, not one after another.
  async function loadEngine(language) {
    const mine = shards.filter((name) => name.split(".")[0] === language);
    const [first, ...rest] = mine.length ? mine : [language];
    const module = await import(new URL(`pagefind/${first}/pagefind.js`, root).href);
    await module.options({ baseUrl: root.pathname });
    await module.init();
    await Promise.all(rest.map((name) =>
      module.mergeIndex(new URL(`pagefind/${name}/`, root).pathname, { baseUrl: root.pathname })));
    return { language, module };
  }

  function loadEngines() {
    return Promise.all(bundles.map(loadEngine));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function shownDate(iso) {
    // The story's own calendar day (its date as written), whatever the reader's zone.
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    if (!day) return "";
    return dates.format(new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])));
  }

  function card(data, language) {
    const article = element("article", "card");
    if (language !== pageLanguage) article.lang = language;
    const topics = topicsOf(data);
    if (topics.length) article.append(element("p", "topics", topics.join(" · ")));
    const heading = element("h2", "headline");
    const link = element("a", "", data.meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    article.append(heading);
    if (data.meta.summary) article.append(element("p", "summary", lead(data.meta.summary, language)));
    const meta = element("p", "meta");
    meta.lang = pageLanguage;
    const parts = [languageNames.get(language) || language];
    const day = shownDate(data.meta.date);
    if (day) parts.push(day);
    meta.textContent = parts.join(" · ");
    article.append(meta);
    return article;
  }

  const LEAD_CHARS = 120; // as the site's cards: the first sentence, cut between words

  function lead(text, language) {
    let first = text.trim();
    if (window.Intl && Intl.Segmenter) {
      const segments = new Intl.Segmenter(language, { granularity: "sentence" }).segment(first);
      for (const part of segments) { first = part.segment.trim(); break; }
    }
    if (first.length <= LEAD_CHARS) return first;
    const cut = first.slice(0, LEAD_CHARS + 1).replace(/\s+\S*$/, "");
    return cut.replace(/[\s,;:–—-]+$/, "") + "…";
  }

  function topicsOf(data) {
    return (data.meta.topics || "").split(" · ").map((name) => name.trim()).filter(Boolean);
  }

  function counted(count) {
    const text = plurals.select(count) === "one" ? form.dataset.foundOne : form.dataset.foundOther;
    return text.replace("{n}", count.toLocaleString(locale));
  }

  async function search() {
    const query = input.value.trim();
    const language = languageSelect.value;
    const topic = topicSelect.value;
    const mine = ++generation;
    if (!query) {
      results.replaceChildren();
      status.replaceChildren();
      const chosen = topicSelect.selectedOptions[0];
      if (topic && chosen && chosen.dataset.path) {
        // Every brief of a topic is already listed on its page.
        const link = element("a", "", chosen.textContent);
        link.href = chosen.dataset.path;
        status.append(link);
      }
      return;
    }
    status.textContent = form.dataset.loading;
    const chosen = engines.filter((engine) => !language || engine.language === language);
    const answers = await Promise.all(chosen.map((engine) => engine.module.search(query)));
    const found = answers.flatMap((answer, n) =>
      answer.results.map((result) => ({ result, language: chosen[n].language })));
    found.sort((a, b) => b.result.score - a.result.score);
    // Topics are page metadata: the topic filter reads the best results' data.
    const pool = found.slice(0, topic ? MAX_RESULTS * 5 : MAX_RESULTS);
    const loaded = await Promise.all(
      pool.map(async ({ result, language }) => ({ data: await result.data(), language })),
    );
    const kept = loaded.filter(({ data }) => !topic || topicsOf(data).includes(topic));
    if (mine !== generation) return; // a newer search already answered
    results.replaceChildren(...kept.slice(0, MAX_RESULTS).map(({ data, language }) => card(data, language)));
    const count = topic ? kept.length : found.length;
    status.textContent = count ? counted(count) : form.dataset.none;
  }

  function remember() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
    const query = params.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  let timer = 0;
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => { remember(); search(); }, 200);
  }

  async function start() {
    const params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    languageSelect.value = params.get("language") || "";
    topicSelect.value = params.get("topic") || "";
    if (window.location.protocol === "file:") {
      // Opened from disk, the browser refuses the index: say how to serve the site.
      offline.hidden = false;
      return;
    }
    try {
      engines = await loadEngines();
    } catch (error) {
      status.textContent = form.dataset.failed;
      return;
    }
    form.addEventListener("submit", (event) => { event.preventDefault(); remember(); search(); });
    input.addEventListener("input", soon);
    languageSelect.addEventListener("change", soon);
    topicSelect.addEventListener("change", soon);
    form.dataset.ready = "true";
    await search();
  }

  start();
})();
