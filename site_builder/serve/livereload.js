// site-builder live reload: one script, two roles.
// In a page it shows build errors, swaps CSS and reloads; as a SharedWorker it holds the
// ONE long-poll that all tabs share (Chromium allows 6 HTTP/1.1 connections per host, so
// one stream per tab would hang the 7th tab).
"use strict";

const POLL = "/__livereload/poll";

function pollForever(onState) {
  let version = -1;
  (async () => {
    for (;;) {
      try {
        const response = await fetch(`${POLL}?version=${version}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`poll answered ${response.status}`);
        const state = await response.json();
        version = state.version;
        onState(state);
      } catch (error) {
        // Server restarting or gone: retry without spinning.
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
}

function runWorker() {
  const ports = new Set();
  let last = null;
  self.onconnect = (event) => {
    const port = event.ports[0];
    ports.add(port);
    port.onmessage = (message) => {
      if (message.data === "bye") ports.delete(port);
    };
    if (last !== null) port.postMessage(last);
  };
  pollForever((state) => {
    last = state;
    for (const port of ports) port.postMessage(state);
  });
}

function runPage(script) {
  // The generation of the build this page was served from: a build that finished
  // while the page was loading is newer, so the first state received reloads again.
  let generation = Number(script.dataset.generation);
  let reloading = false;
  const scrollKey = `site-builder:scroll:${location.pathname}`;

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved);
    window.scrollTo(x, y);
    // Layout may still grow (fonts, images): try once more when everything is in.
    window.addEventListener("load", () => window.scrollTo(x, y), { once: true });
  }

  function swapStylesheets(newGeneration) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("sb", String(newGeneration));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      // Keep the old sheet until the new one is in: no flash of unstyled page.
      fresh.addEventListener("load", () => link.remove(), { once: true });
      fresh.addEventListener("error", () => link.remove(), { once: true });
      link.after(fresh);
    }
  }

  // This page's output file ("" when unknown: then every build reloads it).
  const page = script.dataset.page || "";

  // What the builds since this page's own did to it: "reload", "css" or "none".
  // A build names the files it changed (null: too many to list, or unknown).
  function effect(state) {
    const newer = state.history.filter(([g]) => g > generation);
    if (newer.length !== state.generation - generation) return "reload";
    let css = false;
    for (const [, kind, pages] of newer) {
      if (kind === "css") css = true;
      else if (pages === null || page === "" || pages.includes(page)) return "reload";
    }
    return css ? "css" : "none";
  }

  function apply(state) {
    showErrors(state.errors);
    if (reloading || state.generation <= generation) return;
    const what = effect(state);
    if (what !== "reload") {
      if (what === "css") swapStylesheets(state.generation);
      generation = state.generation;
      return;
    }
    reloading = true;
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  if (typeof SharedWorker === "function") {
    const worker = new SharedWorker(script.src, { name: "site-builder-livereload" });
    worker.port.onmessage = (event) => apply(event.data);
    worker.port.start();
    window.addEventListener("pagehide", () => worker.port.postMessage("bye"));
  } else {
    pollForever(apply);
  }
}

function showErrors(errors) {
  const id = "site-builder-errors";
  document.getElementById(id)?.remove();
  if (!errors.length) return;
  const box = document.createElement("div");
  box.id = id;
  box.setAttribute("role", "alert");
  box.style.cssText =
    "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
    "margin:0;padding:1em 1.5em;background:#2b0b0b;color:#fff;font:14px/1.5 ui-monospace," +
    "monospace;border-top:4px solid #e5484d;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
  const heading = document.createElement("p");
  heading.style.cssText = "margin:0 0 .5em;font-weight:bold;color:#ff9592";
  heading.textContent = "site-builder: the last good build is shown; fix this to update";
  box.append(heading);
  for (const error of errors) {
    const where = document.createElement("p");
    where.style.margin = ".75em 0 .25em";
    const place = document.createElement("strong");
    place.className = "where";
    place.textContent = error.where;
    where.append(place, document.createTextNode(`: ${error.message}`));
    box.append(where);
    if (error.source !== null) {
      const source = document.createElement("pre");
      source.className = "source";
      source.style.cssText = "margin:0;padding:.25em .5em;background:#000;white-space:pre-wrap";
      source.textContent = `${error.line} | ${error.source}`;
      box.append(source);
    }
  }
  document.body.append(box);
}

if (typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope) {
  runWorker();
} else {
  runPage(document.currentScript);
}
