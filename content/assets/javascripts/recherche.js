// The site's search box: a dialog in the header that loads Pagefind (engine and index chunks) only when the
// visitor types, so no page downloads a search index it does not use. The header survives Material's instant
// navigation, so this runs once. A search lives in the address (?recherche=…) and can be shared.
(function () {
  "use strict";
  const dialog = document.getElementById("cls-recherche");
  const opener = document.querySelector("[data-cls-recherche-ouvrir]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  const PARAM = "recherche";
  const PAGE_SIZE = 10;
  const root = new URL((dialog.dataset.base || ".") + "/", location.href);
  const input = dialog.querySelector("input[type=search]");
  const status = dialog.querySelector(".cls-recherche__etat");
  const list = dialog.querySelector(".cls-recherche__resultats");
  const more = dialog.querySelector(".cls-recherche__plus");
  const types = dialog.querySelector(".cls-recherche__types");
  const typeSelect = types.querySelector("select");
  const PLURALS = { "Événement": "événements", "Structure": "structures", "Action": "actions", "Lettre": "lettres",
                    "Commune": "communes", "Page": "autres pages" };
  const shortcutsBox = dialog.querySelector(".cls-recherche__raccourcis");
  let engine = null;
  let shortcuts = null;
  let results = [];
  let shown = 0;
  let timer = 0;
  let careWords = false;  // the words name a kind of structure (« pharmacie », « médecin »)
  let rankedQuery = "";

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
        buildTypeChoices(await pagefind.filters());
        return pagefind;
      });
      engine.catch(() => { engine = null; });
      shortcuts = fetch(new URL("recherche/types.json", root)).then((r) => (r.ok ? r.json() : []), () => []);
    }
    return engine;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // Kinds of structure whose words start like the words typed (« médecin » → maisons de santé, centres de
  // santé), offered first as a way to find the nearest ones.
  async function showShortcuts(query) {
    const typed = fold(query).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
    const known = (await shortcuts) || [];
    const found = typed.length === 0 ? [] : known.filter((kind) => {
      const words = kind.mots.split(/[^\p{L}\p{N}]+/u);
      return typed.every((word) => words.some((candidate) => candidate.startsWith(word)));
    }).slice(0, 4);
    shortcutsBox.hidden = found.length === 0;
    careWords = found.length > 0;
    shortcutsBox.querySelector("ul").replaceChildren(...found.map((kind) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(kind.url, root).href;
      link.textContent = `${kind.libelle} (${kind.nombre})`;
      link.addEventListener("click", () => dialog.close());
      item.append(link);
      return item;
    }));
  }

  // One filter per kind of page, each with the single value « oui » (see site_builder/search.py).
  function buildTypeChoices(filters) {
    const names = Object.keys(filters || {}).sort((a, b) => a.localeCompare(b, "fr"));
    if (names.length < 2) return;
    typeSelect.append(...names.map((name) => new Option(`${PLURALS[name] || name} (${filters[name].oui})`, name)));
    types.hidden = false;
  }

  async function run() {
    const query = input.value.trim();
    remember(query);
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      shortcutsBox.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = "Recherche…";
    let pagefind;
    try {
      pagefind = await loadEngine();
    } catch (error) {
      status.textContent = "La recherche n'a pas pu être chargée. Vérifiez votre connexion puis réessayez.";
      return;
    }
    const type = typeSelect.value;
    await showShortcuts(type && type !== "Structure" ? "" : query);
    const options = type ? { filters: { [type]: "oui" } } : {};
    let found = await meaningful((await pagefind.search(query, options)).results, query);
    // Pagefind matches word beginnings and stems, but « pharmcie » or « ehpda » find nothing. Try again with the
    // end of each long word left out: a slip after the first letters still finds what was meant.
    const relaxed = shorten(query);
    const corrected = found.length === 0 && relaxed !== query;
    if (corrected) found = (await pagefind.search(relaxed, options)).results;
    if (query !== input.value.trim() || type !== typeSelect.value) return;  // a newer search is under way
    results = found;
    shown = 0;
    rankedQuery = query;
    list.replaceChildren();
    await showMore();
    status.textContent = summary(query, corrected ? relaxed : "", results.length);  // announced once listed
  }

  // Pagefind answers a word it does not know with the pages holding a one-letter word (« pharmcie » found the
  // « P » of an address on the legal page): a few results whose only marked words are that short are no match.
  async function meaningful(found, query) {
    if (found.length === 0 || found.length > 5) return found;
    const shortest = Math.min(3, ...query.split(/\s+/).filter(Boolean).map((word) => word.length));
    const items = await Promise.all(found.map((result) => result.data()));
    return found.filter((_, index) => {
      const excerpts = [items[index].excerpt, ...(items[index].sub_results || []).map((sub) => sub.excerpt)];
      const marked = excerpts.flatMap((text) => [...(text || "").matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]));
      return marked.length === 0 || marked.some((word) => word.length >= shortest);
    });
  }

  function shorten(query) {
    return query.split(/\s+/).map((word) => (word.length >= 5 ? word.slice(0, Math.max(3, word.length - 4)) : word))
      .join(" ");
  }

  function summary(query, relaxed, count) {
    const found = `${count} résultat${count > 1 ? "s" : ""}`;
    if (count === 0) return `Aucun résultat pour «\u00a0${query}\u00a0».`;
    if (relaxed) return `Aucun résultat pour «\u00a0${query}\u00a0»\u202f; ${found} pour les mots commençant par «\u00a0${relaxed}\u00a0».`;
    return `${found} pour «\u00a0${query}\u00a0».`;
  }

  async function showMore() {
    const first = shown === 0;
    const batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    const items = await Promise.all(batch.map((result) => result.data()));
    list.append(...(first ? rank(rankedQuery, items) : items).map(resultItem));
    more.hidden = shown >= results.length;
  }

  // Within the first results, Pagefind's order corrected by what its score cannot know: a commune named exactly
  // (« pharmacie annecy » → Annecy before Annecy-le-Vieux), and, for words that name a kind of care,
  // structures before actions, partner and legal pages.
  function rank(query, items) {
    const typed = ` ${fold(query).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
    const exact = (data) => {
      const commune = data.meta && data.meta.commune;
      return commune && typed.includes(` ${fold(commune).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `) ? 0 : 1;
    };
    const page = (data) => (careWords && (!data.meta || data.meta.type !== "Structure") ? 1 : 0);
    return items.map((data, index) => ({ data, index, key: [exact(data), page(data)] }))
      .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index)
      .map((entry) => entry.data);
  }

  function resultItem(data) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    link.addEventListener("click", () => dialog.close());
    const where = [data.meta.type, data.meta.commune].filter(Boolean).join(" · ");
    const kind = document.createElement("span");
    kind.className = "cls-recherche__genre";
    kind.textContent = where;
    const excerpt = document.createElement("p");
    excerpt.className = "cls-recherche__extrait";
    excerpt.append(...markedText(data.excerpt || ""));
    item.append(link, kind);
    if (data.meta.fiche) {  // a structure: its type, address and phone say more than a stretch of its text
      const fiche = document.createElement("p");
      fiche.className = "cls-recherche__fiche";
      fiche.textContent = data.meta.fiche;
      item.append(fiche);
    }
    // Its own words where they were found, not the list of search words its page carries (boilerplate).
    if (!data.meta.fiche || !(data.excerpt || "").includes("Mots-clés")) item.append(excerpt);
    return item;
  }

  // Pagefind's excerpt is text with <mark> around the words found: keep exactly that, never other markup.
  function markedText(html) {
    const body = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
    return Array.from(body.childNodes).map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function remember(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set(PARAM, query);
    else url.searchParams.delete(PARAM);
    history.replaceState(history.state, "", url);
  }

  function open(query) {
    if (!dialog.open) dialog.showModal();
    if (query !== undefined) input.value = query;
    input.focus();
    loadEngine().catch(() => {});
    if (input.value.trim()) run();
  }

  opener.hidden = false;
  opener.addEventListener("click", () => open());
  dialog.querySelector("[data-cls-recherche-fermer]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => remember(""));
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  dialog.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
  more.addEventListener("click", showMore);
  typeSelect.addEventListener("change", run);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
  const shared = new URLSearchParams(location.search).get(PARAM);
  if (shared) open(shared);
})();
