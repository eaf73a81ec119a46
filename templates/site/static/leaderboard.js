// Leaderboard views. The page is complete without this script: every result, ranked by the primary metric.
// With it, the table shows one row per method: its best row under the current filters, ranked among the
// methods, with a "+N variants" button that shows the method's other rows in place; "all variants" ranks every
// row instead. Headers sort (click or Enter/Space), filters narrow rows, columns empty in every shown row are
// hidden, the shown view downloads as LaTeX, BibTeX or CSV, and the state lives in the URL
// (?extra=no&all=1&open=paper-a,paper-b&sort=fps&dir=desc) so a view can be shared.
import { wire } from "./export.js";
import { standing } from "./standing.js";

const table = document.getElementById("leaderboard");
const form = document.getElementById("filters");
if (table && form) start(table, form, document.getElementById("exports"));

function start(table, form, exports) {
  const body = table.tBodies[0];
  const rows = Array.from(body.rows); // in rank order, so a method's first kept row is its best
  const headers = Array.from(table.tHead.rows[0].cells);
  const column = (key) => headers.findIndex((header) => header.dataset.key === key);
  const primary = column(table.dataset.primary);
  const higher = headers[primary].dataset.higher === "1";
  const params = new URLSearchParams(window.location.search);
  const filterNames = ["extra", "family", "hardware", "reported", "inference", "task", "since"].filter(
    (name) => form.elements[name],
  );
  const open = new Set((params.get("open") || "").split(",").filter(Boolean));
  let sortKey = params.get("sort") || "rank";
  let sortDir = params.get("dir") || "asc";
  const positions = new Map(rows.map((row, index) => [row, index]));
  let shown = [];

  const cellValue = (row, index, type) => {
    const raw = row.cells[index].dataset.value || "";
    if (type === "number") return raw === "" ? null : Number(raw);
    return raw.toLowerCase();
  };

  const keep = (row) => {
    const values = Object.fromEntries(filterNames.map((name) => [name, form.elements[name].value]));
    if (values.extra && !row.dataset.extra.split(" ").includes(values.extra)) return false;
    if (values.family && row.dataset.family !== values.family) return false;
    if (values.hardware && row.dataset.hardware !== values.hardware) return false;
    if (values.reported && row.dataset.reported !== values.reported) return false;
    if (values.inference && row.dataset.inference !== values.inference) return false;
    if (values.task && !row.dataset.tasks.split(" ").includes(values.task)) return false;
    if (values.since && Number(row.dataset.year) < Number(values.since)) return false;
    return true;
  };

  // Units of the view: one per method (its kept rows, best first), or one per row with "all variants".
  const units = (kept) => {
    if (form.elements.all.checked) return kept.map((row) => [row]);
    const methods = new Map();
    kept.forEach((row) => {
      if (!methods.has(row.dataset.paper)) methods.set(row.dataset.paper, []);
      methods.get(row.dataset.paper).push(row);
    });
    const order = (row) => standing(cellValue(row, primary, "number") !== null, row.dataset.reported === "other");
    const position = new Map(rows.map((row, index) => [row, index]));
    const groups = Array.from(methods.values()).map((group) =>
      group.slice().sort((a, b) => order(a) - order(b) || position.get(a) - position.get(b)),
    );
    const unranked = (group) => (order(group[0]) > 1 ? 1 : 0);
    return groups.sort((a, b) => unranked(a) - unranked(b) || position.get(a[0]) - position.get(b[0]));
  };

  // Rank among the units' leading rows by the primary metric: equal scores share a rank, rows without it get none.
  const ranks = (leaders) => {
    const scores = leaders.map((row) => cellValue(row, primary, "number")).filter((value) => value !== null);
    return (row) => {
      const value = cellValue(row, primary, "number");
      if (value === null) return "";
      return String(1 + scores.filter((other) => (higher ? other > value : other < value)).length);
    };
  };

  const toggle = (row) => {
    let button = row.querySelector("button.variants");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "variants";
      button.addEventListener("click", () => {
        const paper = row.dataset.paper;
        if (open.has(paper)) open.delete(paper); else open.add(paper);
        render();
      });
      row.cells[1].appendChild(button);
    }
    return button;
  };

  const markBest = () => {
    headers.forEach((header, index) => {
      if (header.dataset.type !== "number" || header.dataset.higher === undefined) return;
      const up = header.dataset.higher === "1";
      const values = shown.map((row) => cellValue(row, index, "number")).filter((value) => value !== null);
      const best = values.length ? (up ? Math.max(...values) : Math.min(...values)) : null;
      rows.forEach((row) => row.cells[index].classList.toggle("best", best !== null && !row.hidden && cellValue(row, index, "number") === best));
    });
  };

  // A column that is empty in every shown row is hidden (the primary metric and the method never are).
  const hideEmpty = () => {
    headers.forEach((header, index) => {
      if (!("optional" in header.dataset)) return;
      const empty = shown.every((row) => !row.cells[index].dataset.value);
      header.hidden = empty;
      rows.forEach((row) => { row.cells[index].hidden = empty; });
    });
  };

  const render = () => {
    const all = form.elements.all.checked;
    const kept = rows.filter(keep);
    const groups = units(kept);
    const index = Math.max(0, column(sortKey));
    const type = headers[index].dataset.type || "text";
    const sign = sortDir === "desc" ? -1 : 1;
    groups.sort((a, b) => {
      const x = cellValue(a[0], index, type);
      const y = cellValue(b[0], index, type);
      if (x === y) return positions.get(a[0]) - positions.get(b[0]);
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    });
    const rankOf = ranks(groups.map((group) => group[0]));
    shown = [];
    let unranked = 0;
    groups.forEach(([leader, ...others]) => {
      const expanded = !all && open.has(leader.dataset.paper);
      const rank = rankOf(leader);
      if (!rank) unranked += 1;
      leader.cells[0].textContent = rank || "–";
      leader.classList.remove("variant");
      const button = toggle(leader);
      button.hidden = all || !others.length;
      button.textContent = expanded ? `hide ${others.length} variant${others.length > 1 ? "s" : ""}` : `+${others.length} variant${others.length > 1 ? "s" : ""}`;
      button.setAttribute("aria-expanded", String(expanded));
      shown.push(leader);
      others.forEach((row) => {
        row.classList.add("variant");
        row.cells[0].textContent = "";
        toggle(row).hidden = true;
        if (expanded) shown.push(row);
      });
    });
    const visible = new Set(shown);
    rows.forEach((row) => { row.hidden = !visible.has(row); });
    [...shown, ...rows.filter((row) => !visible.has(row))].forEach((row) => body.appendChild(row));
    headers.forEach((header, i) => {
      if (!header.dataset.key) return;
      header.setAttribute("aria-sort", i === index ? (sortDir === "desc" ? "descending" : "ascending") : "none");
    });
    hideEmpty();
    markBest();
    const label = headers[primary].textContent;
    const lacking = unranked ? `; ${unranked} without ${label}, listed last unranked` : "";
    form.elements.count.value = all
      ? `${shown.length} of ${rows.length} results shown${lacking}`
      : `${groups.length} ${groups.length === 1 ? "method" : "methods"}, each by its best of ${kept.length} of ${rows.length} results${lacking}`;
    const next = new URLSearchParams();
    filterNames.forEach((name) => { if (form.elements[name].value) next.set(name, form.elements[name].value); });
    if (all) next.set("all", "1");
    const opened = all ? [] : groups.map((group) => group[0].dataset.paper).filter((paper) => open.has(paper));
    if (opened.length) next.set("open", opened.join(","));
    if (sortKey !== "rank" || sortDir !== "asc") { next.set("sort", sortKey); next.set("dir", sortDir); }
    const query = next.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  };

  headers.forEach((header) => {
    if (!header.dataset.key) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = header.textContent;
    button.setAttribute("aria-label", `Sort by ${header.textContent}`);
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", () => {
      const key = header.dataset.key;
      if (sortKey === key) {
        sortDir = sortDir === "asc" ? "desc" : "asc";
      } else {
        sortKey = key;
        // numbers start with the best first; text starts alphabetically
        const up = header.dataset.higher === "1";
        sortDir = header.dataset.type === "number" && key !== "rank" && up ? "desc" : "asc";
      }
      render();
    });
  });

  // The shown rows and columns as a table to download: method and paper key, then every shown column.
  const view = () => {
    const columns = headers
      .map((header, index) => ({ header, index }))
      .filter(({ header, index }) => header.dataset.key && !header.hidden && index > 1);
    const rowsOut = shown.map((row) => ({
      key: row.dataset.paper,
      name: row.cells[1].dataset.value,
      cells: columns.map(({ index }) => row.cells[index].dataset.value || ""),
      url: row.cells[row.cells.length - 1].dataset.url,
    }));
    const labels = columns.map(({ header }) => header.textContent);
    const title = `${document.querySelector("h1").textContent}: ${form.elements.count.value}. ${window.location.href}`;
    return {
      name: table.dataset.name,
      table: {
        title,
        columns: columns.map(({ header }) => (header.dataset.higher === undefined ? { label: header.textContent } : { label: header.textContent, higher: header.dataset.higher === "1" })),
        rows: rowsOut,
      },
      csv: [["paper", "method", ...labels, "source"], ...rowsOut.map((row) => [row.key, row.name, ...row.cells, row.url])],
    };
  };

  filterNames.forEach((name) => {
    const value = params.get(name);
    if (value && Array.from(form.elements[name].options).some((option) => option.value === value)) {
      form.elements[name].value = value;
    }
  });
  form.elements.all.checked = params.get("all") === "1";
  form.addEventListener("change", render);
  form.addEventListener("reset", () => window.setTimeout(render, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  if (exports) wire(exports, view);
  render();
}
