// Search with the Pagefind index built into /pagefind/: a query box, facets for type, task, venue and year,
// and results linking to the pages. The query and facets live in the URL (?q=memory&task=VIS).
const script = document.currentScript || document.querySelector("script[data-bundle]");
const form = document.getElementById("search");
const facetsBox = document.getElementById("facets");
const status = document.getElementById("status");
const list = document.getElementById("results");
const facetNames = ["type", "task", "venue", "year"];

const bundle = new URL(script.dataset.bundle, document.baseURI);
const pagefind = await import(bundle.href);
// the site may live under a sub-path (GitHub project pages): results are relative to the bundle's parent
await pagefind.options({ baseUrl: new URL("..", bundle).pathname });
await pagefind.init();
const available = await pagefind.filters();
const params = new URLSearchParams(window.location.search);

facetNames.forEach((name) => {
  const values = Object.keys(available[name] || {}).sort();
  if (!values.length) return;
  const label = document.createElement("label");
  label.textContent = name[0].toUpperCase() + name.slice(1) + " ";
  const select = document.createElement("select");
  select.name = name;
  const any = document.createElement("option");
  any.value = "";
  any.textContent = "any";
  select.appendChild(any);
  values.forEach((value) => {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = `${value} (${available[name][value]})`;
    select.appendChild(option);
  });
  select.value = params.get(name) || "";
  label.appendChild(select);
  facetsBox.appendChild(label);
});
form.elements.q.value = params.get("q") || "";

let generation = 0;
async function run() {
  const current = ++generation;
  const query = form.elements.q.value.trim();
  const filters = {};
  const next = new URLSearchParams();
  if (query) next.set("q", query);
  facetNames.forEach((name) => {
    const field = form.elements[name];
    if (field && field.value) { filters[name] = field.value; next.set(name, field.value); }
  });
  window.history.replaceState(null, "", next.toString() ? `?${next}` : window.location.pathname);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "Type to search.";
    return;
  }
  const search = await pagefind.search(query || null, { filters });
  const found = await Promise.all(search.results.slice(0, 30).map((result) => result.data()));
  if (current !== generation) return;
  status.textContent = `${search.results.length} result${search.results.length === 1 ? "" : "s"}`;
  list.replaceChildren(...found.map((data) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const kind = document.createElement("span");
    kind.className = "venue";
    kind.textContent = ` ${(data.filters.type || []).join(", ")}`;
    const excerpt = document.createElement("p");
    excerpt.textContent = data.excerpt.replace(/<[^>]*>/g, "");
    item.append(link, kind, excerpt);
    return item;
  }));
}

form.addEventListener("input", run);
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
form.hidden = false;
run();
