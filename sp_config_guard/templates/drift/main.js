
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("drift-data").textContent);
  const meta = JSON.parse(document.getElementById("drift-meta").textContent);
  const CLASSES = data.classes;
  const WEIGHTS = meta.weights;
  const $ = (id) => document.getElementById(id);

  // Every element is built here; text only ever goes in through text nodes.
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "class") node.className = value;
      else if (name === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (name === "data") for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  // The page's words come from the catalog in the run's language (meta.labels); a text's
  // {placeholders} are filled in one pass, as text or as nodes.
  const L = meta.labels;
  const fill = (name, fields) => L[name].replace(/\{(\w+)\}/g, (m, k) => (k in fields ? String(fields[k]) : m));
  const fillNodes = (name, fields) => L[name].split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 ? fields[part] : part)).filter((part) => part !== "");
  // Numbers in the language's format: Danish 1.234,5, English 1,234.5.
  const grouped = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, L.thousands_mark);
  const num = (n) => (n < 0 ? "-" : "") + grouped(String(Math.abs(Math.round(Number(n)))));
  const fmt = (x) => {
    const [whole, fraction] = Math.abs(Number(x)).toFixed(1).split(".");
    return (Number(x) < 0 ? "-" : "") + grouped(whole) + L.decimal_mark + fraction;
  };
  const plural = (n, noun) => fill(noun + (n === 1 ? "_one" : "_many"), { n: num(n) });
  const boldPlural = (n, noun) => fillNodes(noun + (n === 1 ? "_one" : "_many"), { n: h("b", { text: num(n) }) });
  const label = (prefix, cls) => L[prefix + cls.replace(/-/g, "_")] || cls;
  // Names of the organisation from the Department artifacts; a code without a name shows as it is.
  const names = data.names || { hospitals: {}, departments: {} };
  const hospitalNames = new Map(Object.entries(names.hospitals || {}));
  const departmentNames = new Map(Object.entries(names.departments || {}));
  const hospitalName = (slug) => (hospitalNames.get(slug) || {}).name || slug;
  const hospitalSor = (slug) => (hospitalNames.get(slug) || {}).sor || "";
  const departmentLabel = (shak) => {
    const name = (departmentNames.get(shak) || {}).name;
    return name ? name + " (" + shak + ")" : shak;
  };
  const total = (counts) => CLASSES.reduce((sum, c) => sum + (counts[c] || 0), 0);
  const weight = (counts) => CLASSES.reduce((sum, c) => sum + WEIGHTS[c] * (counts[c] || 0), 0);
  // A roll-up on fewer variants than the run's min_variants is a small number: hatched, starred
  // and explained (in a tooltip, and in the legend for print).
  const prov = data.provenance || {};
  const MIN_VARIANTS = prov.min_variants || 1;
  const isSmall = (rollup) => rollup.variants < MIN_VARIANTS;
  const smallNote = () => fill("small_note", { n: num(MIN_VARIANTS) });
  const breakable = (kind) => kind.replace(/([a-z])([A-Z])/g, "$1\u200b$2");
  const badge = (cls) => h("span", { class: "badge c-" + cls, text: label("name_", cls) });
  const keyOf = (...parts) => JSON.stringify(parts);
  // a drill-down's selection as one key: region, hospital, kind, department ("" for any)
  const selKey = (s) => keyOf(s.region || "", s.hospital || "", s.kind || "", s.department || "");
  const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  // A sequential colour scale (pale yellow to dark red) on the square root of the index,
  // 0 to the largest index of a heatmap cell, so small drift stays visible next to large.
  const STOPS = [
    [255, 251, 222], [254, 232, 160], [254, 203, 102], [253, 160, 68],
    [240, 104, 48], [206, 44, 38], [150, 10, 38],
  ];
  const cells = data.rollups.hospital_kind;
  const scaleMax = Math.max(0, ...cells.map((r) => r.index)) || 1;
  const position = (index) => Math.min(1, Math.sqrt(Math.max(0, index) / scaleMax));
  function colourAt(t) {
    const x = t * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(x));
    const f = x - i;
    return STOPS[i].map((v, k) => Math.round(v + (STOPS[i + 1][k] - v) * f));
  }
  const css = (rgb) => "rgb(" + rgb.join(", ") + ")";
  // WCAG relative luminance, to put whichever of white and ink contrasts more on a colour
  function luminance(rgb) {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const INK = [28, 36, 49];
  function paint(node, index) {
    const rgb = colourAt(position(index));
    const l = luminance(rgb);
    const onWhite = 1.05 / (l + 0.05);
    const onInk = (l + 0.05) / (luminance(INK) + 0.05);
    node.style.setProperty("background-color", css(rgb));
    node.style.setProperty("color", onWhite > onInk ? "#ffffff" : css(INK));
    node.style.setProperty("--shade", css(rgb)); // a halo behind the figures of a hatched cell
    return node;
  }

  const variantOf = new Map(data.variants.map((v) => [v.file, v]));
  const artifactTitle = (v) => (v && v.name) || "";
  const devsByFile = new Map();
  for (const d of data.deviations) {
    if (!devsByFile.has(d.file)) devsByFile.set(d.file, []);
    devsByFile.get(d.file).push(d);
  }
  const hospitals = data.rollups.hospital;
  const kinds = meta.kinds;
  const cellOf = new Map(cells.map((r) => [keyOf(...r.key), r]));
  const hospitalOf = new Map(hospitals.map((r) => [keyOf(...r.key), r]));
  const kindTotalOf = new Map(meta.kind_totals.map((r) => [r.key[0], r]));
  const regions = [...new Set(data.variants.map((v) => v.scope.region).filter(Boolean))].sort(byText);

  // -- summary -----------------------------------------------------------------------------
  function buildSummary() {
    const stale = data.variants.filter((v) => v.stale).length;
    const stats = [
      [num(data.variants.length), L.stat_variants],
      [num(data.deviations.length), L.stat_deviations],
      [num(regions.length), L.stat_regions],
      [num(hospitals.length), L.stat_hospitals],
      [num(new Set(data.variants.map((v) => v.kind)).size), L.stat_kinds],
      [num(stale), L.stat_stale],
      [fmt(meta.grand_total.index), L.stat_index],
    ];
    if (data.problems.length) {
      $("problems").replaceChildren(
        h("strong", { text: fill("problems", { files: plural(data.problems.length, "file") }) }),
        h("ul", null, data.problems.map((p) => h("li", null, h("code", { text: p })))));
      $("problems").hidden = false;
    }
    $("stats").replaceChildren(...stats.map(([v, l]) =>
      h("div", { class: "stat" }, h("span", { class: "v", text: v }), h("span", { class: "l", text: l }))));
    const counts = {};
    for (const d of data.deviations) counts[d.class] = (counts[d.class] || 0) + 1;
    $("class-cards").replaceChildren(...CLASSES.map((c) => {
      const n = counts[c] || 0;
      return h("div", { class: "class-card" },
        h("span", { class: n ? "n" : "n zero", text: num(n), "aria-label": plural(n, "deviation") }),
        h("div", null, badge(c), h("span", { class: "w", text: fill("weight", { n: num(WEIGHTS[c]) }) })),
        h("div", { class: "d", text: meta.descriptions[c] || "" }));
    }));
    $("formula").replaceChildren(h("strong", { text: L.index_heading + " " }), meta.formula + " " + meta.local_note);
    const regionwide = data.variants.filter((v) => !v.scope.hospital).length;
    if (regionwide) $("regionwide").textContent = fill("regionwide", { n: num(regionwide) });
    $("footer").textContent = fill("footer_version", { version: data.version });
    buildProvenance();
  }

  // -- provenance: when, from which commit, with which tool, rule sets and settings ---------
  function buildProvenance() {
    const parts = [];
    if (prov.generated_at) parts.push(fill("prov_generated", { time: prov.generated_at }));
    const git = prov.git;
    if (git && git.branch) parts.push(fill("prov_commit", { commit: git.commit.slice(0, 12), branch: git.branch }));
    else if (git) parts.push(fill("prov_detached", { commit: git.commit.slice(0, 12) }));
    else parts.push(L.prov_no_git);
    parts.push(fill("prov_tool", { version: (prov.tool || {}).version || "" }));
    // rule sets by version: "2026.4 (12)" when many share one, their names in the tooltip
    const byVersion = new Map();
    for (const r of prov.rulesets || []) byVersion.set(r.version, [...(byVersion.get(r.version) || []), r.name]);
    const sets = [...byVersion].map(([version, names]) => version + " (" + (names.length > 3 ? num(names.length) : names.join(", ")) + ")");
    if (sets.length) parts.push(fill("prov_rulesets", { sets: sets.join(", ") }));
    const failOn = prov.fail_on || {};
    const lint = failOn.lint ? L["sev_" + failOn.lint] || failOn.lint : L.none;
    parts.push(failOn.drift ? fill("prov_fail_on", { drift: label("name_", failOn.drift), lint })
      : fill("prov_fail_never", { lint }));
    parts.push(fill("prov_small", { n: num(MIN_VARIANTS) }));
    $("provenance").textContent = parts.join(" · ");
    $("provenance").title = [git ? git.commit : "", ...(prov.rulesets || []).map((r) => r.name + " " + r.version)].filter(Boolean).join("\n");
  }

  // -- heatmap -----------------------------------------------------------------------------
  const pressable = [];
  const counted = (variants, devs) => num(variants) + " " + L.var + (devs ? " · " + num(devs) + " " + L.dev : "");
  function cellButton(rollup, what, selection, extraClass) {
    const devs = total(rollup.counts);
    const small = isSmall(rollup);
    const button = h("button", {
      type: "button",
      class: "cell" + (extraClass ? " " + extraClass : "") + (small ? " small" : ""),
      "aria-pressed": "false",
      "aria-label": fill("cell_label", { label: what, index: fmt(rollup.index),
        variants: plural(rollup.variants, "variant"), deviations: plural(devs, "deviation") })
        + (small ? "; " + smallNote() : ""),
      title: small ? smallNote() : null,
      data: { sel: selKey(selection) },
      on: { click: () => select(selection, true) },
    },
    h("span", { class: "i", text: fmt(rollup.index) }, small ? h("span", { class: "few", "aria-hidden": "true", text: "*" }) : null),
    h("span", { class: "c", text: counted(rollup.variants, devs) }));
    pressable.push(button);
    return paint(button, rollup.index);
  }

  function buildHeatmap() {
    const table = $("heatmap");
    const caption = h("caption", { class: "visually-hidden", text: L.heatmap_caption });
    const head = h("thead", null, h("tr", null,
      h("th", { scope: "col", class: "corner", text: L.corner }),
      kinds.map((k) => h("th", { scope: "col", title: k, text: breakable(k) })),
      h("th", { scope: "col", text: L.all_kinds })));
    const body = h("tbody");
    let previousRegion = null;
    if (!hospitals.length) {
      body.appendChild(h("tr", null, h("td", { colspan: kinds.length + 2, class: "hint",
        text: L.no_hospital_variants })));
    }
    for (const row of hospitals) {
      const [region, hospital] = row.key;
      const selection = { region, hospital, kind: null };
      const name = hospitalName(hospital);
      const sor = hospitalSor(hospital);
      const rowButton = h("button", {
        type: "button", class: "rowbtn", "aria-pressed": "false", title: hospital,
        data: { sel: selKey(selection) },
        on: { click: () => select(selection, true) },
      }, h("span", { class: "hosp", text: name }),
      h("span", { class: "visually-hidden", text: ", " }),
      h("span", { class: "reg", text: fill("region_of", { region }) }),
      sor ? h("span", { class: "reg" }, h("span", { class: "visually-hidden", text: ", " }), "SOR " + sor) : null);
      pressable.push(rowButton);
      const tr = h("tr", { class: region !== previousRegion && previousRegion !== null ? "region-start" : null },
        h("th", { scope: "row", data: { region, hospital } }, rowButton),
        kinds.map((kind) => {
          const cell = cellOf.get(keyOf(region, hospital, kind));
          if (!cell) {
            return h("td", { class: "empty" }, h("span", { class: "visually-hidden", text: L.no_variants }));
          }
          return h("td", { class: "hk" }, cellButton(cell, name + ", " + kind, { region, hospital, kind }));
        }),
        h("td", { class: "row-total" }, cellButton(row, name + ", " + L.every_kind, selection, "total")));
      previousRegion = region;
      body.appendChild(tr);
    }
    const foot = h("tfoot", null, h("tr", null,
      h("th", { scope: "row", text: L.all_hospitals }),
      kinds.map((kind) => h("td", { class: "col-total" },
        cellButton(kindTotalOf.get(kind), kind + ", " + L.every_hospital, { region: null, hospital: null, kind }, "total"))),
      h("td", { class: "grand-total" }, (() => {
        const g = meta.grand_total;
        const div = h("div", { class: "cell total" + (isSmall(g) ? " small" : ""), role: "img",
          "aria-label": fill("grand_label", { index: fmt(g.index) }) },
          h("span", { class: "i", text: fmt(g.index) }),
          h("span", { class: "c", text: num(g.variants) + " " + L.var + " · " + num(total(g.counts)) + " " + L.dev }));
        return paint(div, g.index);
      })())));
    table.replaceChildren(caption, head, body, foot);

    const stops = STOPS.map((rgb, i) => css(rgb) + " " + Math.round((100 * i) / (STOPS.length - 1)) + "%");
    const bar = h("div", { class: "bar", "aria-hidden": "true" });
    bar.style.setProperty("background", "linear-gradient(to right, " + stops.join(", ") + ")");
    const ticks = h("div", { class: "ticks", "aria-hidden": "true" });
    for (const f of [0, 1 / 16, 1 / 4, 9 / 16, 1]) {
      const value = Math.round(f * scaleMax * 10) / 10;
      const tick = h("span", { text: fmt(value) });
      tick.style.setProperty("left", (100 * position(value)).toFixed(1) + "%");
      ticks.appendChild(tick);
    }
    $("scale").replaceChildren(
      h("span", { text: L.scale }),
      h("div", null, bar, ticks),
      h("span", { class: "visually-hidden", text: fill("scale_range", { low: fmt(0), high: fmt(scaleMax) }) }),
      h("span", null, h("span", { class: "swatch", "aria-hidden": "true" }), " " + L.no_variants),
      h("span", { class: "small-key" }, h("span", { class: "swatch small", "aria-hidden": "true" }),
        " " + fill("small_legend", { n: num(MIN_VARIANTS) })));
  }

  // -- drill-down --------------------------------------------------------------------------
  // JSON on as few lines as the column allows: {"id": "200", "dose": {"value": 5}}
  function compact(value) {
    if (Array.isArray(value)) return "[" + value.map(compact).join(", ") + "]";
    if (value !== null && typeof value === "object") {
      return "{" + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ": " + compact(v)).join(", ") + "}";
    }
    return JSON.stringify(value);
  }
  function valueCell(value, absent) {
    if (value === null || value === undefined) return h("code", { class: "val absent", text: absent });
    const text = typeof value === "string" ? value : compact(value);
    return h("code", { class: "val", text: text === "" ? '""' : text });
  }
  function change(d) {
    return h("div", { class: "change" },
      valueCell(d.standard_value, d.op === "added" ? L.not_in_standard : L.none),
      h("span", { class: "arrow", "aria-label": L.becomes, text: "→" }),
      valueCell(d.value, d.op === "removed" ? L.removed : L.none));
  }
  // The deviation in diff's words; its JSONPath and the values on both sides on demand.
  function deviationCell(d) {
    return h("td", { class: "deviation" },
      h("div", { class: "words", text: d.text || d.path }),
      h("details", { class: "more" }, h("summary", { text: L.details }),
        h("code", { class: "path", text: d.path }),
        h("div", { class: "values-head", text: L.standard_to_variant }), change(d)));
  }
  // An artifact by its name, its kind and id beside it (by kind and id when it has no name)
  function artifactNodes(v, kind, id) {
    const title = artifactTitle(v);
    const code = kind + " " + id;
    return title ? [h("span", { class: "aname", text: title }), " ", h("span", { class: "acode", text: code })]
      : [h("span", { class: "aname", text: code })];
  }
  const waiver = (d) => (d.waived_by ? h("code", { text: d.waived_by }) : h("span", { class: "hint", text: "–" }));
  const severity = (d) => CLASSES.indexOf(d.class);
  const byDeviation = (a, b) => severity(a) - severity(b) || byText(a.file, b.file) || byText(a.path, b.path);
  // Exposure = class weight x the variant's uses in 90 days (null: its usage is unknown, never 0)
  const byExposure = (a, b) => (a.exposure === null) - (b.exposure === null) ||
    (b.exposure || 0) - (a.exposure || 0) || byDeviation(a, b);
  const sortedBy = () => ($("f-sort").value === "exposure" ? byExposure : byDeviation);
  const exposureCell = (d) => (d.exposure === null || d.exposure === undefined
    ? h("td", { class: "n hint", text: L.unknown })
    : h("td", { class: "n", text: num(d.exposure), title: fill("exposure_of", { uses: num(d.uses_90d), weight: num(WEIGHTS[d.class]) }) }));
  const usageText = (v) => (v.uses_90d === null || v.uses_90d === undefined ? L.usage_none
    : fill("usage_of", { uses: num(v.uses_90d), last: v.last_used || "–" }));
  const variantExposure = (v) => (devsByFile.get(v.file) || []).reduce((n, d) => n + (d.exposure || 0), 0);

  function statsOf(selection) {
    if (selection.department) return departmentRollup(selection.region, selection.hospital, selection.department, selection.kind);
    if (selection.hospital && selection.kind) return cellOf.get(keyOf(selection.region, selection.hospital, selection.kind));
    if (selection.hospital) return hospitalOf.get(keyOf(selection.region, selection.hospital));
    return kindTotalOf.get(selection.kind);
  }

  function artifactCard(v) {
    const devs = (devsByFile.get(v.file) || []).slice().sort(sortedBy());
    const where = v.scope.department ? fill("department_of", { department: departmentLabel(v.scope.department) })
      : fill("level_of", { level: v.scope.level });
    const card = h("article", { class: "artifact" },
      h("h3", null, artifactNodes(v, v.kind, v.artifact),
        v.stale ? h("span", { class: "badge stale-flag", text: L.stale_copy }) : null,
        h("span", { class: "hint", text: plural(devs.length, "deviation") })),
      h("p", { class: "meta" }, (v.scope.hospital ? hospitalName(v.scope.hospital) + " · " : "") + where + " · " +
        fill("standard_of", { id: v.standard }) + " · " + plural(v.governed_fields, "governed") + " · " +
        usageText(v) + " · ",
      h("code", { text: v.file })));
    card.appendChild(h("table", { class: "list fixed" },
      h("caption", { class: "visually-hidden", text: fill("deviations_of", { artifact: artifactTitle(v) || v.kind + " " + v.artifact }) }),
      h("thead", null, h("tr", null,
        h("th", { scope: "col", class: "w-class", text: L.col_class }),
        h("th", { scope: "col", text: L.col_change }),
        h("th", { scope: "col", class: "w-exposure", text: L.col_exposure }),
        h("th", { scope: "col", class: "w-waiver", text: L.col_waiver }))),
      h("tbody", null, devs.map((d) => h("tr", null,
        h("td", null, badge(d.class)), deviationCell(d), exposureCell(d), h("td", null, waiver(d)))))));
    return card;
  }

  let current = "";
  function select(selection, focus) {
    const wanted = selKey(selection);
    current = wanted;
    for (const b of pressable) b.setAttribute("aria-pressed", b.dataset.sel === wanted ? "true" : "false");
    const stats = statsOf(selection);
    const variants = data.variants.filter((v) => v.scope.hospital &&
      (!selection.region || v.scope.region === selection.region) &&
      (!selection.hospital || v.scope.hospital === selection.hospital) &&
      (!selection.department || v.scope.department === selection.department) &&
      (!selection.kind || v.kind === selection.kind));
    const score = (v) => weight(Object.fromEntries(CLASSES.map((c) =>
      [c, (devsByFile.get(v.file) || []).filter((d) => d.class === c).length])));
    const byExposureFirst = $("f-sort").value === "exposure";
    variants.sort((a, b) => (byExposureFirst ? variantExposure(b) - variantExposure(a) : 0) ||
      score(b) - score(a) || byText(a.file, b.file));
    const drifting = variants.filter((v) => devsByFile.has(v.file));
    const clean = variants.filter((v) => !devsByFile.has(v.file));
    const title = selection.department
      ? departmentLabel(selection.department) + ", " + hospitalName(selection.hospital) + " · " + (selection.kind || L.every_kind)
      : selection.hospital
        ? hospitalName(selection.hospital) + " · " + (selection.kind || L.every_kind)
        : selection.kind + " · " + L.every_hospital;
    $("drill-h").textContent = fill("drill_title", { title });
    const parts = [];
    if (stats) {
      parts.push(h("p", { class: "drill-stats" },
        selection.region ? h("span", null, fillNodes("region_of", { region: h("b", { text: selection.region }) })) : null,
        h("span", null, boldPlural(stats.variants, "variant")),
        h("span", null, boldPlural(stats.governed_fields, "governed")),
        h("span", null, boldPlural(total(stats.counts), "deviation")),
        h("span", null, fillNodes("drill_index", { index: h("b", { text: fmt(stats.index) }) })),
        CLASSES.filter((c) => stats.counts[c]).map((c) => h("span", null, badge(c), " " + num(stats.counts[c])))));
    }
    if (!drifting.length) parts.push(h("p", { class: "hint", text: L.no_deviations_here }));
    parts.push(...drifting.map(artifactCard));
    if (clean.length) {
      parts.push(h("details", { class: "clean" },
        h("summary", { text: fill("clean", { artifacts: plural(clean.length, "artifact") }) }),
        h("ul", null, clean.map((v) => h("li", null, artifactNodes(v, v.kind, v.artifact), " ",
          h("span", { class: "hint", text: v.scope.department ? "(" + departmentLabel(v.scope.department) + ")" : "" }),
          v.stale ? h("span", { class: "badge stale-flag", text: L.stale_copy }) : null)))));
    }
    $("drill-body").replaceChildren(...parts);
    $("drill-close").hidden = false;
    if (focus) {
      $("drill-h").focus({ preventScroll: true });
      $("drill").scrollIntoView({ block: "start" });
      try {
        const parts = [selection.region, selection.hospital, selection.kind];
        if (selection.department) parts.push(selection.department);
        history.replaceState(null, "", "#drill=" + parts.map((p) => encodeURIComponent(p || "")).join("/"));
      } catch (e) { /* file: URLs may refuse; the link is a convenience only */ }
    }
  }

  function closeDrill() {
    current = "";
    for (const b of pressable) b.setAttribute("aria-pressed", "false");
    $("drill-h").textContent = L.drill;
    $("drill-body").replaceChildren(h("p", { class: "hint", text: L.drill_empty }));
    $("drill-close").hidden = true;
    try { history.replaceState(null, "", "#"); } catch (e) { /* see above */ }
  }

  // -- deviation list with filters ------------------------------------------------------------
  const rows = [];
  function buildDeviations() {
    const regionSelect = $("f-region");
    for (const r of regions) regionSelect.appendChild(h("option", { value: r, text: r }));
    const counts = {};
    for (const d of data.deviations) counts[d.class] = (counts[d.class] || 0) + 1;
    $("f-classes").replaceChildren(...CLASSES.map((c) => h("label", null,
      h("input", { type: "checkbox", value: c, checked: true, on: { change: applyFilters } }),
      badge(c), h("span", { class: "hint", text: "(" + num(counts[c] || 0) + ")" }))));
    const body = h("tbody");
    for (const d of data.deviations.slice().sort(byDeviation)) {
      const s = d.scope;
      const place = [s.region, s.hospital && hospitalName(s.hospital), s.department && departmentLabel(s.department)];
      const where = place.filter(Boolean).join(" / ");
      const v = variantOf.get(d.file);
      const row = h("tr", { class: "dev" },
        h("td", null, badge(d.class)),
        h("td", { text: where }),
        h("td", null, artifactNodes(v, d.kind, d.artifact), h("code", { class: "file", text: d.file })),
        deviationCell(d),
        exposureCell(d),
        h("td", null, waiver(d)));
      const searched = [d.file, d.artifact, d.path, d.text || "", artifactTitle(v), where, s.hospital || ""];
      rows.push({ row, d, text: searched.join("\n").toLowerCase() });
      body.appendChild(row);
    }
    const none = h("tr", { hidden: true }, h("td", { colspan: 6, class: "hint", text: L.no_match }));
    body.appendChild(none);
    rows.none = none;
    $("deviations").replaceChildren(
      h("caption", { class: "visually-hidden", text: L.list_caption }),
      h("thead", null, h("tr", null, [[L.col_class, "w-class"], [L.col_where, "w-where"],
        [L.col_artifact, "w-artifact"], [L.col_change, null], [L.col_exposure, "w-exposure"], [L.col_waiver, "w-waiver"]]
        .map(([t, c]) => h("th", { scope: "col", class: c, text: t })))),
      body);
    regionSelect.addEventListener("change", applyFilters);
    $("f-sort").addEventListener("change", () => {
      const order = sortedBy();
      rows.sort((a, b) => order(a.d, b.d));
      body.replaceChildren(...rows.map((r) => r.row), none);
    });
    $("f-text").addEventListener("input", applyFilters);
    $("filters").addEventListener("submit", (e) => e.preventDefault());
    $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
    applyFilters();
  }

  function applyFilters() {
    const region = $("f-region").value;
    const on = new Set([...$("f-classes").querySelectorAll("input:checked")].map((i) => i.value));
    const query = $("f-text").value.trim().toLowerCase();
    let shown = 0;
    for (const { row, d, text } of rows) {
      const ok = (!region || d.scope.region === region) && on.has(d.class) && (!query || text.includes(query));
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    rows.none.hidden = shown !== 0;
    $("dev-count").textContent = fill("showing", { shown: num(shown), total: plural(rows.length, "deviation") });
  }

  // -- roll-up tables ------------------------------------------------------------------------
  // the index with the variants it rests on beside it; a small number marked
  function indexCell(r) {
    const swatch = paint(h("span", { class: "sw", "aria-hidden": "true" }), r.index);
    const small = isSmall(r);
    return h("td", { class: "n" + (small ? " small" : ""), title: small ? smallNote() : null },
      h("span", { class: "idx" }, swatch, fmt(r.index), " ",
        h("span", { class: "nvar", text: "(" + num(r.variants) + " " + L.var + ")" }),
        small ? h("span", { class: "few", text: "*" }) : null),
      small ? h("span", { class: "visually-hidden", text: smallNote() }) : null);
  }
  // a roll-up's key (region, hospital, department) by name, the code in the title
  const SHOWN = [(region) => region, hospitalName, departmentLabel];
  function rollupTable(id, items, labels) {
    const head = h("thead", null, h("tr", null,
      labels.map((l) => h("th", { scope: "col", text: l })),
      h("th", { scope: "col", class: "n", text: L.col_variants }),
      h("th", { scope: "col", class: "n", text: L.col_governed }),
      CLASSES.map((c) => h("th", { scope: "col", class: "n", title: label("name_", c) },
        h("span", { class: "badge c-" + c, "aria-hidden": "true", text: label("short_", c) }),
        h("span", { class: "visually-hidden", text: label("name_", c) }))),
      h("th", { scope: "col", class: "n", text: L.col_index })));
    const body = h("tbody", null, items.map((r) => h("tr", null,
      r.key.map((part, i) => {
        const shown = SHOWN[i](part);
        const props = { text: shown, title: shown !== part ? part : null };
        if (i === r.key.length - 1) return h("th", { scope: "row", ...props });
        return h("td", { class: i === 0 ? "nowrap" : null, ...props });
      }),
      h("td", { class: "n", text: num(r.variants) }),
      h("td", { class: "n", text: num(r.governed_fields) }),
      CLASSES.map((c) => h("td", { class: r.counts[c] ? "n" : "n zero", text: num(r.counts[c] || 0) })),
      indexCell(r))));
    $(id).replaceChildren(head, body);
  }

  // -- departments, ranked ------------------------------------------------------------------
  // Rank: drift index, then violations, highest first, then by key. Filtered by region,
  // hospital and kind (a kind: the department-by-kind roll-ups); sortable by any column; a
  // department opens the drill-down. A roll-up's ``usage`` (a number), when given, gets a column.
  const deptOf = new Map(data.rollups.department.map((r) => [keyOf(...r.key), r]));
  const deptKindOf = new Map((data.rollups.department_kind || []).map((r) => [keyOf(...r.key), r]));
  function departmentRollup(region, hospital, department, kind) {
    return kind ? deptKindOf.get(keyOf(region, hospital, department, kind)) : deptOf.get(keyOf(region, hospital, department));
  }
  const byRank = (a, b) => b.index - a.index || (b.counts.violation || 0) - (a.counts.violation || 0) || byText(keyOf(...a.key), keyOf(...b.key));
  const staleCopies = (r, kind) => data.variants.filter((v) => v.stale && v.scope.region === r.key[0] &&
    v.scope.hospital === r.key[1] && v.scope.department === r.key[2] && (!kind || v.kind === kind)).length;
  // usage: the uses in 90 days of the variants whose usage is known ("–" when none is known)
  const usageKnown = (r) => r.usage_unknown < r.variants;
  const hasUsage = data.rollups.department.some(usageKnown);
  const DEPT_COLUMNS = [
    ["rank", L.col_rank, true, (row) => row.rank],
    ["department", L.col_department, false, (row) => departmentLabel(row.r.key[2])],
    ["hospital", L.col_hospital, false, (row) => hospitalName(row.r.key[1])],
    ["region", L.region, false, (row) => row.r.key[0]],
    ["index", L.col_index, true, (row) => row.r.index],
    ["violations", L.col_violations, true, (row) => row.r.counts.violation || 0],
    ["stale", L.col_stale, true, (row) => row.stale],
    ["variants", L.col_variants, true, (row) => row.r.variants],
    ...(hasUsage ? [["usage", L.col_usage, true, (row) => (usageKnown(row.r) ? row.r.uses_90d : -1)]] : []),
  ];
  const deptSort = { column: "rank", descending: false };
  function buildDepartments() {
    const fill3 = (id, values, shown) => {
      for (const v of values) $(id).appendChild(h("option", { value: v, text: shown(v) }));
      $(id).addEventListener("change", drawDepartments);
    };
    fill3("d-region", regions, (r) => r);
    fill3("d-hospital", [...new Set(data.rollups.department.map((r) => r.key[1]))].sort(byText), hospitalName);
    fill3("d-kind", kinds, (k) => k);
    $("dept-filters").addEventListener("submit", (e) => e.preventDefault());
    $("dept-filters").addEventListener("reset", () => setTimeout(drawDepartments, 0));
    drawDepartments();
  }
  function drawDepartments() {
    pressable.splice(0, pressable.length, ...pressable.filter((b) => !b.classList.contains("linkbtn")));
    const [region, hospital, kind] = ["d-region", "d-hospital", "d-kind"].map((id) => $(id).value);
    const source = kind ? (data.rollups.department_kind || []).filter((r) => r.key[3] === kind) : data.rollups.department;
    const rows = source.filter((r) => (!region || r.key[0] === region) && (!hospital || r.key[1] === hospital))
      .slice().sort(byRank).map((r, i) => ({ r, rank: i + 1, stale: staleCopies(r, kind) }));
    const column = DEPT_COLUMNS.find((c) => c[0] === deptSort.column) || DEPT_COLUMNS[0];
    const value = column[3];
    rows.sort((a, b) => {
      const x = value(a), y = value(b);
      const order = typeof x === "number" ? x - y : byText(x, y);
      return (deptSort.descending ? -order : order) || a.rank - b.rank;
    });
    const head = h("thead", null, h("tr", null, DEPT_COLUMNS.map(([name, text, numeric]) => {
      const sorted = deptSort.column === name;
      return h("th", { scope: "col", class: numeric ? "n" : null,
        "aria-sort": sorted ? (deptSort.descending ? "descending" : "ascending") : null },
      h("button", { type: "button", class: "sort", data: { column: name },
        on: { click: () => {
          deptSort.descending = deptSort.column === name ? !deptSort.descending : numeric && name !== "rank";
          deptSort.column = name;
          drawDepartments();
        } } }, text, h("span", { class: "arrow", "aria-hidden": "true", text: sorted ? (deptSort.descending ? " ▼" : " ▲") : "" })));
    })));
    const body = h("tbody", null, rows.map(({ r, rank, stale }) => {
      const [reg, hosp, dept] = r.key;
      const selection = { region: reg, hospital: hosp, department: dept, kind: kind || null };
      const button = h("button", { type: "button", class: "linkbtn", "aria-pressed": String(selKey(selection) === current),
        data: { sel: selKey(selection) }, on: { click: () => select(selection, true) } }, departmentLabel(dept));
      pressable.push(button);
      return h("tr", { data: { key: keyOf(...r.key) } },
        h("td", { class: "n rank", text: num(rank) }),
        h("th", { scope: "row" }, button),
        h("td", { text: hospitalName(hosp) }),
        h("td", { class: "nowrap", text: reg }),
        indexCell(r),
        h("td", { class: r.counts.violation ? "n" : "n zero", text: num(r.counts.violation || 0) }),
        h("td", { class: stale ? "n" : "n zero", text: num(stale) }),
        h("td", { class: "n", text: num(r.variants) }),
        hasUsage ? h("td", { class: "n", text: usageKnown(r) ? num(r.uses_90d) : "–" }) : null);
    }));
    if (!rows.length) body.appendChild(h("tr", null, h("td", { colspan: DEPT_COLUMNS.length, class: "hint", text: L.no_match })));
    $("departments").replaceChildren(h("caption", { class: "visually-hidden", text: L.per_department }), head, body);
    $("dept-count").textContent = fill("dept_showing", { shown: num(rows.length), total: num(source.length) });
  }

  // The splits between regions and hospitals (data.divergences): per field, each group's copies
  // and their values; the groups that count toward the split are marked.
  function renderDivergences() {
    const items = data.divergences || [];
    if (!items.length) {
      $("divergences").replaceChildren(h("p", { class: "hint", text: L.no_divergences }));
      return;
    }
    $("divergences").replaceChildren(...items.map((d) => h("div", { class: "divergence" },
      h("h3", { text: `${d.kind} ${d.standard} ${d.standard_name}` }),
      h("div", { class: "words", text: d.text }),
      h("table", { class: "list" },
        h("tbody", null, d.groups.map((g) => h("tr", { class: g.counts_toward_split ? "splits" : null },
          h("th", { scope: "row", text: g.name }),
          h("td", { class: "num", text: num(g.copies) }),
          h("td", null, g.counts.map((c) => h("span", { class: "count" },
            valueCell(c.value, L.none), ` × ${num(c.copies)} `))))))),
      h("details", { class: "more" }, h("summary", { text: L.details }),
        h("code", { class: "path", text: d.path }),
        h("ul", null, d.files.map((f) => h("li", null, h("code", { text: f }))))))));
  }

  function fromHash() {
    const match = /^#drill=([^/]*)\/([^/]*)\/([^/]*)(?:\/([^/]*))?$/.exec(location.hash);
    if (!match) return;
    let parts;
    try {
      parts = match.slice(1).map((p) => (p ? decodeURIComponent(p) : null));
    } catch (e) {
      return; // a malformed address opens nothing
    }
    const [region, hospital, kind, department] = parts;
    const selection = { region, hospital, kind, department };
    if (statsOf(selection)) select(selection, false);
  }

  buildSummary();
  buildHeatmap();
  buildDeviations();
  rollupTable("rollup-region", data.rollups.region, [L.region]);
  buildDepartments();
  renderDivergences();
  $("drill-close").addEventListener("click", closeDrill);
  fromHash();
  document.body.dataset.ready = "1";
})();
