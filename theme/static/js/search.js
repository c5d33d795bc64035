// Trang tìm kiếm (/tim-kiem/): our own small client for the Pagefind index, no third party.
//
// - Results as you type and on submit; the query and filters live in the URL
//   (/tim-kiem/?q=bac+ha&nam=2024), so results can be shared and Back/Forward work.
// - Queries typed without diacritics: Pagefind folds tones and vowel marks ("bac" finds
//   "bắc") but not "đ" ("dua" never finds "đua"), and it ranks exact-diacritic matches
//   higher. So each word typed in plain letters is first read with the diacritics the site
//   itself writes most often (pagefind/tieng-viet.json, made by tools/search/lexicon.py):
//   "thi dua" is searched as "thi đua", giving the very pages and order of the correctly typed
//   query. Where the site writes a word both with "d" and "đ" ("đua", "dưa"), the other
//   reading is searched too and its pages are added after.
// - Words the reader typed with diacritics are kept: Pagefind then prefers exact matches.
// - Ranked by relevance, articles come before the honours data pages (units, decisions,
//   years): those pages' scores count for OTHER_PAGES_WEIGHT (the "loại trang" filter tells
//   them apart; the same filter in the form shows one kind only). Before that weighting, a
//   page whose title holds a word of the query comes before one that only mentions it in its
//   text (Pagefind's matchedMetaFields), and the pages the direct answer names come first.
// - Direct answers ("Tra cứu nhanh", search-answers.js): a unit, a bloc, a year, a decision
//   or a person named by the query is answered above the results, from a small lexicon made
//   from the honours data at build time.
// - Opened from a folder (file://), nothing can be fetched: the page says so, and how to
//   serve the site (make serve).
(function () {
  "use strict";

  const form = document.getElementById("tim-kiem");
  if (!form || !window.URLSearchParams || !window.fetch) return;

  const PAGE_SIZE = 10;
  const TYPING_DELAY = 250;
  const MIN_TYPED = 2;
  const MAX_ALTERNATES = 3;

  const input = document.getElementById("tim-kiem-q");
  const status = document.getElementById("tim-kiem-trang-thai");
  const emptyHelp = document.getElementById("tim-kiem-goi-y");
  const list = document.getElementById("ket-qua");
  const more = document.getElementById("xem-them");
  const filterBox = form.querySelector(".search-options");
  const filterFields = Array.from(form.querySelectorAll(".search-filter[data-filter]"));
  const sortSelect = document.getElementById("sap-xep");
  const bundle = new URL(form.dataset.bundle || "/pagefind/", document.baseURI).href;
  const siteRoot = new URL(form.dataset.siteRoot || "/", document.baseURI).pathname;
  const answerBox = document.getElementById("tra-loi-cho");
  const answers =
    form.dataset.answers && window.TraCuu
      ? window.TraCuu.create(form.dataset.answers, siteRoot)
      : null;

  // Opened from a folder: the browser cannot fetch the index; say how to see search work.
  if (window.location.protocol === "file:") {
    const note = document.getElementById("tim-kiem-tep");
    if (note) note.hidden = false;
    status.textContent = "Tìm kiếm chưa chạy được vì trang đang được mở trực tiếp từ thư mục.";
    form.addEventListener("submit", (event) => event.preventDefault());
    return;
  }

  // ------------------------------------------------------------------ Vietnamese words

  /** "Đua" -> "dua": lower case, no marks, đ -> d (the keys of the lexicon). */
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
  }

  /** What Pagefind compares: no marks, but "đ" stays "đ". */
  function skeleton(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  }

  let lexiconPromise = null;
  function loadLexicon() {
    if (!lexiconPromise) {
      lexiconPromise = fetch(bundle + "tieng-viet.json")
        .then((response) => (response.ok ? response.json() : {}))
        .catch(() => ({}))
        .then((data) => {
          const byKey = (forms) => new Map((forms || []).map((form) => [fold(form), form]));
          return { words: byKey(data.tu), others: byKey(data.khac), pairs: byKey(data.cap) };
        });
    }
    return lexiconPromise;
  }

  /** Split a token into leading punctuation, the word, trailing punctuation. */
  function splitToken(token) {
    const match = token.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
    return { before: match[1], word: match[2], after: match[3] };
  }

  /** A word typed with "d" where the site writes "đ": put the đ back, keep the typed tones. */
  function withSiteD(word, siteForm) {
    const typed = Array.from(word.normalize("NFC"));
    const site = Array.from(skeleton(siteForm));
    if (typed.length !== site.length) return word;
    return typed.map((ch, i) => (site[i] === "đ" && /d/i.test(ch) ? "đ" : ch)).join("");
  }

  /**
   * How to search what the reader typed: {primary, alternates, changed}.
   *
   * A query typed all in plain letters ("thi dua") is read with the site's diacritics,
   * word by word and then by known pairs ("thi đua"): the same query as one typed
   * correctly. A query with some diacritics was typed with care: its words are kept, except
   * that a "d" the site always writes "đ" becomes "đ" ("dại hội" -> "đại hội").
   * alternates: the other d/đ readings of words the site writes both ways ("dưa", "đua"),
   * searched too, their pages added after.
   */
  function planQuery(raw, lexicon) {
    const tokens = raw.normalize("NFC").trim().split(/\s+/).filter(Boolean);
    const parts = tokens.map(splitToken);
    const plain = parts.map((part) => /^[a-z]+$/i.test(part.word));
    const keys = parts.map((part) => fold(part.word));
    const words = parts.map((part) => part.word.toLowerCase());
    const withMarks = parts.some((part) => /[^\u0000-\u007f]/.test(part.word));
    const alternates = [];

    parts.forEach((part, i) => {
      if (plain[i] && !withMarks) {
        words[i] = lexicon.words.get(keys[i]) || words[i];
        return;
      }
      if (!/d/i.test(part.word) || /đ/i.test(part.word)) return;
      const best = lexicon.words.get(keys[i]) || keys[i];
      const other = lexicon.others.get(keys[i]);
      const known = [best, other].filter(Boolean);
      const withD = known.find((form) => skeleton(form).includes("đ"));
      if (!withD) return;
      const typed = words[i];
      const typedWithD = withSiteD(typed, withD).toLowerCase();
      const siteWritesD = known.map(skeleton).includes(keys[i]);
      if (!siteWritesD || (known.includes(typedWithD) && !known.includes(typed))) {
        words[i] = typedWithD;
        if (siteWritesD) alternates.push([i, typed]);
      } else {
        alternates.push([i, typedWithD]);
      }
    });
    if (!withMarks) {
      for (let i = 1; i < parts.length; i += 1) {
        const pair = lexicon.pairs.get(keys[i - 1] + " " + keys[i]);
        if (pair) [words[i - 1], words[i]] = pair.split(" ");
      }
      parts.forEach((part, i) => {
        const other = lexicon.others.get(keys[i]);
        if (other && skeleton(other) !== skeleton(words[i])) alternates.push([i, other]);
      });
    }

    const join = (list) => list.map((w, i) => parts[i].before + w + parts[i].after).join(" ");
    const primary = join(words);
    const seen = new Set([primary]);
    const queries = [];
    for (const [index, word] of alternates) {
      const variant = words.slice();
      variant[index] = word;
      const query = join(variant);
      if (!seen.has(query) && queries.length < MAX_ALTERNATES) {
        seen.add(query);
        queries.push(query);
      }
    }
    const typed = tokens.join(" ").toLowerCase();
    return { primary, alternates: queries, changed: primary !== typed };
  }

  // --------------------------------------------------------------------------- Pagefind

  let pagefindPromise = null;
  function loadPagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(bundle + "pagefind.js").then(async (pagefind) => {
        await pagefind.options({ baseUrl: siteRoot, excerptLength: 28 });
        pagefind.init();
        return pagefind;
      });
    }
    return pagefindPromise;
  }

  // ------------------------------------------------------------------------ state, URL

  function readForm() {
    const state = { q: input.value.trim(), filters: {}, sort: sortSelect.value };
    for (const field of filterFields) {
      const value = field.querySelector("select").value;
      if (value) state.filters[field.dataset.filter] = value;
    }
    return state;
  }

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const state = { q: (params.get("q") || "").trim(), filters: {}, sort: "" };
    for (const field of filterFields) {
      const value = params.get(field.dataset.param);
      if (value) state.filters[field.dataset.filter] = value;
    }
    if (params.get("sap-xep") === "moi-nhat") state.sort = "moi-nhat";
    return state;
  }

  function urlOf(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const field of filterFields) {
      const value = state.filters[field.dataset.filter];
      if (value) params.set(field.dataset.param, value);
    }
    if (state.sort) params.set("sap-xep", state.sort);
    const query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function ensureOption(select, value) {
    if (!value) return;
    if (!Array.from(select.options).some((option) => option.value === value)) {
      select.append(new Option(value, value));
    }
  }

  function showState(state) {
    input.value = state.q;
    for (const field of filterFields) {
      const select = field.querySelector("select");
      const value = state.filters[field.dataset.filter] || "";
      ensureOption(select, value);
      select.value = value;
    }
    sortSelect.value = state.sort;
    if (hasChoice()) filterBox.open = true;
  }

  // A run of typing adds one history entry (the first change), then replaces it, so that
  // Back returns to the previous query, not to every letter typed.
  let typingEntry = false;
  function remember(state, typing) {
    const url = urlOf(state);
    if (url !== window.location.pathname + window.location.search) {
      if (typing && typingEntry) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    }
    typingEntry = typing;
  }

  // -------------------------------------------------------------------------- filters

  const collator = new Intl.Collator("vi");
  let filtersShown = false;

  async function showFilters(pagefind) {
    if (filtersShown) return;
    filtersShown = true;
    let available = {};
    try {
      available = await pagefind.filters();
    } catch (error) {
      available = {};
    }
    let any = false;
    for (const field of filterFields) {
      const name = field.dataset.filter;
      const select = field.querySelector("select");
      const counts = available[name] || {};
      const values = Object.keys(counts);
      if (name === "năm") values.sort((a, b) => b.localeCompare(a));
      else values.sort(collator.compare);
      const chosen = select.value;
      for (const value of values) {
        const option = new Option(value + " (" + counts[value] + ")", value);
        const existing = Array.from(select.options).find((o) => o.value === value);
        if (existing) existing.replaceWith(option);
        else select.append(option);
      }
      select.value = chosen;
      field.hidden = values.length === 0 && !chosen;
      any = any || !field.hidden;
    }
    filterBox.hidden = !any;
    // Open on wide screens, or when a filter is in use; on phones it starts folded.
    if (window.matchMedia("(min-width: 48rem)").matches || hasChoice()) filterBox.open = true;
  }

  function hasChoice() {
    return Boolean(sortSelect.value) || filterFields.some((f) => f.querySelector("select").value);
  }

  // -------------------------------------------------------------------------- results

  const URL_KINDS = [
    ["don-vi/", "Đơn vị"],
    ["khoi-thi-dua/", "Khối thi đua"],
    ["quyet-dinh/", "Quyết định khen thưởng"],
    ["khen-thuong/", "Khen thưởng"],
  ];

  function kindOf(url) {
    const path = url.startsWith(siteRoot) ? url.slice(siteRoot.length) : url.replace(/^\//, "");
    const kind = URL_KINDS.find(([prefix]) => path.startsWith(prefix));
    return kind ? kind[1] : "";
  }

  /** Pagefind's excerpt: escaped text with <mark> around the matched words. */
  function excerptNodes(excerpt) {
    const nodes = [];
    let marked = false;
    for (const piece of (excerpt || "").split(/(<\/?mark>)/)) {
      if (piece === "<mark>") marked = true;
      else if (piece === "</mark>") marked = false;
      else if (piece) {
        const text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        if (marked) {
          const mark = document.createElement("mark");
          mark.textContent = text;
          nodes.push(mark);
        } else {
          nodes.push(document.createTextNode(text));
        }
      }
    }
    return nodes;
  }

  function resultItem(data) {
    const item = document.createElement("li");
    item.className = "search-result";
    const heading = document.createElement("h2");
    heading.className = "search-result-title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.append(link);
    item.append(heading);
    const meta = data.meta || {};
    const facts = [meta.date, meta.category || kindOf(data.url)].filter(Boolean);
    if (facts.length) {
      const line = document.createElement("p");
      line.className = "meta";
      line.textContent = facts.join(" · ");
      item.append(line);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    excerpt.append(...excerptNodes(data.excerpt));
    item.append(excerpt);
    return item;
  }

  const KIND_FILTER = "loại trang";
  const ARTICLE_KIND = "Tin bài";
  const OTHER_PAGES_WEIGHT = 0.4;

  /** Pagefind's page id: a hash of the page's content, whatever order the pages were
   *  indexed in (one run, or parts merged by tools/search/parts.py). */
  function byId(a, b) {
    return a.result.id < b.result.id ? -1 : a.result.id > b.result.id ? 1 : 0;
  }

  /** 1 when a word of the query is in the page's title (Pagefind matches the title too). */
  function inTitle(result) {
    return (result.matchedMetaFields || []).includes("title") ? 1 : 0;
  }

  /** The results of `response`, best first: pages whose title holds the query before the
   *  others, then by score; `weightOf(result)` scales a score. Equal scores are ordered by
   *  page id, so the order never depends on how Pagefind numbered the pages. */
  function byScore(response, weightOf) {
    const weighted = response.results.map((result) => ({
      result,
      score: result.score * weightOf(result),
    }));
    weighted.sort((a, b) => inTitle(b.result) - inTitle(a.result) || b.score - a.score || byId(a, b));
    return { ...response, results: weighted.map((item) => item.result) };
  }

  /** The results of `response`, other pages' scores weighted down. */
  function preferArticles(response, articleResponse) {
    const articleIds = new Set(articleResponse.results.map((result) => result.id));
    return byScore(response, (result) => (articleIds.has(result.id) ? 1 : OTHER_PAGES_WEIGHT));
  }

  /** The pages the direct answer names (`pins`, site paths) first, in the answer's order.
   *  Only the first PIN_LOOKAHEAD results are looked at (their data is loaded for that; the
   *  first ten are shown anyway). */
  const PIN_LOOKAHEAD = 20;
  async function pinFirst(results, pins) {
    if (!pins.length) return results;
    const head = results.slice(0, PIN_LOOKAHEAD);
    const data = await Promise.all(head.map((result) => result.data()));
    const pinned = [];
    for (const pin of pins) {
      const at = data.findIndex((item) => item && item.url === pin);
      if (at >= 0 && !pinned.includes(head[at])) pinned.push(head[at]);
    }
    if (!pinned.length) return results;
    return [...pinned, ...results.filter((result) => !pinned.includes(result))];
  }

  function showAnswer(node) {
    if (!answerBox) return;
    if (node) answerBox.replaceChildren(node);
    else answerBox.replaceChildren();
    answerBox.hidden = !node;
  }

  let current = { results: [], shown: 0 };
  let searchCounter = 0;

  async function showMore(focusFirst) {
    const batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    const id = searchCounter;
    const data = await Promise.all(batch.map((result) => result.data()));
    if (id !== searchCounter) return;
    const items = data.map(resultItem);
    list.append(...items);
    current.shown += batch.length;
    more.hidden = current.shown >= current.results.length;
    if (focusFirst && items.length) items[0].querySelector("a").focus();
  }

  function quote(text) {
    return "“" + text + "”";
  }

  function clearResults() {
    list.replaceChildren();
    more.hidden = true;
    emptyHelp.hidden = true;
    current = { results: [], shown: 0 };
  }

  async function search(state, shownQuery) {
    const id = ++searchCounter;
    const filtered = Object.keys(state.filters).length > 0;
    if (!state.q && !filtered) {
      clearResults();
      showAnswer(null);
      status.textContent = "";
      list.removeAttribute("aria-busy");
      return;
    }
    list.setAttribute("aria-busy", "true");
    const noAnswer = { node: null, pins: [] };
    const answerPromise =
      answers && state.q ? answers.answer(state.q).catch(() => noAnswer) : Promise.resolve(noAnswer);
    let pagefind;
    let lexicon;
    try {
      [pagefind, lexicon] = await Promise.all([loadPagefind(), loadLexicon()]);
    } catch (error) {
      if (id !== searchCounter) return;
      list.removeAttribute("aria-busy");
      clearResults();
      status.textContent =
        "Chưa tải được công cụ tìm kiếm. Vui lòng kiểm tra kết nối rồi tải lại trang.";
      return;
    }
    showFilters(pagefind);
    const options = { filters: state.filters };
    if (state.sort === "moi-nhat" || !state.q) options.sort = { date: "desc" };
    const plan = state.q ? planQuery(state.q, lexicon) : { primary: null, alternates: [] };
    const queries = [plan.primary, ...plan.alternates];
    // Ranked by relevance, articles count more than the honours data pages (units,
    // decisions, years), which repeat the vocabulary of honours in long tables.
    const rerank = Boolean(state.q) && !options.sort && !state.filters[KIND_FILTER];
    const articleOptions = { filters: { ...state.filters, [KIND_FILTER]: ARTICLE_KIND } };
    let responses;
    try {
      responses = await Promise.all(queries.map((query) => pagefind.search(query, options)));
      if (rerank) {
        const articles = await Promise.all(
          queries.map((query) => pagefind.search(query, articleOptions)),
        );
        responses = responses.map((response, i) => preferArticles(response, articles[i]));
      } else if (state.q && !options.sort) {
        responses = responses.map((response) => byScore(response, () => 1));
      }
    } catch (error) {
      if (id !== searchCounter) return;
      list.removeAttribute("aria-busy");
      clearResults();
      status.textContent = "Tìm kiếm bị lỗi. Vui lòng tải lại trang rồi thử lại.";
      return;
    }
    if (id !== searchCounter) return;
    const seen = new Set();
    let results = [];
    for (const response of responses) {
      for (const result of (response && response.results) || []) {
        if (!seen.has(result.id)) {
          seen.add(result.id);
          results.push(result);
        }
      }
    }
    const answer = await answerPromise;
    if (rerank) results = await pinFirst(results, answer.pins);
    if (id !== searchCounter) return;
    clearResults();
    showAnswer(answer.node);
    current = { results, shown: 0 };
    await showMore(false);
    if (id !== searchCounter) return;
    list.removeAttribute("aria-busy");

    const what = state.q ? " cho " + quote(shownQuery || state.q) : "";
    const readAs = plan.changed ? " (tìm theo " + quote(plan.primary) + ")" : "";
    const narrowed = filtered ? ", trong bộ lọc đã chọn" : "";
    const answered = answer.node ? " Có mục Tra cứu nhanh ở trên." : "";
    if (results.length) {
      status.textContent =
        "Tìm thấy " + results.length + " kết quả" + what + readAs + narrowed + "." + answered;
    } else {
      status.textContent =
        "Không tìm thấy kết quả nào" + what + readAs + narrowed + "." + answered;
      emptyHelp.hidden = Boolean(answer.node);
    }
  }

  // --------------------------------------------------------------------------- events

  let typingTimer = null;

  input.addEventListener("input", () => {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => {
      const state = readForm();
      if (state.q && state.q.length < MIN_TYPED) return;
      remember(state, true);
      // A last word of one letter is still being typed: searching it would match (and
      // download the index of) every word starting with that letter.
      const words = state.q.split(/\s+/);
      if (words.length > 1 && words[words.length - 1].length === 1) {
        search({ ...state, q: words.slice(0, -1).join(" ") }, state.q);
      } else {
        search(state);
      }
    }, TYPING_DELAY);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    const state = readForm();
    remember(state, false);
    search(state);
  });

  form.addEventListener("change", (event) => {
    if (event.target.tagName !== "SELECT") return;
    window.clearTimeout(typingTimer);
    const state = readForm();
    remember(state, false);
    search(state);
  });

  more.addEventListener("click", () => {
    showMore(true);
  });

  window.addEventListener("popstate", () => {
    window.clearTimeout(typingTimer);
    typingEntry = false;
    const state = readUrl();
    showState(state);
    search(state);
  });

  // Arrow keys: from the box down into the results, and between results.
  function resultLinks() {
    return Array.from(list.querySelectorAll(".search-result-title a"));
  }

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      const links = resultLinks();
      if (links.length) {
        event.preventDefault();
        links[0].focus();
      }
    }
  });

  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = resultLinks();
    const index = links.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    if (event.key === "ArrowDown") {
      if (index + 1 < links.length) links[index + 1].focus();
      else if (!more.hidden) more.focus();
    } else if (index > 0) {
      links[index - 1].focus();
    } else {
      input.focus();
    }
  });

  // ---------------------------------------------------------------------------- start

  const initial = readUrl();
  showState(initial);
  loadPagefind()
    .then(showFilters)
    .catch(() => {});
  if (initial.q || Object.keys(initial.filters).length) search(initial);
})();
