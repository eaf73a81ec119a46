// Leaderboard sorting and filtering. The page is complete without this script (ranked by the primary
// metric); with it, column headers sort (click or Enter/Space), filters narrow rows, and the state lives in
// the URL (?extra=no&family=Swin&sort=fps&dir=desc) so a view can be shared.
(function () {
  "use strict";
  const table = document.getElementById("leaderboard");
  const form = document.getElementById("filters");
  if (!table || !form) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const headers = Array.from(table.tHead.rows[0].cells);
  const params = new URLSearchParams(window.location.search);
  const filterNames = ["extra", "family", "hardware", "reported", "inference", "task", "since"].filter(
    (name) => form.elements[name],
  );
  let sortKey = params.get("sort") || "rank";
  let sortDir = params.get("dir") || "asc";

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

  const markBest = (visible) => {
    headers.forEach((header, index) => {
      if (header.dataset.type !== "number" || header.dataset.higher === undefined) return;
      const higher = header.dataset.higher === "1";
      const values = visible.map((row) => cellValue(row, index, "number")).filter((value) => value !== null);
      const best = values.length ? (higher ? Math.max(...values) : Math.min(...values)) : null;
      rows.forEach((row) => {
        const value = cellValue(row, index, "number");
        row.cells[index].classList.toggle("best", best !== null && value === best && visible.includes(row));
      });
    });
  };

  const render = () => {
    const index = Math.max(0, headers.findIndex((header) => header.dataset.key === sortKey));
    const type = headers[index].dataset.type || "text";
    const sign = sortDir === "desc" ? -1 : 1;
    const sorted = rows.slice().sort((a, b) => {
      const x = cellValue(a, index, type);
      const y = cellValue(b, index, type);
      if (x === y) return rows.indexOf(a) - rows.indexOf(b);
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    });
    const visible = [];
    sorted.forEach((row) => {
      const shown = keep(row);
      row.hidden = !shown;
      if (shown) visible.push(row);
      body.appendChild(row);
    });
    headers.forEach((header, i) => {
      if (!header.dataset.key) return;
      header.setAttribute("aria-sort", i === index ? (sortDir === "desc" ? "descending" : "ascending") : "none");
    });
    markBest(visible);
    form.elements.count.value = `${visible.length} of ${rows.length} results shown`;
    const next = new URLSearchParams();
    filterNames.forEach((name) => { if (form.elements[name].value) next.set(name, form.elements[name].value); });
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
        const higher = header.dataset.higher === "1";
        sortDir = header.dataset.type === "number" && key !== "rank" && higher ? "desc" : "asc";
      }
      render();
    });
  });

  filterNames.forEach((name) => {
    const value = params.get(name);
    if (value && Array.from(form.elements[name].options).some((option) => option.value === value)) {
      form.elements[name].value = value;
    }
  });
  form.addEventListener("change", render);
  form.addEventListener("reset", () => window.setTimeout(render, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  render();
})();
