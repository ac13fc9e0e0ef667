// The partials page: no framework, no build step, nothing fetched but this server's API.
"use strict";

const STRINGS = {
  en: {
    title: "partials", tagline: "Partial derivatives the way a calculus textbook writes them",
    problem: "Problem", keys: "Enter solves; Shift+Enter starts a new line.",
    d: "With respect to", at: "At the point", interpreted: "Interpreted as",
    solve: "Solve", steps: "Steps", total: "Total differential", analyze: "Analyze", graph: "Graph",
    results: "Results", checkTitle: "Check your own answer", answer: "Your answer", check: "Check",
    footer: "Runs on this server; nothing is fetched from elsewhere.",
    independent: "independent", intermediate: "intermediate", dependent: "dependent",
    implicit: "determined by the equations", functions: "abstract functions", asked: "asked",
    relations: "relations", copyLatex: "Copy LaTeX", copyText: "Copy text", copied: "Copied",
    working: "Working…", empty: "Type a problem above.", line: "line", column: "column", hint: "hint",
    busy: "The server is busy; trying again…", tooExpensive: "Too expensive to compute",
    right: "Right", wrong: "Wrong", counterexample: "Counterexample", diagnosis: "Where it goes wrong",
    expected: "expected", got: "got", which: "Say which derivative: fill “With respect to”, or write the left side (∂z/∂x = …).",
    inX: "in the independent variables", value: "value at the point", node: "node", relation: "relation",
    edge: "edge", local: "local derivative", forward: "forward", adjoint: "reverse", unavailable: "Not available",
    network: "Could not reach the server.", toggle: "中文",
  },
  zh: {
    title: "partials", tagline: "按教科书的写法求偏导数",
    problem: "题目", keys: "回车求解；Shift+回车换行。",
    d: "对哪个变量求导", at: "在点", interpreted: "理解为",
    solve: "求解", steps: "步骤", total: "全微分", analyze: "分析", graph: "计算图",
    results: "结果", checkTitle: "检查你的答案", answer: "你的答案", check: "检查",
    footer: "在本服务器上运行，不从别处获取任何内容。",
    independent: "自变量", intermediate: "中间变量", dependent: "因变量",
    implicit: "由方程确定", functions: "抽象函数", asked: "所求",
    relations: "关系", copyLatex: "复制 LaTeX", copyText: "复制文本", copied: "已复制",
    working: "计算中…", empty: "请在上面输入题目。", line: "行", column: "列", hint: "提示",
    busy: "服务器繁忙，正在重试…", tooExpensive: "计算量太大",
    right: "正确", wrong: "错误", counterexample: "反例", diagnosis: "错在哪里",
    expected: "应为", got: "得到", which: "请说明是哪个导数：填写“对哪个变量求导”，或写出左边（∂z/∂x = …）。",
    inX: "用自变量表示", value: "在该点的值", node: "结点", relation: "关系",
    edge: "边", local: "局部导数", forward: "前向", adjoint: "反向", unavailable: "不可用",
    network: "无法连接服务器。", toggle: "English",
  },
};

const $ = (id) => document.getElementById(id);
const state = { lang: "en", previewSeq: 0, actionSeq: 0, last: null, timer: null };
const t = (key) => STRINGS[state.lang][key] || STRINGS.en[key] || key;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

async function api(endpoint, body) {
  for (let attempt = 0; attempt < 3; attempt++) {
    let response;
    try {
      response = await fetch(`/api/${endpoint}?view=1`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
    } catch (e) {
      return { status: 0, body: { error: t("network") } };
    }
    if (response.status === 503 && attempt < 2) {
      await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get("Retry-After") || 1)));
      continue;
    }
    let data;
    try { data = await response.json(); } catch (e) { data = { error: `HTTP ${response.status}` }; }
    return { status: response.status, body: data };
  }
}

// ---- options and the URL ------------------------------------------------------
function derivatives() {
  const d = [], d2 = [];
  for (const part of $("d").value.split(/[,，;；]/)) {
    const names = part.trim().split(/\s+/).filter(Boolean);
    if (names.length === 1) d.push(names[0]);
    else if (names.length === 2) d2.push(names);
  }
  return { d, d2 };
}

function writeURL() {
  const params = new URLSearchParams();
  const text = $("problem").value;
  if (text.trim()) params.set("q", text);
  const { d, d2 } = derivatives();
  d.forEach((x) => params.append("d", x));
  d2.forEach((pair) => params.append("d2", pair.join(",")));
  if ($("at").value.trim()) params.set("at", $("at").value.trim());
  if (state.lang !== "en") params.set("lang", state.lang);
  const query = params.toString();
  history.replaceState(null, "", query ? `/?${query}` : "/");
}

