// Search over search/index.json, which the build writes from the data: every query word must begin a word of
// a record (case and accents ignored). Results rank by where the words matched (method or title, then
// authors, then description, then the names of related datasets and benchmarks), then newest first. Facets
// for type, task, venue and year count the matches; the query and facets live in the URL (?q=memory&task=VIS).
// Everything shown is set as text, never parsed as HTML.
const script = document.querySelector("script[data-index]");
const form = document.getElementById("search");
const facetsBox = document.getElementById("facets");
const status = document.getElementById("status");
const list = document.getElementById("results");
const facetNames = ["type", "task", "venue", "year"];
const shown = 30;

const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const words = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];
// " w1 w2 w3": a term begins a word exactly where " " + term occurs
const joined = (texts) => ` ${texts.flatMap(words).join(" ")}`;

function load(index) {
  const field = Object.fromEntries(index.fields.map((name, position) => [name, position]));
  const records = index.records.map((raw) => {
    const related = raw[field.related].map((position) => index.records[position][field.title]);
    const record = {
      type: index.types[raw[field.type]],
      title: raw[field.title],
      url: raw[field.url],
      label: raw[field.label],
      year: raw[field.year],
      venue: raw[field.venue] >= 0 ? index.venues[raw[field.venue]] : "",
      tasks: raw[field.tasks].map((position) => index.tasks[position]),
      text: raw[field.text],
      tiers: [
        joined([raw[field.title], raw[field.method]]),
        joined([raw[field.authors]]),
        joined([raw[field.text]]),
        joined(related),
      ],
    };
    record.facets = {
      type: [record.type],
      task: record.tasks,
      venue: record.venue ? [record.venue] : [],
      year: [String(record.year)],
    };
    return record;
  });
  return { records, order: { type: index.types, task: index.tasks } };
}

// The sum over the terms of the best tier each matched in, or -1 when a term matches nowhere.
function rank(record, terms) {
  let total = 0;
  for (const term of terms) {
    const tier = record.tiers.findIndex((text) => text.includes(` ${term}`));
    if (tier < 0) return -1;
    total += tier;
  }
  return total;
}

function sortedValues(name, values, order) {
  if (order[name]) return order[name].filter((value) => values.has(value));
  const sorted = Array.from(values);
  return name === "year" ? sorted.sort((a, b) => b - a) : sorted.sort((a, b) => a.localeCompare(b));
}

function makeSelects(records, order, params) {
  const selects = {};
  facetNames.forEach((name) => {
    const values = new Set(records.flatMap((record) => record.facets[name]));
    if (!values.size) return;
    const label = document.createElement("label");
    label.textContent = `${name[0].toUpperCase()}${name.slice(1)} `;
    const select = document.createElement("select");
    select.name = name;
    const wanted = params.get(name) || "";
    select.append(new Option("any", ""), ...(wanted ? [new Option(wanted, wanted)] : []));
    select.value = wanted;
    label.appendChild(select);
    facetsBox.appendChild(label);
    selects[name] = { select, values: sortedValues(name, values, order) };
  });
  return selects;
}

// Options with their counts over the matches that pass the other facets; empty ones are left out.
function fillSelects(selects, matches, chosen) {
  Object.entries(selects).forEach(([name, { select, values }]) => {
    const counts = new Map();
    matches.forEach(({ record }) => {
      const others = facetNames.every((other) => other === name || !chosen[other] || record.facets[other].includes(chosen[other]));
      if (others) record.facets[name].forEach((value) => counts.set(value, (counts.get(value) || 0) + 1));
    });
    const options = [new Option("any", "")];
    values.forEach((value) => {
      if (counts.has(value) || value === chosen[name]) options.push(new Option(`${value} (${counts.get(value) || 0})`, value));
    });
    select.replaceChildren(...options);
    select.value = chosen[name] || "";
  });
}

function excerpt(text) {
  if (text.length <= 200) return text;
  const cut = text.lastIndexOf(" ", 200);
  return `${text.slice(0, cut > 100 ? cut : 200)}…`;
}

function item(record, root) {
  const entry = document.createElement("li");
  const link = document.createElement("a");
  link.href = new URL(record.url, root).href;
  link.textContent = record.title;
  const kind = document.createElement("span");
  kind.className = "venue";
  kind.textContent = ` ${[record.type, record.label, record.tasks.join(", ")].filter(Boolean).join(" · ")}`;
  const text = document.createElement("p");
  text.textContent = excerpt(record.text);
  entry.append(link, kind, text);
  return entry;
}

function search(records, selects, root) {
  const query = form.elements.q.value.trim();
  const terms = [...new Set(words(query))];
  const chosen = {};
  const next = new URLSearchParams();
  if (query) next.set("q", query);
  Object.entries(selects).forEach(([name, { select }]) => {
    if (select.value) { chosen[name] = select.value; next.set(name, select.value); }
  });
  window.history.replaceState(null, "", next.toString() ? `?${next}` : window.location.pathname);
  const matches = [];
  records.forEach((record) => {
    const score = rank(record, terms);
    if (score >= 0) matches.push({ record, score });
  });
  fillSelects(selects, matches, chosen);
  if (!terms.length && !Object.keys(chosen).length) {
    list.replaceChildren();
    status.textContent = "Type to search.";
    return;
  }
  const found = matches.filter(({ record }) => Object.entries(chosen).every(([name, value]) => record.facets[name].includes(value)));
  found.sort((a, b) => a.score - b.score || b.record.year - a.record.year || a.record.title.localeCompare(b.record.title));
  const count = `${found.length} result${found.length === 1 ? "" : "s"}`;
  status.textContent = found.length > shown ? `${count}, the first ${shown} shown` : count;
  list.replaceChildren(...found.slice(0, shown).map(({ record }) => item(record, root)));
}

async function main() {
  let index;
  try {
    const response = await fetch(new URL(script.dataset.index, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    index = await response.json();
  } catch (error) {
    status.textContent = `The search index could not be loaded (${error.message}); use the list of papers.`;
    return;
  }
  const { records, order } = load(index);
  const params = new URLSearchParams(window.location.search);
  const selects = makeSelects(records, order, params);
  const root = new URL(script.dataset.root, document.baseURI);
  form.elements.q.value = params.get("q") || "";
  const run = () => search(records, selects, root);
  form.addEventListener("input", run);
  form.addEventListener("change", run);
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  form.hidden = false;
  run();
}

main();
