/*
 * Search and faceted browsing of the catalogue, on Pagefind's index (hooks/search.py).
 *
 * Progressive enhancement: each `[data-kat-search]` element (partials/catalogue/search-ui.html)
 * holds, as JSON, the page's language, its fixed filters, its facets with labels, and its
 * interface texts. Once Pagefind has loaded, this script builds the search form from that
 * data, shows results as cards in place of the static list that follows (`[data-kat-static]`,
 * what readers without JavaScript get) and keeps the choices in the address, so a link, a
 * reload and Back/Forward show the same results. If Pagefind cannot load, the static list
 * stays and the status line says so.
 *
 * Filters are OR within a facet and AND across facets; filter values are stable keys, so an
 * address means the same in both languages. Every text comes from the page's JSON: nothing
 * here is in Norwegian or English.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 20;
  const TYPING_DELAY_MS = 250;
  const LONG_FACET = 8; // facets with more options scroll within a bounded box
  const WIDE = "(min-width: 60em)";
  // Every indexed page carries the keys newest, oldest and title (katalog/search.py):
  // undated pages come last by date either way, and ties fall back to the title order.
  const SORTS = {
    relevance: null,
    "start-desc": { newest: "desc" },
    "start-asc": { oldest: "asc" },
    "title-asc": { title: "asc" },
  };
  // The orders by date, next to which the page says that undated pages come last.
  const DATE_SORTS = new Set(["start-desc", "start-asc"]);
  const SORT_TEXTS = {
    relevance: "sort.relevance",
    "start-desc": "sort.start_desc",
    "start-asc": "sort.start_asc",
    "title-asc": "sort.title",
  };

  /** The address of each language link as the page gave it, before any query was added. */
  const switchTargets = new WeakMap();

  /** An element with attributes (`false`/`null` ones left out) and children. */
  const make = (tag, attributes = {}, ...children) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "class") element.className = value;
      else element.setAttribute(name, value === true ? "" : String(value));
    }
    element.append(...children.filter((child) => child !== null && child !== undefined));
    return element;
  };

  // --- Which results match the words searched for ---------------------------------
  //
  // Pagefind matches each query word as a prefix of the index's (stemmed) words, and
  // when no word starts with it, falls back to the longest indexed word that is a prefix
  // of the query word: on the Norwegian index "tools" finds "to", "energy" finds "en",
  // "police" finds "Polen". A one- or two-letter word finds every word that starts with
  // it ("de": den, det, demokrati). So every result is checked against the words
  // Pagefind found it by (at its locations in the page's text, and in the metadata it
  // matched): each word of the query must be met by one of them that
  // - is the same word, for a query word of one or two letters ("de", "å", "EU");
  // - starts with its first three letters, for a query word of three or four ("Ukr");
  // - shares at least half of it, and never fewer than four letters, for a longer word,
  //   which leaves room for an inflected ending ("kommunen" meets "kommunene" and
  //   "kommunal", "kommunestyret" meets "kommunestyrene").
  // Words are compared as Pagefind compares them: in lower case, without diacritics
  // ("å" is "a") or punctuation; "y" and "i" count as one letter, as English stemming
  // makes "citi" of both "city" and "cities".

  const PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;
  const NOT_WORD = /[^\p{L}\p{N}]+/u;

  /** Text as Pagefind compares it: lower case, without diacritics. */
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

  /** The words of a query, as Pagefind reads them (punctuation dropped within a word). */
  const queryWords = (query) =>
    fold(query || "")
      .replace(PUNCTUATION, "")
      .split(/\s+/)
      .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""))
      .filter(Boolean)
      .map((word) => Array.from(word));

  /** The forms of a text's words: each part between punctuation, and the parts joined. */
  const wordForms = (text) => {
    const forms = new Set();
    for (const token of fold(text || "").split(/\s+/)) {
      const parts = token.split(NOT_WORD).filter(Boolean);
      for (const part of parts) forms.add(part);
      if (parts.length > 1) forms.add(parts.join(""));
    }
    return [...forms].map((form) => Array.from(form));
  };

  const sameLetter = (a, b) => a === b || ((a === "y" || a === "i") && (b === "y" || b === "i"));

  /** How many letters a query word must share with the start of a page's word. */
  const lettersNeeded = (length) => (length <= 2 ? length : length <= 4 ? 3 : Math.max(4, Math.ceil(length / 2)));

  /** Whether a page's word (`form`) meets a query word (both as arrays of letters). */
  const meets = (word, form) => {
    if (word.length <= 2) return form.length === word.length && word.every((letter, n) => letter === form[n]);
    let shared = 0;
    while (shared < word.length && shared < form.length && sameLetter(word[shared], form[shared])) shared += 1;
    return shared >= lettersNeeded(word.length);
  };

  /** Whether every query word is met by one of the forms. */
  const meetsAll = (words, forms) => words.every((word) => forms.some((form) => meets(word, form)));

  /** The words of Pagefind's text of a page, which its locations count. */
  const contentWords = (data) => (data.content || "").trim().split(/\s+/);

  /** Whether a result, with its loaded fragment, was found by a word for every query word. */
  const matchesQuery = (words, result, data) => {
    const text = contentWords(data);
    const found = (data.locations || []).map((location) => text[location] || "");
    for (const field of result.matchedMetaFields || []) found.push(data.meta?.[field] || "");
    return meetsAll(words, wordForms(found.join(" ")));
  };

  /** Whether a text has a word that meets one of the query words. */
  const meetsAny = (words, text) => wordForms(text).some((form) => words.some((word) => meets(word, form)));

  const EXCERPT_WORDS = 30; // as many as Pagefind's own excerpts
  const EXCERPT_BEFORE = 8;

  /**
   * Where a result was found, with the words the query meets marked: Pagefind's excerpt,
   * of whose HTML only the <mark>s around such words are kept and everything else is shown
   * as text. Where Pagefind marked none of them (it may centre its excerpt on words that
   * only start like a short query word), the words of the page's text around the first
   * location that does meet one. Nothing if no word can be marked.
   */
  const excerptNodes = (words, data) => {
    const template = document.createElement("template"); // inert: nothing loads or runs
    template.innerHTML = data.excerpt || "";
    const nodes = [];
    let marked = false;
    for (const node of template.content.childNodes) {
      const text = node.nodeType === Node.TEXT_NODE ? node.data : node.textContent || "";
      if (node.nodeName === "MARK" && meetsAny(words, text)) {
        nodes.push(make("mark", {}, text));
        marked = true;
      } else {
        nodes.push(document.createTextNode(text));
      }
    }
    if (marked) return nodes;
    const text = contentWords(data);
    const first = (data.locations || []).find((location) => meetsAny(words, text[location] || ""));
    if (first === undefined) return null;
    const start = Math.max(0, first - EXCERPT_BEFORE);
    const around = [];
    text.slice(start, start + EXCERPT_WORDS).forEach((word, n) => {
      if (n) around.push(" ");
      around.push(meetsAny(words, word) ? make("mark", {}, word) : word);
    });
    return around.map((part) => (typeof part === "string" ? document.createTextNode(part) : part));
  };

  /** Pagefind's counts of each filter value, less those of the results left out. */
  const countsWithout = (counts, left) => {
    const result = {};
    for (const [key, values] of Object.entries(counts || {})) result[key] = { ...values };
    for (const { data } of left) {
      for (const [key, values] of Object.entries(data.filters || {})) {
        const facet = (result[key] ||= {});
        for (const value of values) facet[value] = Math.max(0, (facet[value] || 0) - 1);
      }
    }
    return result;
  };

  // --- The words Pagefind found each page by, from its own index -------------------
  //
  // Loading a page's fragment to check its words costs a request per result (thousands,
  // for a common word in a large catalogue). The index chunks Pagefind loads for a query
  // already say which indexed words (stems) each page has at which locations: the script
  // keeps a copy of those chunks and of Pagefind's metadata as Pagefind fetches them (the
  // same responses, no second request), and decides from them, for most results, that
  // every query word is met. Only the results it cannot decide are checked against
  // their fragments. An indexed word is its page's word with an ending taken off, and at
  // most its last letter changed (English "hope" for "hoping"), so only the indexed word
  // without its last letter is taken to be the start of the page's word.

  /** Pagefind's files as Pagefind fetched them, by address: index chunks and metadata. */
  const indexFiles = new Map();

  /** Keeps a copy of each index chunk and metadata file Pagefind fetches from `bundle`. */
  const watchIndexFiles = (bundle) => {
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      const response = fetch.call(this, input, init);
      const address = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
      if (address.pathname.startsWith(bundle) && /\.pf_(index|meta)$/.test(address.pathname)) {
        // A copy taken before Pagefind reads the body; a failure is Pagefind's to report.
        const copy = response.then((answer) => (answer.ok ? answer.clone().arrayBuffer() : null));
        indexFiles.set(address.pathname, copy.catch(() => null));
      }
      return response;
    };
  };

  const SIGNATURE = "pagefind_dcd";

  /** The CBOR value of one of Pagefind's files (gzip-compressed, unless the host unpacked it). */
  const unpack = async (buffer) => {
    let bytes = new Uint8Array(buffer);
    const signed = (data) => new TextDecoder().decode(data.slice(0, SIGNATURE.length)) === SIGNATURE;
    if (!signed(bytes)) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      if (!signed(bytes)) throw new Error("not one of Pagefind's files");
    }
    return decodeCbor(bytes.subarray(SIGNATURE.length));
  };

  /** Just the CBOR Pagefind writes: integers, strings, arrays and maps. */
  const decodeCbor = (bytes) => {
    const text = new TextDecoder();
    let at = 0;
    const item = () => {
      const head = bytes[at++];
      const major = head >> 5;
      let argument = head & 31;
      if (argument >= 24) {
        const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[argument];
        if (!size) throw new Error("unsupported CBOR item");
        argument = 0;
        for (let n = 0; n < size; n += 1) argument = argument * 256 + bytes[at++];
      }
      if (major === 0) return argument;
      if (major === 1) return -1 - argument;
      if (major === 2 || major === 3) {
        const part = bytes.subarray(at, (at += argument));
        return major === 3 ? text.decode(part) : part;
      }
      if (major === 4) return Array.from({ length: argument }, item);
      if (major === 5) return Array.from({ length: argument }, () => [item(), item()]);
      throw new Error("unsupported CBOR item");
    };
    const value = item();
    if (at !== bytes.length) throw new Error("bytes after the CBOR value");
    return value;
  };

  /**
   * What the loaded index says of each page: `{pages: Map(hash → number), words: Map(number →
   * [{form, locations, meta}])}`, from the metadata and every index chunk copied so far;
   * null if there is none to read.
   */
  const readIndex = async (cache) => {
    const paths = [...indexFiles.keys()].sort();
    const key = paths.join(" ");
    if (cache.key === key) return cache.index;
    const meta = paths.find((path) => path.endsWith(".pf_meta"));
    const chunks = paths.filter((path) => path.endsWith(".pf_index"));
    let index = null;
    if (meta && chunks.length) {
      const buffers = await Promise.all([meta, ...chunks].map((path) => indexFiles.get(path)));
      if (buffers.every(Boolean)) {
        const [metadata, ...words] = await Promise.all(buffers.map(unpack));
        const pages = new Map(metadata[1].map(([hash], number) => [hash, number]));
        const byPage = new Map();
        const add = (form, postings) => {
          let page = 0;
          for (const [delta, places, metaPlaces] of postings) {
            page += delta;
            const locations = new Set();
            let location = 0;
            for (const value of places) {
              if (value < 0) continue; // a change of weight, not a location
              location += value;
              locations.add(location);
            }
            const entry = { form: Array.from(fold(form)), locations, meta: metaPlaces.length > 0 };
            if (!byPage.has(page)) byPage.set(page, []);
            byPage.get(page).push(entry);
          }
        };
        for (const chunk of words) {
          for (const [word, postings, variants] of chunk[0]) {
            add(word, postings);
            for (const [variant, variantPostings] of variants || []) add(variant, variantPostings);
          }
        }
        index = { pages, words: byPage };
      }
    }
    cache.key = key;
    cache.index = index;
    return index;
  };

  /** Whether an indexed word (a stem) surely means a page's word that meets a query word. */
  const stemMeets = (word, form) => {
    if (word.length <= 2) return meets(word, form);
    return meets(word, form.slice(0, -1));
  };

  /**
   * Whether the index shows that every query word is met by a word a result was found by
   * (at the locations Pagefind found it at, or in the metadata it matched); false where it
   * cannot tell, or without the index, and the result's fragment is to be checked.
   */
  const surelyMet = (index, words, result) => {
    const number = index ? index.pages.get(result.id) : undefined;
    const entries = number === undefined ? null : index.words.get(number);
    if (!entries) return false;
    const at = new Set(result.words || []);
    const inMeta = (result.matchedMetaFields || []).length > 0;
    const found = entries.filter(
      (entry) => (inMeta && entry.meta) || [...entry.locations].some((location) => at.has(location)),
    );
    return words.every((word) => found.some((entry) => stemMeets(word, entry.form)));
  };

  class CatalogueSearch {
    constructor(root, index) {
      this.root = root;
      this.id = `kat-search-${index}`;
      this.data = JSON.parse(root.querySelector(".kat-search__data").textContent);
      this.texts = this.data.texts || {};
      this.lang = this.data.lang || document.documentElement.lang;
      this.fixed = this.data.fixed || {};
      // A facet on a fixed key would filter nothing: leave it out.
      this.facets = (this.data.facets || []).filter((facet) => !(facet.key in this.fixed));
      this.numbers = new Intl.NumberFormat(this.lang);
      this.status = root.querySelector(".kat-search__status");
      this.staticContent = document.querySelector("[data-kat-static]");
      this.queryBox = root.hasAttribute("data-query-box");
      this.generation = 0;
      this.results = []; // {result, data}: Pagefind's result and, once loaded, its fragment
      this.words = [];
      this.shown = 0;
      this.typing = false;
      this.timer = null;
      this.lastAnnounced = "";
      this.options = [];
      this.state = this.readState(window.location.search);
    }

    t(key, values = {}) {
      const template = this.texts[key] ?? "";
      return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
    }

    // --- Loading ---------------------------------------------------------------------

    async start() {
      this.updateSwitches();
      this.say(this.t("search.loading"));
      try {
        // Both addresses come with the page (data-script, data-root), relative to it.
        const script = new URL(this.root.dataset.script, document.baseURI);
        this.pagefind = await import(script.href);
        // Result URLs are relative to the site's root, which is not "/" when the site is
        // served from a sub-path.
        const root = new URL(this.root.dataset.root, document.baseURI);
        // In this page's own thread, so that the script sees the index files it fetches.
        watchIndexFiles(new URL(".", script).pathname);
        await this.pagefind.options({ baseUrl: root.pathname, noWorker: true });
        await this.pagefind.init();
        await this.pagefind.filters(); // with filters loaded, searches return counts
      } catch (error) {
        console.error("Catalogue search could not load Pagefind:", error);
        this.say(this.t("search.failed"));
        return;
      }
      this.build();
      this.syncControls();
      window.addEventListener("popstate", () => this.restore());
      await this.run();
    }

    // --- State and the address -------------------------------------------------------

    /**
     * The state an address asks for, and what in it was not understood (`unknown`, as
     * `key=value` pieces): a parameter no facet has, a value no option has, a sort there is
     * not. Values are matched without regard to case, so `country=GE` is `ge`.
     */
    readState(search) {
      const params = new URLSearchParams(search);
      const selected = {};
      const unknown = [];
      const facets = new Map(this.facets.map((facet) => [facet.key, facet]));
      let sort = null;
      let q = "";
      for (const [key, raw] of params) {
        const value = raw.trim().toLowerCase();
        const facet = facets.get(key);
        if (key === "q" && this.queryBox) {
          q = raw.trim();
        } else if (key === "sort" && Object.hasOwn(SORTS, value)) {
          sort = value;
        } else if (facet && facet.options.some((option) => option.value === value)) {
          (selected[key] ||= new Set()).add(value);
        } else if (!(key in this.fixed && [this.fixed[key]].flat().includes(value))) {
          // A fixed filter asked for again (`type=project` on the projects) changes nothing.
          unknown.push(`${key}=${raw}`);
        }
      }
      return { q, selected, sort, unknown };
    }

    /** The address of a state: this page with its query string. */
    address(state) {
      return window.location.pathname + this.query(state);
    }

    /** The query string of a state: `?q=…&country=ge&country=md&sort=start-asc`, keys in a fixed order. */
    query(state) {
      const params = new URLSearchParams();
      if (state.q) params.append("q", state.q);
      for (const facet of this.facets) {
        const values = state.selected[facet.key];
        if (!values) continue;
        for (const option of facet.options) {
          if (values.has(option.value)) params.append(facet.key, option.value);
        }
      }
      const sort = this.sortOf(state);
      if (sort !== this.defaultSort(state)) params.append("sort", sort);
      const query = params.toString();
      return query ? `?${query}` : "";
    }

    /**
     * Points the language switch and the header's language selector at the same view in
     * each language: filter values are stable keys, so the query string carries over.
     * Without JavaScript they stay plain links to each language's page.
     */
    updateSwitches() {
      const query = this.query(this.state);
      for (const link of document.querySelectorAll("a.kat-switch[hreflang], a.md-select__link[hreflang]")) {
        if (!switchTargets.has(link)) switchTargets.set(link, (link.getAttribute("href") || "").split(/[?#]/)[0]);
        link.setAttribute("href", switchTargets.get(link) + query);
      }
    }

    /** Puts the state in the address: a new history entry ("push") or in place ("replace"). */
    commit(mode) {
      const target = this.address(this.state);
      if (target === window.location.pathname + window.location.search) return false;
      const method = mode === "replace" ? "replaceState" : "pushState";
      window.history[method]({ katSearch: true }, "", target);
      // The address now holds only what was understood.
      this.state.unknown = [];
      this.updateSwitches();
      this.updateNotice();
      return true;
    }

    restore() {
      const state = this.readState(window.location.search);
      this.stopTyping();
      const same = this.address(state) === this.address(this.state) && state.unknown.join("&") === this.state.unknown.join("&");
      if (same && this.shownOnce) return;
      this.state = state;
      this.updateSwitches();
      this.updateNotice();
      this.syncControls();
      this.run();
    }

    selectedCount(state = this.state) {
      return Object.values(state.selected).reduce((sum, values) => sum + values.size, 0);
    }

    sorts(state) {
      return [
        ...(state.q ? ["relevance"] : []),
        "start-desc",
        "start-asc",
        "title-asc",
      ];
    }

    defaultSort(state) {
      return state.q ? "relevance" : "start-desc";
    }

    sortOf(state) {
      return this.sorts(state).includes(state.sort) ? state.sort : this.defaultSort(state);
    }

    filtersOf(state, without = null) {
      const filters = {};
      for (const [key, value] of Object.entries(this.fixed)) {
        filters[key] = Array.isArray(value) ? { any: value } : value;
      }
      for (const facet of this.facets) {
        const values = state.selected[facet.key];
        if (facet.key !== without && values && values.size) filters[facet.key] = { any: [...values] };
      }
      return filters;
    }

    // --- The form --------------------------------------------------------------------

    build() {
      const { root, status } = this;
      root.classList.add("kat-search--ready");

      if (this.queryBox) {
        const inputId = `${this.id}-q`;
        this.input = make("input", {
          id: inputId,
          class: "kat-search__input",
          type: "search",
          name: "q",
          placeholder: this.t("search.placeholder"),
          autocomplete: "off",
          enterkeyhint: "search",
        });
        this.form = make(
          "form",
          { class: "kat-search__query", role: "search", action: "" },
          make("label", { class: "kat-search__query-label", for: inputId }, this.t("search.label")),
          make(
            "div",
            { class: "kat-search__query-row" },
            this.input,
            make("button", { class: "kat-search__submit", type: "submit" }, this.t("search.submit")),
          ),
        );
        this.input.addEventListener("input", () => this.typed());
        this.form.addEventListener("submit", (event) => {
          event.preventDefault();
          this.typed(true);
        });
        // The header has a search landmark too: name this one after the page.
        const heading = document.querySelector("h1[id]");
        if (heading) this.form.setAttribute("aria-labelledby", heading.id);
        root.insertBefore(this.form, status);
      }

      // A way past the filters to the results, for readers who move by keyboard.
      const listId = `${this.id}-results`;
      const skip = make("a", { class: "kat-search__skip", href: `#${listId}` }, this.t("search.skip"));
      skip.addEventListener("click", (event) => {
        event.preventDefault(); // no fragment in the address, which holds the state
        this.list.focus();
      });
      if (this.form) this.form.append(skip);
      else root.insertBefore(skip, status);

      if (this.facets.length) {
        this.activeCount = make("span", { class: "kat-search__active" });
        this.filters = make(
          "details",
          { class: "kat-search__filters" },
          make(
            "summary",
            { class: "kat-search__summary" },
            make("span", {}, this.t("search.filters")),
            " ",
            this.activeCount,
          ),
        );
        for (const facet of this.facets) this.filters.append(this.facetGroup(facet));
        const wide = window.matchMedia(WIDE);
        this.filters.open = wide.matches;
        wide.addEventListener("change", () => {
          if (wide.matches) this.filters.open = true;
        });
        root.insertBefore(this.filters, status);
      }

      const sortId = `${this.id}-sort`;
      this.sortSelect = make("select", { id: sortId, class: "kat-search__sort" });
      this.sortSelect.addEventListener("change", () => {
        const value = this.sortSelect.value;
        this.state.sort = value === this.defaultSort(this.state) ? null : value;
        this.changed();
      });
      this.clearButton = make("button", { class: "kat-search__clear", type: "button" }, this.t("search.clear"));
      this.clearButton.addEventListener("click", () => this.clear());
      this.sortNote = make("p", { id: `${sortId}-note`, class: "kat-search__sort-note", hidden: true }, this.t("search.sort.undated"));
      root.insertBefore(
        make(
          "div",
          { class: "kat-search__tools" },
          make(
            "div",
            { class: "kat-search__sorting" },
            make("label", { for: sortId }, this.t("search.sort")),
            this.sortSelect,
          ),
          this.clearButton,
          this.sortNote,
        ),
        status,
      );

      // What the address asked for that the page did not understand, next to the status.
      this.notice = make("p", { class: "kat-search__notice", "aria-live": "polite" });
      // Named by the status line, so the skip link's target says how many results it holds.
      status.id ||= `${this.id}-status`;
      this.list = make("ul", {
        id: listId,
        class: "kat-cards kat-search__results",
        tabindex: -1,
        "aria-labelledby": status.id,
      });
      this.moreButton = make("button", { class: "kat-search__more", type: "button", hidden: true }, this.t("search.more"));
      this.moreButton.addEventListener("click", () => this.more());
      this.none = this.noneBox();
      root.append(make("div", { class: "kat-search__output" }, this.notice, this.list, this.none, this.moreButton));
    }

    /**
     * What to try when nothing is found: clearing the filters (while there are any) and the
     * same query string in each other language's catalogue, at the address the page gives.
     */
    noneBox() {
      this.clearFilters = make("button", { class: "kat-search__clear-filters", type: "button" }, this.t("search.none.clear"));
      this.clearFilters.addEventListener("click", () => {
        this.state.selected = {};
        this.syncControls();
        this.changed();
        this.list.focus(); // the button goes: on to what is found now
      });
      const root = new URL(this.root.dataset.root, document.baseURI);
      this.elsewhere = (this.data.elsewhere || []).map((other) => ({
        target: new URL(other.path, root).href.split(/[?#]/)[0],
        link: make("a", { class: "kat-search__elsewhere", href: other.path, hreflang: other.lang }, other.label),
      }));
      const links = this.elsewhere.length
        ? make("ul", { class: "kat-search__alternatives" }, ...this.elsewhere.map(({ link }) => make("li", {}, link)))
        : null;
      return make(
        "div",
        { class: "kat-search__none", hidden: true },
        make("p", {}, this.t("search.none.hint")),
        make("p", {}, this.clearFilters),
        links,
      );
    }

    updateNone() {
      const none = this.results.length === 0;
      this.none.hidden = !none;
      if (!none) return;
      this.clearFilters.parentElement.hidden = !this.selectedCount();
      const query = this.query(this.state);
      for (const { target, link } of this.elsewhere) link.setAttribute("href", target + query);
    }

    facetGroup(facet) {
      // A long list scrolls: it takes the focus itself, so that the keyboard can scroll it
      // even while every option in it is disabled (WCAG 2.1.1).
      const long = facet.options.length > LONG_FACET;
      const list = make(
        "ul",
        long
          ? { class: "kat-search__options kat-search__options--long", tabindex: "0", "aria-label": facet.label }
          : { class: "kat-search__options" },
      );
      facet.options.forEach((option, n) => {
        const inputId = `${this.id}-${facet.key}-${n}`;
        const input = make("input", { id: inputId, type: "checkbox", value: option.value });
        const count = make("span", { class: "kat-search__count" }, `(${this.numbers.format(option.count)})`);
        const item = make(
          "li",
          { class: "kat-search__option" },
          input,
          make("label", { for: inputId }, make("span", { class: "kat-search__label" }, option.label), " ", count),
        );
        input.addEventListener("change", () => this.toggled(facet.key, option.value, input.checked));
        // An option with no results is disabled, but not while it has the focus.
        input.addEventListener("blur", () => {
          if (item.classList.contains("kat-search__option--empty") && !input.checked) input.disabled = true;
        });
        this.options.push({ facet: facet.key, value: option.value, input, count, item });
        list.append(item);
      });
      return make("fieldset", { class: "kat-search__facet", "data-facet": facet.key }, make("legend", {}, facet.label), list);
    }

    /** Shows the state in the controls (after loading, Back/Forward and clearing). */
    syncControls() {
      if (this.input && this.input.value.trim() !== this.state.q) this.input.value = this.state.q;
      for (const option of this.options || []) {
        option.input.checked = Boolean(this.state.selected[option.facet]?.has(option.value));
      }
      this.updateTools();
    }

    updateTools() {
      const sorts = this.sorts(this.state);
      const current = this.sortOf(this.state);
      const wanted = sorts.join(" ");
      if (this.sortSelect.dataset.sorts !== wanted) {
        this.sortSelect.replaceChildren(
          ...sorts.map((sort) => make("option", { value: sort }, this.t(SORT_TEXTS[sort]))),
        );
        this.sortSelect.dataset.sorts = wanted;
      }
      this.sortSelect.value = current;
      const byDate = DATE_SORTS.has(current);
      this.sortNote.hidden = !byDate;
      if (byDate) this.sortSelect.setAttribute("aria-describedby", this.sortNote.id);
      else this.sortSelect.removeAttribute("aria-describedby");
      const selected = this.selectedCount();
      if (this.activeCount) this.activeCount.textContent = selected ? `(${this.numbers.format(selected)})` : "";
      this.clearButton.disabled = !this.state.q && !selected && this.state.sort === null;
    }

    // --- Changes ---------------------------------------------------------------------

    typed(now = false) {
      window.clearTimeout(this.timer);
      const apply = () => {
        this.timer = null;
        const q = this.input.value.trim();
        if (q === this.state.q) return;
        this.state.q = q;
        if (this.state.sort === this.defaultSort(this.state)) this.state.sort = null;
        // The first change of a burst of typing is a new history entry; the rest replace it.
        this.commit(this.typing ? "replace" : "push");
        this.typing = true;
        this.updateTools();
        this.run();
      };
      if (now) {
        apply();
        this.typing = false;
      } else {
        const q = this.input.value.trim();
        if (q) this.pagefind.preload(q);
        this.timer = window.setTimeout(apply, TYPING_DELAY_MS);
      }
    }

    stopTyping() {
      if (this.timer !== null) {
        window.clearTimeout(this.timer);
        this.timer = null;
      }
      this.typing = false;
    }

    /** A change other than typing: flush any pending typing, then a new history entry. */
    changed() {
      if (this.timer !== null && this.input) {
        window.clearTimeout(this.timer);
        this.timer = null;
        this.state.q = this.input.value.trim();
      }
      this.typing = false;
      if (!this.sorts(this.state).includes(this.state.sort)) this.state.sort = null;
      this.commit("push");
      this.updateTools();
      this.run();
    }

    toggled(key, value, checked) {
      const values = this.state.selected[key] || new Set();
      if (checked) values.add(value);
      else values.delete(value);
      if (values.size) this.state.selected[key] = values;
      else delete this.state.selected[key];
      this.changed();
    }

    clear() {
      if (this.input) this.input.value = "";
      this.stopTyping();
      this.state = { q: "", selected: {}, sort: null, unknown: [] };
      this.syncControls();
      this.changed();
      // The button is now disabled: keep the focus where the reader can go on from.
      const target = this.input || (this.options || []).find((option) => !option.input.disabled)?.input;
      if (target) target.focus();
    }

    // --- Searching and showing results -----------------------------------------------

    async run() {
      const generation = ++this.generation;
      const state = this.state;
      const words = queryWords(state.q);
      // A single word of one or two letters is looked up as that word alone (Pagefind's
      // exact search, in quotes), which is what the word rule asks of it: "de", not "den".
      const exact = words.length === 1 && words[0].length <= 2;
      const term = exact ? `"${words[0].join("")}"` : state.q || null;
      const sort = SORTS[this.sortOf(state)];
      const options = { filters: this.filtersOf(state) };
      if (sort) options.sort = sort;
      // Counts for a facet with choices come from a search without that facet's own
      // choices: within a facet, choices widen (OR), so each option's count is what it adds.
      const chosen = this.facets.filter((facet) => state.selected[facet.key]?.size);
      this.root.setAttribute("aria-busy", "true");
      let main;
      let others;
      try {
        [main, ...others] = await Promise.all([
          this.pagefind.search(term, options),
          ...chosen.map((facet) => this.pagefind.search(term, { filters: this.filtersOf(state, facet.key) })),
        ]);
      } catch (error) {
        if (generation === this.generation) this.failed(error);
        return;
      }
      if (generation !== this.generation) return;
      let found;
      let counts;
      if (words.length) {
        // Only results whose text has every word searched for; the counts are theirs too:
        // Pagefind's, less those of the results left out.
        let checked;
        try {
          checked = await Promise.all(
            [main, ...others].map((search) => this.matching(search.results, term, words, exact)),
          );
        } catch (error) {
          if (generation === this.generation) this.failed(error);
          return;
        }
        if (generation !== this.generation) return;
        found = checked[0].kept;
        counts = countsWithout(main.filters, checked[0].left);
        chosen.forEach((facet, n) => {
          const own = { [facet.key]: others[n].filters?.[facet.key] || {} };
          counts[facet.key] = countsWithout(own, checked[n + 1].left)[facet.key];
        });
      } else {
        found = main.results.map((result) => ({ result, data: null }));
        counts = { ...(main.filters || {}) };
        chosen.forEach((facet, n) => {
          counts[facet.key] = others[n].filters?.[facet.key] || {};
        });
      }
      this.results = found;
      this.words = words;
      this.shown = 0;
      this.updateCounts(counts);
      this.updateTools();
      this.updateNone();
      const shown = await this.render(generation, PAGE_SIZE, true);
      if (!shown) return;
      this.root.removeAttribute("aria-busy");
      this.shownOnce = true;
      if (this.staticContent) this.staticContent.hidden = true;
      this.announce();
      this.updateNotice();
    }

    /**
     * The results whose page has a word for every query word (see `matchesQuery`), in
     * Pagefind's order (`kept`), and those left out (`left`, each with its fragment). The
     * index decides most (see `surelyMet`), and every result of an exact search for the one
     * word; only the others' fragments are loaded, and kept for the query, so the searches
     * behind the facet counts load each page once.
     */
    async matching(results, term, words, exact) {
      if (this.fragmentsFor !== term) {
        this.fragments = new Map();
        this.fragmentsFor = term;
      }
      const fragments = this.fragments;
      const index = exact
        ? null
        : await readIndex((this.indexCache ||= {})).catch((error) => {
            console.warn("Catalogue search could not read Pagefind's index:", error);
            return null;
          });
      const sure = results.map((result) => exact || surelyMet(index, words, result));
      const loaded = await Promise.all(
        results.map((result, n) => {
          if (sure[n]) return null;
          if (!fragments.has(result.id)) {
            const loading = result.data();
            fragments.set(result.id, loading);
            loading.catch(() => fragments.delete(result.id)); // tried again next time
          }
          return fragments.get(result.id);
        }),
      );
      const kept = [];
      const left = [];
      results.forEach((result, n) => {
        const data = loaded[n];
        if (sure[n] || matchesQuery(words, result, data)) kept.push({ result, data });
        else left.push({ result, data });
      });
      return { kept, left };
    }

    updateCounts(counts) {
      for (const option of this.options || []) {
        const count = counts[option.facet]?.[option.value] ?? 0;
        option.count.textContent = `(${this.numbers.format(count)})`;
        const empty = count === 0;
        option.item.classList.toggle("kat-search__option--empty", empty);
        option.input.disabled = empty && !option.input.checked && document.activeElement !== option.input;
      }
    }

    /** Loads and shows up to `count` more results; `fresh` replaces what is shown. */
    async render(generation, count, fresh) {
      const from = fresh ? 0 : this.shown;
      const slice = this.results.slice(from, from + count);
      let loaded;
      try {
        loaded = await Promise.all(slice.map(({ result, data }) => data || result.data()));
      } catch (error) {
        if (generation === this.generation) this.failed(error);
        return false;
      }
      if (generation !== this.generation) return false;
      const items = loaded.map((result) => this.card(result));
      if (fresh) this.list.replaceChildren(...items);
      else this.list.append(...items);
      this.shown = from + items.length;
      this.moreButton.hidden = this.shown >= this.results.length;
      return items;
    }

    async more() {
      const generation = this.generation;
      const items = await this.render(generation, PAGE_SIZE, false);
      if (!items || !items.length) return;
      // Keyboard readers continue at the first new result; the button may now be gone.
      items[0].querySelector("a").focus();
    }

    card(result) {
      const meta = result.meta || {};
      const parts = [];
      if (meta.kind) parts.push(make("span", { class: "kat-card__kind" }, meta.kind));
      // The statuses the page knows (and their labels) come with the page's data.
      const labels = this.data.status_labels || {};
      const statusKey = Object.hasOwn(labels, meta.status_key) ? meta.status_key : null;
      const statusLabel = (statusKey && labels[statusKey]) || meta.status;
      if (statusLabel) {
        parts.push(
          make(
            "span",
            { class: "kat-card__status" },
            make("span", { class: "kat-status" + (statusKey ? ` kat-status--${statusKey}` : "") }, statusLabel),
          ),
        );
      }
      if (meta.period) parts.push(make("span", { class: "kat-card__period" }, meta.period));
      if (meta.countries) parts.push(make("span", { class: "kat-card__countries" }, meta.countries));
      const metaLine = make("p", { class: "kat-card__meta" });
      parts.forEach((part, n) => metaLine.append(...(n ? [" ", part] : [part])));

      const summary = meta.summary ? make("p", { class: "kat-card__summary" }, meta.summary) : null;
      // Where the words searched for were found, marked: text, not a second link.
      const marked = this.words.length ? excerptNodes(this.words, result) : null;
      const excerpt = marked ? make("p", { class: "kat-card__excerpt" }, ...marked) : null;
      return make(
        "li",
        {},
        make(
          "article",
          { class: "kat-card" },
          make("h2", { class: "kat-card__title" }, make("a", { href: result.url }, meta.title || result.url)),
          parts.length ? metaLine : null,
          summary,
          excerpt,
        ),
      );
    }

    // --- The status line -------------------------------------------------------------

    say(message) {
      this.status.textContent = message;
      this.lastAnnounced = message;
    }

    /** Announces the number of results, also when it is the same as last time. */
    announce() {
      const total = this.results.length;
      let message;
      if (total === 0) message = this.t("search.results.none");
      else if (total === 1) message = this.t("search.results.one");
      else message = this.t("search.results.other", { count: this.numbers.format(total) });
      if (message === this.lastAnnounced) {
        // An unchanged live region is not read again: empty it, then fill it a moment later.
        this.status.textContent = "";
        const generation = this.generation;
        window.setTimeout(() => {
          if (generation === this.generation) this.say(message);
        }, 120);
      } else {
        this.say(message);
      }
    }

    /** Says which parts of the address were left out, until the reader changes the state. */
    updateNotice() {
      if (!this.notice) return;
      const unknown = this.state.unknown || [];
      const message = unknown.length
        ? this.t("search.unknown", { parts: new Intl.ListFormat(this.lang, { type: "conjunction" }).format(unknown) })
        : "";
      if (this.notice.textContent !== message) this.notice.textContent = message;
    }

    failed(error) {
      console.error("Catalogue search failed:", error);
      this.root.removeAttribute("aria-busy");
      this.list.replaceChildren();
      this.moreButton.hidden = true;
      this.none.hidden = true;
      if (this.staticContent) this.staticContent.hidden = false;
      this.say(this.t("search.failed"));
    }
  }

  const start = () => {
    document.querySelectorAll("[data-kat-search]").forEach((root, index) => {
      if (root.dataset.katSearchStarted) return;
      root.dataset.katSearchStarted = "true";
      new CatalogueSearch(root, index).start();
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