function readURL() {
  const params = new URLSearchParams(location.search);
  $("problem").value = params.get("q") || "";
  const parts = params.getAll("d").concat(params.getAll("d2").map((p) => p.split(",").join(" ")));
  $("d").value = parts.join(", ");
  $("at").value = params.get("at") || "";
  if (params.get("lang") === "zh") setLanguage("zh");
  return params.has("q");
}

// ---- the interpreted-as preview -------------------------------------------------
function schedulePreview() {
  clearTimeout(state.timer);
  state.timer = setTimeout(preview, 200);
}

async function preview() {
  const seq = ++state.previewSeq;
  const text = $("problem").value;
  writeURL();
  const box = $("interpretation");
  if (!text.trim()) { box.replaceChildren(el("p", { class: "note" }, t("empty"))); return; }
  const { status, body } = await api("parse", { text });
  if (seq !== state.previewSeq) return; // a newer keystroke already asked
  state.parsed = status === 200 ? body.view : null;
  box.replaceChildren(status === 200 ? interpretation(body.view) : errorView(body, text));
}

function interpretation(view) {
  const list = el("ul", { class: "relations" });
  for (const r of view.relations) list.append(el("li", { class: "relation" }, r.text));
  const roles = el("ul", { class: "roles" });
  for (const role of ["independent", "intermediate", "dependent", "implicit"]) {
    const names = view.roles[role];
    if (names && names.length) roles.append(el("li", {}, `${t(role)}: ${names.join(", ")}`));
  }
  if (view.functions.length) {
    roles.append(el("li", {}, `${t("functions")}: ${view.functions.map((f) => `${f.name} (${f.arguments})`).join(", ")}`));
  }
  if (view.targets.length) roles.append(el("li", {}, `${t("asked")}: ${view.targets.join(", ")}`));
  return el("div", {}, list, roles);
}

function errorView(body, text) {
  const box = el("div", { class: "error", role: "alert" });
  if (body.error === "too expensive") {
    box.append(el("p", {}, `${t("tooExpensive")}: ${body.reason || ""}`));
    return box;
  }
  box.append(el("p", { class: "message" }, body.error || "error"));
  if (body.line && body.column && text) {
    const source = text.split("\n")[body.line - 1] || "";
    box.append(el("p", { class: "note" }, `${t("line")} ${body.line}, ${t("column")} ${body.column}`));
    box.append(el("pre", { class: "caret" }, `${source}\n${" ".repeat(body.column - 1)}^`));
  }
  if (body.hint) box.append(el("p", { class: "hint" }, `${t("hint")}: ${body.hint}`));
  return box;
}

// ---- results ------------------------------------------------------------------------
function mathBlock(formula) {
  const box = el("div", { class: "formula" });
  if (formula.mathml) box.innerHTML = formula.mathml; // MathML the server made from its own LaTeX
  else box.append(el("code", {}, formula.text));
  return box;
}

function copyButton(label, text) {
  const button = el("button", { type: "button", class: "copy" }, label);
  button.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(text); } catch (e) {
      const area = el("textarea", {}, text); document.body.append(area); area.select();
      try { document.execCommand("copy"); } catch (ignored) { /* nothing more to try */ }
      area.remove();
    }
    button.textContent = t("copied");
    setTimeout(() => { button.textContent = label; }, 1500);
  });
  return button;
}

function answerView(result) {
  const box = el("div", { class: "answer" });
  if (result.steps) {
    const list = el("ol");
    for (const step of result.steps) {
      const item = el("li", {}, el("p", {}, step.caption));
      step.formulas.forEach((f) => item.append(mathBlock(f)));
      list.append(item);
    }
    box.append(el("div", { class: "steps" }, list));
  }
  box.append(mathBlock(result));
  box.append(el("div", { class: "tools" }, copyButton(t("copyLatex"), result.latex), copyButton(t("copyText"), result.text)));
  if (result.explicit) {
    box.append(el("p", { class: "note" }, t("inX")), mathBlock(result.explicit));
  }
  if (result.value) box.append(el("p", { class: "note" }, t("value")), mathBlock(result.value));
  return box;
}

async function run(kind) {
  const text = $("problem").value;
  if (!text.trim()) { $("problem").focus(); return; }
  writeURL();
  const seq = ++state.actionSeq;
  state.last = kind;
  $("answers").replaceChildren(el("p", { class: "busy" }, t("working")));
  const at = $("at").value.trim() || null;
  let response;
  if (kind === "graph") {
    response = await api("graph", { text, at });
  } else if (kind === "analyze") {
    response = await api("analyze", { text, at, steps: true, lang: state.lang });
  } else {
    const { d, d2 } = derivatives();
    response = await api("solve", { text, d, d2, at, total: kind === "total", steps: kind === "steps", lang: state.lang });
  }
  if (seq !== state.actionSeq) return;
  const { status, body } = response;
  if (status !== 200) { $("answers").replaceChildren(errorView(body, text)); return; }
  if (kind === "graph") { $("answers").replaceChildren(graphView(body)); return; }
  if (kind === "analyze") {
    $("answers").replaceChildren(el("pre", {}, JSON.stringify(body.json, null, 2)));
    return;
  }
  $("answers").replaceChildren(...body.view.results.map(answerView));
}

