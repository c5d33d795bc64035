// Trả lời nhanh trên trang tìm kiếm: a direct answer above the results when the query names
// a unit, a bloc, a year of honours, a decision number or an honoured person or collective.
//
// The lexicon is made at build time from the honours data (plugins/search_answers/lexicon.py):
// a main file fetched on the first search, and the names of people and collectives in parts,
// of which only the part of the query's last word is fetched. Matching is on folded text (no
// diacritics, "đ" as "d", lower case), so "bac ha", "Bắc Hà" and "BAC HA" give one answer.
//
// window.TraCuu.create(url, siteRoot) -> { answer(query) -> Promise<{node, pins}> }:
// `node` is the answer (a DOM element) or null, `pins` the URLs (site-absolute paths) of the
// pages that answer, which search.js puts first in the results.
(function () {
  "use strict";

  const MAX_UNITS = 5;
  const MAX_ROWS = 10;
  const KIND_NAMES = ["tập thể", "cá nhân", "hộ gia đình"];
  const KIND_LABELS = ["Tập thể", "Cá nhân", "Hộ gia đình"];
  // Words that may surround a year in a query about the honours of that year.
  const YEAR_WORDS = new Set([
    "khen", "thuong", "nam", "quyet", "dinh", "danh", "sach", "thi", "dua", "hieu",
  ]);
  const DECISION_WORDS = new Set(["quyet", "dinh", "qd", "so"]);

  /** The same folding as lexicon.key(): "UBND huyện Bắc Hà" -> "ubnd huyen bac ha". */
  function key(text) {
    const folded = (text || "")
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d");
    return (folded.match(/[0-9a-z]+/g) || []).join(" ");
  }

  /** lexicon.part_of(): FNV-1a of the code points, modulo the number of parts. */
  function partOf(word, parts) {
    let value = 0x811c9dc5;
    for (const char of word) {
      value ^= char.codePointAt(0);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % parts;
  }

  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  /** [collectives, individuals, households] -> "3 tập thể, 2 cá nhân". */
  function countsText(counts) {
    const parts = [];
    counts.forEach((count, i) => {
      if (count) parts.push(number(count) + " " + KIND_NAMES[i]);
    });
    return parts.length ? parts.join(", ") : "chưa có ai được khen thưởng trong dữ liệu";
  }

  function dateText(iso) {
    const [y, m, d] = iso.split("-");
    return d + "/" + m + "/" + y;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function create(url, siteRoot) {
    const base = new URL(url, document.baseURI).href;
    const href = (path) => siteRoot + path;
    let mainPromise = null;
    const partPromises = new Map();

    function fetchJson(address) {
      return fetch(address)
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
    }

    function loadMain() {
      if (!mainPromise) mainPromise = fetchJson(base);
      return mainPromise;
    }

    /** The files of names the query's words need (lexicon.files_for): the part of the last
     *  word; for a last word many names share, its own part chosen by the word before it
     *  (all of its parts when the query is that one word). */
    function filesFor(words, names) {
      const last = words[words.length - 1];
      const big = (names.lon || {})[last];
      if (big) {
        if (words.length > 1) return [names.tep.replace("{}", last + "-" + partOf(words[words.length - 2], big))];
        return Array.from({ length: big }, (_, n) => names.tep.replace("{}", last + "-" + n));
      }
      return [names.tep.replace("{}", String(partOf(last, names.phan)))];
    }

    async function loadRows(lexicon, words) {
      const names = lexicon.ten || { phan: 0 };
      if (!names.phan) return [];
      const parts = await Promise.all(
        filesFor(words, names).map((file) => {
          if (!partPromises.has(file)) partPromises.set(file, fetchJson(new URL(file, base).href));
          return partPromises.get(file);
        }),
      );
      return parts.flatMap((part) => (part ? part.dong : []));
    }

    // ------------------------------------------------------------------ matching

    function findSections(lexicon, q) {
      return (lexicon.trang || []).filter((page) => page.k.includes(q));
    }

    function findUnits(lexicon, q) {
      const stripped = q.replace(/^don vi /, "");
      const found = [];
      (lexicon.don_vi || []).forEach((unit, index) => {
        const at = unit.k.indexOf(stripped);
        if (at >= 0) found.push({ unit, at, index });
      });
      found.sort((a, b) => a.at - b.at || a.index - b.index);
      return found.slice(0, MAX_UNITS).map((item) => item.unit);
    }

    function findBlocs(lexicon, q) {
      return (lexicon.khoi || []).filter((bloc) => bloc.k.includes(q));
    }

    function findYear(lexicon, words) {
      const years = words.filter((w) => /^\d{4}$/.test(w));
      if (years.length !== 1) return null;
      if (!words.every((w) => w === years[0] || YEAR_WORDS.has(w))) return null;
      return (lexicon.nam || []).find((y) => String(y.y) === years[0]) || null;
    }

    function findDecisions(lexicon, words) {
      let i = 0;
      while (i < words.length - 1 && DECISION_WORDS.has(words[i])) i += 1;
      const rest = words.slice(i);
      if (!rest.length || !/^\d+$/.test(rest[0])) return [];
      const q = rest.join(" ");
      const all = lexicon.quyet_dinh || [];
      if (rest.length === 1) return all.filter((d) => d.so === rest[0]);
      return all.filter((d) => d.k === q);
    }

    async function findRows(lexicon, words) {
      if (!words.length || words.every((w) => /^\d+$/.test(w))) return [];
      const found = [];
      for (const row of await loadRows(lexicon, words)) {
        const name = key(row[0]).split(" ");
        if (name.length < words.length) continue;
        const tail = name.slice(name.length - words.length);
        if (tail.every((w, i) => w === words[i])) found.push(row);
      }
      return found;
    }

    // ----------------------------------------------------------------- rendering

    function card(kind, title, address) {
      const box = el("div", "answer");
      box.append(el("p", "answer-kind", kind));
      const heading = el("h3", "answer-title");
      heading.append(link(href(address), title));
      box.append(heading);
      return box;
    }

    function unitCard(unit) {
      const box = card("Đơn vị", unit.t, unit.u);
      const [c, i, h] = unit.n;
      let text = "Được khen thưởng: " + countsText([c, i, h]);
      if (unit.q) {
        text += ", trong " + number(unit.q) + " quyết định";
        if (unit.y.length) {
          text += unit.y[0] === unit.y[1] ? " (năm " + unit.y[0] + ")" : " (" + unit.y[0] + "–" + unit.y[1] + ")";
        }
      }
      box.append(el("p", "answer-facts", text + "."));
      if (unit.het) {
        const note = el("p", "answer-note", "Đơn vị không còn từ sau ngày " + dateText(unit.het));
        if (unit.s && unit.s.length) {
          note.append("; kế thừa: ");
          unit.s.forEach(([name, address], index) => {
            if (index) note.append(", ");
            note.append(link(href(address), name));
          });
        }
        note.append(".");
        box.append(note);
      }
      return box;
    }

    function blocCard(bloc) {
      const box = card("Khối thi đua", bloc.t, bloc.u);
      let text = number(bloc.m) + " thành viên";
      if (bloc.y.length) text += " (năm " + bloc.y[bloc.y.length - 1] + ")";
      box.append(el("p", "answer-facts", text + "."));
      if (bloc.l.length) {
        const lead = el("p", "answer-facts", "Trưởng khối: ");
        lead.append(link(href(bloc.l[1]), bloc.l[0]), ".");
        box.append(lead);
      }
      return box;
    }

    function yearCard(year) {
      const box = card("Khen thưởng theo năm", "Khen thưởng năm " + year.y, year.u);
      const text = number(year.q) + " quyết định; được khen thưởng: " + countsText(year.n) + ".";
      box.append(el("p", "answer-facts", text));
      return box;
    }

    function decisionCard(decision) {
      const box = card("Quyết định khen thưởng", "Quyết định số " + decision.s, decision.u);
      const facts = [dateText(decision.d), decision.i].filter(Boolean).join(", ");
      box.append(el("p", "answer-facts", facts + "."));
      if (decision.t) box.append(el("p", "answer-facts", decision.t));
      box.append(el("p", "answer-facts", "Được khen thưởng: " + countsText(decision.n) + "."));
      return box;
    }

    function sectionCard(page) {
      return card("Trang tra cứu", page.t, page.u);
    }

    function rowsCard(lexicon, rows, typed) {
      const box = el("div", "answer answer-rows");
      box.append(el("p", "answer-kind", "Người và tập thể được khen thưởng"));
      const heading = el("h3", "answer-title", "Tên có “" + typed + "”: " + number(rows.length) + " lượt khen thưởng");
      box.append(heading);
      const list = el("ul", "answer-row-list");
      for (const row of rows.slice(0, MAX_ROWS)) {
        const [name, kind, honour, decisionIndex, unitIndex, position] = row;
        const decision = lexicon.quyet_dinh[decisionIndex];
        const unit = unitIndex >= 0 ? lexicon.don_vi[unitIndex] : null;
        const item = el("li", "answer-row");
        const who = el("p", "answer-row-name");
        who.append(el("strong", "", name));
        who.append(" (" + [KIND_LABELS[kind], position].filter(Boolean).join("; ") + ")");
        item.append(who);
        const what = el("p", "answer-row-facts");
        what.append(lexicon.danh_hieu[honour] + ", năm " + decision.d.slice(0, 4) + ", ");
        what.append(link(href(decision.u), "Quyết định số " + decision.s));
        if (unit) {
          what.append(", đơn vị ");
          what.append(link(href(unit.u), unit.t));
        }
        what.append(".");
        item.append(what);
        list.append(item);
      }
      box.append(list);
      if (rows.length > MAX_ROWS) {
        box.append(
          el("p", "answer-note", "Còn " + number(rows.length - MAX_ROWS) + " lượt khác: gõ thêm họ và tên để thu hẹp."),
        );
      }
      return box;
    }

    async function answer(query) {
      const typed = (query || "").trim();
      const q = key(typed);
      if (!q) return { node: null, pins: [] };
      const lexicon = await loadMain();
      if (!lexicon || lexicon.v !== 1) return { node: null, pins: [] };
      const words = q.split(" ");
      const cards = [];
      const pins = [];
      const add = (node, address) => {
        cards.push(node);
        if (address) pins.push(href(address));
      };
      const year = findYear(lexicon, words);
      if (year) add(yearCard(year), year.u);
      for (const decision of findDecisions(lexicon, words)) add(decisionCard(decision), decision.u);
      for (const unit of findUnits(lexicon, q)) add(unitCard(unit), unit.u);
      for (const bloc of findBlocs(lexicon, q)) add(blocCard(bloc), bloc.u);
      for (const page of findSections(lexicon, q)) add(sectionCard(page), page.u);
      const rows = year ? [] : await findRows(lexicon, words);
      if (rows.length) add(rowsCard(lexicon, rows, typed), null);
      if (!cards.length) return { node: null, pins: [] };
      const section = el("section", "search-answers");
      section.id = "tra-loi";
      section.setAttribute("aria-labelledby", "tra-loi-tieu-de");
      const title = el("h2", "search-answers-title", "Tra cứu nhanh");
      title.id = "tra-loi-tieu-de";
      section.append(title, ...cards);
      return { node: section, pins };
    }

    return { answer };
  }

  window.TraCuu = { create, key, partOf };
})();