function graphView(body) {
  const box = el("div", { class: "graph" });
  if (body.view.svg) {
    const picture = el("div", { class: "picture", role: "img", "aria-label": t("graph") });
    picture.innerHTML = body.view.svg; // drawn by Graphviz from our own DOT text
    box.append(picture);
  }
  const show = (v) => (v == null ? "" : String(v));
  const nodes = el("table", {}, el("tr", {}, ...[t("node"), t("relation"), t("value"), t("forward"), t("adjoint")].map((h) => el("th", {}, h))));
  for (const n of body.json.nodes) {
    nodes.append(el("tr", {}, ...[n.name, show(n.expr), show(n.value), show(n.forward), show(n.adjoint)].map((c) => el("td", {}, c))));
  }
  const edges = el("table", {}, el("tr", {}, ...[t("edge"), t("local"), t("value")].map((h) => el("th", {}, h))));
  for (const e of body.json.edges) {
    edges.append(el("tr", {}, ...[`${e.from} → ${e.to}`, show(e.local), show(e.value)].map((c) => el("td", {}, c))));
  }
  box.append(nodes, edges);
  return box;
}

// ---- checking an answer ----------------------------------------------------------------
async function check() {
  const text = $("problem").value, answer = $("answer").value;
  if (!text.trim() || !answer.trim()) { (text.trim() ? $("answer") : $("problem")).focus(); return; }
  const { d, d2 } = derivatives();
  const request = { text, answer };
  if (d2.length) request.d = d2[0];
  else if (d.length) request.d = [d[0]];
  else if (answer.includes("=")) request.target = answer.split("=")[0].trim();
  else if (state.parsed && state.parsed.targets.length === 1) request.target = state.parsed.targets[0];
  else { $("verdict").replaceChildren(el("p", { class: "error" }, t("which"))); return; }
  $("verdict").replaceChildren(el("p", { class: "busy" }, t("working")));
  const { status, body } = await api("check", request);
  if (status !== 200) { $("verdict").replaceChildren(errorView(body, answer)); return; }
  const v = body.json;
  const box = el("div", {});
  const label = v.correct === true ? t("right") : v.correct === false ? t("wrong") : v.status;
  box.append(el("p", { class: v.correct ? "verdict-right" : "verdict-wrong" }, label));
  box.append(el("p", { class: "message" }, v.message));
  if (v.counterexample && v.counterexample.point) {
    const point = Object.entries(v.counterexample.point).map(([k, x]) => `${k} = ${x}`).join(", ");
    box.append(el("p", { class: "counterexample" },
      `${t("counterexample")}: ${point}; ${t("expected")} ${v.counterexample.expected}, ${t("got")} ${v.counterexample.got}`));
  }
  if (v.diagnosis) {
    const words = v.diagnosis.sentence || v.diagnosis.code;
    box.append(el("p", { class: "diagnosis" }, `${t("diagnosis")}: ${words}`));
  }
  $("verdict").replaceChildren(box);
}

// ---- language --------------------------------------------------------------------------
function setLanguage(lang) {
  state.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
  $("language").textContent = t("toggle");
  $("language").lang = lang === "zh" ? "en" : "zh";
}

function toggleLanguage() {
  setLanguage(state.lang === "en" ? "zh" : "en");
  writeURL();
  if ($("problem").value.trim()) preview();
  if (state.last && state.last !== "graph") run(state.last);
}

// ---- wiring ----------------------------------------------------------------------------------
function onEnter(action) {
  return (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); action(); }
  };
}

async function start() {
  $("problem").addEventListener("input", schedulePreview);
  $("problem").addEventListener("keydown", onEnter(() => run("solve")));
  $("d").addEventListener("keydown", onEnter(() => run("solve")));
  $("at").addEventListener("keydown", onEnter(() => run("solve")));
  $("d").addEventListener("change", writeURL);
  $("at").addEventListener("change", writeURL);
  $("answer").addEventListener("keydown", onEnter(check));
  $("solve").addEventListener("click", () => run("solve"));
  $("steps").addEventListener("click", () => run("steps"));
  $("total").addEventListener("click", () => run("total"));
  $("analyze").addEventListener("click", () => run("analyze"));
  $("graph").addEventListener("click", () => run("graph"));
  $("check").addEventListener("click", check);
  $("language").addEventListener("click", toggleLanguage);
  const shared = readURL();
  try {
    const health = await (await fetch("/healthz")).json();
    $("analyze").hidden = !health.analyze;
  } catch (e) { /* the buttons that need nothing extra still work */ }
  if (shared) { preview(); run("solve"); } else { $("interpretation").replaceChildren(el("p", { class: "note" }, t("empty"))); }
  document.body.dataset.ready = "1";
}

start();
