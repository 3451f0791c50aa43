// The administrators' dashboard: plain JavaScript over the hub's API, one hash route per page.
"use strict";
(function () {
  const main = document.getElementById("main");
  const state = { me: null, live: null };

  // ---------- small helpers ----------
  const esc = s => s === null || s === undefined ? "" : String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const num = n => n === null || n === undefined ? "–" : Number(n).toLocaleString("zh-CN");
  const pct = v => v === null || v === undefined ? "–" : (v * 100).toFixed(1) + "%";
  const time = t => t ? new Date(t).toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" }) : "–";
  const day = t => t ? String(t).slice(0, 10) : "–";
  const qs = o => Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== "").map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&");
  const canAct = () => state.me && state.me.canAct;

  class HttpError extends Error {
    constructor(status, detail) { super(detail || ("HTTP " + status)); this.status = status; }
  }

  async function api(path, options) {
    const o = Object.assign({ headers: {} }, options || {});
    if (o.body !== undefined && typeof o.body !== "string" && !(o.body instanceof FormData)) {
      o.body = JSON.stringify(o.body);
      o.headers["Content-Type"] = "application/json";
    }
    o.headers.Accept = "application/json";
    const response = await fetch(path, o);
    if (response.status === 401) { location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname + location.hash); throw new HttpError(401, "未登录"); }
    const text = await response.text();
    const body = text ? (() => { try { return JSON.parse(text); } catch { return text; } })() : null;
    if (!response.ok) {
      let detail = body && (body.detail || body.title) || response.statusText;
      if (body && body.errors) detail = Object.entries(body.errors).map(([k, v]) => k + "：" + v.join("；")).join("\n");
      if (response.status === 403) detail = "无权限执行此操作（需要管理员角色，或仅限全省范围的账户）";
      throw new HttpError(response.status, detail);
    }
    return body;
  }

  const notice = (kind, text) => `<div class="notice ${kind}" role="${kind === "error" ? "alert" : "status"}">${esc(text)}</div>`;
  const failure = e => notice("error", e.status === 404 ? "接口或记录不存在：" + e.message : "加载失败：" + e.message);

  function pager(page, go) {
    const pages = Math.max(1, page.totalPages);
    return `<div class="pager" data-testid="pager">
      <button class="secondary" data-page="${page.pageNumber - 1}" ${page.pageNumber <= 1 ? "disabled" : ""}>上一页</button>
      <span>第 ${page.pageNumber} / ${pages} 页，共 ${num(page.total)} 条</span>
      <button class="secondary" data-page="${page.pageNumber + 1}" ${page.pageNumber >= pages ? "disabled" : ""}>下一页</button>
    </div>`;
  }

  function bindPager(root, go) {
    root.querySelectorAll("[data-page]").forEach(b => b.addEventListener("click", () => go(Number(b.dataset.page))));
  }

  const route = () => (location.hash || "#/overview").slice(1);
  const parseQuery = s => Object.fromEntries(new URLSearchParams(s || ""));

  // ---------- live updates ----------
  function applyLive(snapshot) {
    state.live = snapshot;
    document.querySelectorAll("[data-live]").forEach(el => {
      const key = el.dataset.live;
      const partner = el.dataset.partner;
      let value;
      if (partner) {
        const p = snapshot.partners.find(x => x.partner === partner);
        value = p ? p[key] : 0;
      } else {
        value = snapshot[key];
      }
      if (value !== undefined) el.textContent = num(value);
    });
    document.getElementById("live-at").textContent = "更新于 " + time(snapshot.at);
  }

  function connectLive() {
    const indicator = document.getElementById("live");
    const text = document.getElementById("live-text");
    const source = new EventSource("/api/live");
    source.addEventListener("status", e => {
      indicator.classList.add("on");
      text.textContent = "实时";
      applyLive(JSON.parse(e.data));
    });
    source.onerror = () => { indicator.classList.remove("on"); text.textContent = "重连中"; };
  }

  // ---------- 总览 ----------
  const kindNames = { target: "检查对象", department: "部门", inspector: "执法人员", result: "检查结果", plan: "抽查计划", task: "抽查任务", user: "用户", item: "抽查事项", Target: "检查对象", Department: "部门", Inspector: "执法人员", InspectionResult: "检查结果", Plan: "抽查计划", InspectionTask: "抽查任务", CaseDecision: "处罚决定", RiskAssessment: "风险分类" };
  const kindName = k => kindNames[k] ? `${kindNames[k]}（${k}）` : k;

  async function overview(rest, query) {
    const hours = Number(query.hours || 24);
    main.innerHTML = `<h1>总览</h1><p class="muted">各合作系统的数据交换健康状况（近 ${hours} 小时）。</p><div id="ov">加载中…</div>`;
    let data, status;
    try {
      [data, status] = await Promise.all([api("/api/dashboard/exchanges?hours=" + hours), api("/api/status")]);
    } catch (e) { document.getElementById("ov").innerHTML = failure(e); return; }
    const partners = status.partners.map(p => Object.assign({}, p, data.partners.find(h => h.partner === p.name) || {}));
    const cards = partners.map(p => {
      const interrupted = p.interrupted;
      const state = interrupted ? `<span class="badge bad">中断</span>` : p.deadLettered > 0 ? `<span class="badge warn">有死信</span>` : `<span class="badge ok">正常</span>`;
      return `<div class="card" data-testid="partner-${esc(p.name)}">
        <h3><span>${esc(p.name)}</span>${state}</h3>
        <dl>
          <dt>最近成功</dt><dd>${time(p.lastSuccessAt)}</dd>
          <dt>交换次数</dt><dd>${num(p.exchanges || 0)}</dd>
          <dt>错误率</dt><dd>${pct(p.errorRate)}</dd>
          <dt>平均耗时</dt><dd>${p.averageMs === null || p.averageMs === undefined ? "–" : Math.round(p.averageMs) + " ms"}</dd>
          <dt>P95 耗时</dt><dd>${p.p95Ms === null || p.p95Ms === undefined ? "–" : p.p95Ms + " ms"}</dd>
          <dt>已拉取 / 已推送</dt><dd>${num(p.pulled)} / ${num(p.pushed)}</dd>
          <dt>待发送</dt><dd data-live="pending" data-partner="${esc(p.name)}">${num(p.pending || 0)}</dd>
          <dt>死信</dt><dd><a href="#/overview/deadletters/${encodeURIComponent(p.name)}" data-testid="deadletters-${esc(p.name)}"><span data-live="deadLettered" data-partner="${esc(p.name)}">${num(p.deadLettered)}</span></a></dd>
          <dt>拒收记录</dt><dd><a href="#/overview/rejections/${encodeURIComponent(p.name)}"><span data-live="rejected" data-partner="${esc(p.name)}">${num(p.rejected || 0)}</span></a></dd>
        </dl>
      </div>`;
    }).join("");
    const kinds = [...new Set(data.series.map(s => s.kind))].sort();
    document.getElementById("ov").innerHTML = `
      <div class="cards" data-testid="partners">${cards || '<p class="muted">尚无合作系统。</p>'}</div>
      <div class="panel">
        <div class="filters">
          <h2 style="margin:0;flex:1">交换量趋势</h2>
          <label>时间范围<select id="ov-hours">${[6, 24, 72, 168].map(h => `<option value="${h}" ${h === hours ? "selected" : ""}>近 ${h} 小时</option>`).join("")}</select></label>
          <label>数据种类<select id="ov-kind"><option value="">全部</option>${kinds.map(k => `<option value="${esc(k)}">${esc(kindName(k))}</option>`).join("")}</select></label>
          <label>方向<select id="ov-dir"><option value="">全部</option><option value="Inbound">拉取</option><option value="Outbound">推送</option></select></label>
        </div>
        <div id="ov-chart"></div>
      </div>`;
    const draw = () => {
      const kind = document.getElementById("ov-kind").value, dir = document.getElementById("ov-dir").value;
      const byPartner = {};
      data.series.filter(s => (!kind || s.kind === kind) && (!dir || s.direction === dir)).forEach(s => {
        const key = s.partner;
        byPartner[key] = byPartner[key] ? byPartner[key].map((v, i) => v + s.counts[i]) : s.counts.slice();
      });
      const labels = data.buckets.map(b => new Date(b).toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }));
      const series = Object.entries(byPartner).map(([name, values]) => ({ name, values }));
      document.getElementById("ov-chart").innerHTML = series.length ? Charts.line(series, labels, { title: "交换量" }) : '<p class="muted">此时间范围内没有交换记录。</p>';
    };
    document.getElementById("ov-kind").addEventListener("change", draw);
    document.getElementById("ov-dir").addEventListener("change", draw);
    document.getElementById("ov-hours").addEventListener("change", e => { location.hash = "#/overview?hours=" + e.target.value; });
    draw();
    if (state.live) applyLive(state.live);
  }

  async function deadLetters(partner, query) {
    const page = Number(query.page || 1);
    main.innerHTML = `<p><a href="#/overview">← 返回总览</a></p><h1>${esc(partner)} 的死信</h1><div id="dl">加载中…</div>`;
    const box = document.getElementById("dl");
    let data;
    try { data = await api("/api/deliveries?" + qs({ status: "DeadLettered", partner, page, pageSize: 50 })); } catch (e) { box.innerHTML = failure(e); return; }
    const rows = data.items.map(d => `<tr>
        <td>${time(d.createdAt)}</td><td>${esc(d.route)}</td><td>${esc(d.eventType)}</td><td>${esc(d.subject)}</td><td class="num">${d.attempts}</td><td>${esc(d.lastError)}</td>
        <td>${canAct() ? `<button class="secondary" data-resubmit="${esc(d.id)}">重新提交</button>` : ""}</td></tr>`).join("");
    box.innerHTML = `
      ${canAct() && data.total > 0 ? `<p><button data-testid="resubmit-all" id="resubmit-all">全部重新提交（${num(data.total)} 条）</button></p>` : ""}
      <div id="dl-msg"></div>
      <div class="panel"><table><thead><tr><th>产生时间</th><th>路由</th><th>事件</th><th>记录</th><th class="num">尝试次数</th><th>最后错误</th><th></th></tr></thead>
      <tbody>${rows || '<tr><td colspan="7" class="muted">没有死信。</td></tr>'}</tbody></table>${pager(data)}</div>`;
    bindPager(box, p => { location.hash = `#/overview/deadletters/${encodeURIComponent(partner)}?page=${p}`; });
    const resubmit = async body => {
      try {
        const r = await api("/api/deliveries/resubmit", { method: "POST", body });
        document.getElementById("dl-msg").innerHTML = notice("done", `已重新提交 ${r.resubmitted} 条，将按计划重新发送。`);
        setTimeout(() => deadLetters(partner, query), 800);
      } catch (e) { document.getElementById("dl-msg").innerHTML = notice("error", e.message); }
    };
    const all = document.getElementById("resubmit-all");
    if (all) all.addEventListener("click", () => resubmit({ partner }));
    box.querySelectorAll("[data-resubmit]").forEach(b => b.addEventListener("click", () => resubmit({ ids: [b.dataset.resubmit] })));
  }

  async function rejections(partner, query) {
    const page = Number(query.page || 1);
    main.innerHTML = `<p><a href="#/overview">← 返回总览</a></p><h1>${esc(partner)} 的拒收记录</h1><p class="muted">平台拒绝入库的记录及全部原因；修正后由源系统重新提供即可。</p><div id="rj">加载中…</div>`;
    const box = document.getElementById("rj");
    let data;
    try { data = await api("/api/rejections?" + qs({ partner, kind: query.kind, page, pageSize: 50 })); } catch (e) { box.innerHTML = failure(e); return; }
    const rows = data.items.map(r => `<tr><td>${time(r.receivedAt)}</td><td>${esc(kindName(r.kind))}</td><td>${esc(r.key)}</td><td>${esc(r.errors)}</td></tr>`).join("");
    box.innerHTML = `<div class="panel"><table><thead><tr><th>接收时间</th><th>种类</th><th>记录</th><th>原因</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="4" class="muted">没有拒收记录。</td></tr>'}</tbody></table>${pager(data)}</div>`;
    bindPager(box, p => { location.hash = `#/overview/rejections/${encodeURIComponent(partner)}?page=${p}`; });
  }

  // ---------- 对账 ----------
  const classNames = { Identical: "一致", Conflicting: "冲突", MissingLeft: "左侧缺失", MissingRight: "右侧缺失", Invalid: "无效" };
  const countKeys = [["identical", "一致"], ["conflicting", "冲突"], ["missingLeft", "左侧缺失"], ["missingRight", "右侧缺失"], ["invalid", "无效"], ["resolved", "已处理"]];
  const actionNames = { Push: "推送更正", Accept: "采纳一方", Ignore: "忽略" };
  const pairPath = p => `${encodeURIComponent(p.kind)}/${encodeURIComponent(p.left)}/${encodeURIComponent(p.right)}`;

  async function reconciliation() {
    main.innerHTML = `<h1>对账</h1><p class="muted">按数据种类和系统对比较两个系统的记录；未处理冲突 = 冲突 − 已处理。</p><div id="rc">加载中…</div>`;
    const box = document.getElementById("rc");
    let pairs;
    try { pairs = await api("/api/reconciliation/pairs"); } catch (e) { box.innerHTML = failure(e); return; }
    if (!pairs.length) { box.innerHTML = '<p class="muted">尚未配置对账。</p>'; return; }
    box.innerHTML = pairs.map((p, i) => {
      const c = p.lastRun ? p.lastRun.counts : null;
      const unresolved = c ? Math.max(0, c.conflicting - c.resolved) : null;
      return `<div class="panel" data-testid="pair-${esc(p.kind)}-${esc(p.left)}-${esc(p.right)}">
        <div class="filters"><h2 style="margin:0;flex:1">${esc(kindName(p.kind))}：${esc(p.left)} ↔ ${esc(p.right)}</h2>
          ${canAct() ? `<button class="secondary" data-run="${i}">立即全量对账</button>` : ""}
          <a class="button" href="#/reconciliation/items?${qs({ kind: p.kind, left: p.left, right: p.right, class: "Conflicting", unresolved: "true" })}">查看未处理冲突</a></div>
        <p class="muted">${p.lastRun ? `最近一次：${time(p.lastRun.finishedAt || p.lastRun.startedAt)}（${p.lastRun.mode === "Full" ? "全量" : "增量"}）` : "尚未运行"}</p>
        <table><thead><tr>${countKeys.map(([, n]) => `<th class="num">${n}</th>`).join("")}<th class="num">未处理冲突</th></tr></thead>
          <tbody><tr>${countKeys.map(([k]) => `<td class="num">${c ? `<a href="#/reconciliation/items?${qs({ kind: p.kind, left: p.left, right: p.right, class: k === "resolved" ? "" : k[0].toUpperCase() + k.slice(1) })}">${num(c[k])}</a>` : "–"}</td>`).join("")}
          <td class="num"><b data-testid="unresolved-${esc(p.kind)}-${esc(p.left)}-${esc(p.right)}">${unresolved === null ? "–" : num(unresolved)}</b></td></tr></tbody></table>
        <div data-trend="${i}"></div>
        <div data-msg="${i}"></div>
      </div>`;
    }).join("");
    pairs.forEach((p, i) => {
      const trend = p.trend || [];
      const el = box.querySelector(`[data-trend="${i}"]`);
      if (trend.length) {
        const labels = trend.map(t => time(t.at).slice(5, 16));
        const series = countKeys.filter(([k]) => k !== "identical").map(([k, n]) => ({ name: n, values: trend.map(t => t.counts[k] || 0) }));
        el.innerHTML = Charts.line(series, labels, { height: 180, title: "对账趋势" });
      }
    });
    box.querySelectorAll("[data-run]").forEach(b => b.addEventListener("click", async () => {
      const p = pairs[Number(b.dataset.run)];
      b.disabled = true;
      const msg = box.querySelector(`[data-msg="${b.dataset.run}"]`);
      try {
        await api("/api/reconciliation/run", { method: "POST", body: { kind: p.kind, left: p.left, right: p.right, full: true } });
        msg.innerHTML = notice("done", "对账完成。");
        setTimeout(reconciliation, 600);
      } catch (e) { msg.innerHTML = notice("error", e.message); b.disabled = false; }
    }));
  }

  async function reconciliationItems(query) {
    const q = Object.assign({ page: 1, pageSize: 50 }, query);
    main.innerHTML = `<p><a href="#/reconciliation">← 返回对账</a></p><h1>对账明细：${esc(kindName(q.kind))} ${esc(q.left)} ↔ ${esc(q.right)}</h1>
      <form class="filters" id="rf">
        <label>类别<select name="class"><option value="">全部差异</option>${Object.entries(classNames).map(([k, n]) => `<option value="${k}" ${q.class === k ? "selected" : ""}>${n}</option>`).join("")}</select></label>
        <label>关键字<input name="q" value="${esc(q.q)}" placeholder="记录编号"></label>
        <label>仅未处理<select name="unresolved"><option value="">否</option><option value="true" ${q.unresolved === "true" ? "selected" : ""}>是</option></select></label>
        <button type="submit">筛选</button>
      </form><div id="ri">加载中…</div>`;
    document.getElementById("rf").addEventListener("submit", e => {
      e.preventDefault();
      const f = Object.fromEntries(new FormData(e.target));
      location.hash = "#/reconciliation/items?" + qs({ kind: q.kind, left: q.left, right: q.right, class: f.class, q: f.q, unresolved: f.unresolved, page: 1 });
    });
    const box = document.getElementById("ri");
    let data;
    try { data = await api("/api/reconciliation/items?" + qs(q)); } catch (e) { box.innerHTML = failure(e); return; }
    const base = `#/reconciliation/item/${encodeURIComponent(q.kind)}/${encodeURIComponent(q.left)}/${encodeURIComponent(q.right)}/`;
    const rows = data.items.map(i => `<tr class="click" data-href="${base}${encodeURIComponent(i.key)}" data-testid="item-${esc(i.key)}">
        <td><a href="${base}${encodeURIComponent(i.key)}">${esc(i.key)}</a></td><td>${esc(classNames[i.class] || i.class)}</td><td>${esc((i.fields || []).join("、"))}</td>
        <td>${i.resolution ? `${esc(actionNames[i.resolution.action] || i.resolution.action)}${i.resolution.side ? "（" + esc(i.resolution.side) + "）" : ""} · ${esc(i.resolution.by)} · ${time(i.resolution.at)}` : '<span class="badge warn">未处理</span>'}</td></tr>`).join("");
    box.innerHTML = `<div class="panel"><table><thead><tr><th>记录</th><th>类别</th><th>差异字段</th><th>处理</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="4" class="muted">没有符合条件的记录。</td></tr>'}</tbody></table>${pager(data)}</div>`;
    box.querySelectorAll("tr[data-href]").forEach(tr => tr.addEventListener("click", e => { if (e.target.tagName !== "A") location.hash = tr.dataset.href; }));
    bindPager(box, p => { location.hash = "#/reconciliation/items?" + qs(Object.assign({}, q, { page: p })); });
  }

  // The two systems' copies side by side, field by field, with the golden value ("left"/"right" may name the systems; the records are then leftRecord/rightRecord).
  function recordTable(item, left, right) {
    const record = side => item[side + "Record"] !== undefined ? item[side + "Record"] : (item[side] && typeof item[side] === "object" ? item[side] : null);
    const l = record("left") || {}, r = record("right") || {}, g = item.golden || {};
    const fields = [...new Set([...Object.keys(l), ...Object.keys(r), ...Object.keys(g)])].sort();
    const differing = new Set((item.diffs || []).map(d => d.field));
    if (!fields.length) return '<p class="muted">两侧均无记录内容。</p>';
    return `<table class="diff"><thead><tr><th>字段</th><th>${esc(left)}</th><th>${esc(right)}</th><th>标准值</th></tr></thead><tbody>
      ${fields.map(f => `<tr><td>${esc(f)}</td><td class="${differing.has(f) ? "changed" : ""}">${show(l[f])}</td><td class="${differing.has(f) ? "changed" : ""}">${show(r[f])}</td><td>${show(g[f])}</td></tr>`).join("")}
      </tbody></table>`;
  }

  const show = v => v === null || v === undefined ? '<span class="muted">（空）</span>' : esc(typeof v === "object" ? JSON.stringify(v) : v);

  async function reconciliationItem(kind, left, right, key) {
    const path = `/api/reconciliation/items/${encodeURIComponent(kind)}/${encodeURIComponent(left)}/${encodeURIComponent(right)}/${encodeURIComponent(key)}`;
    main.innerHTML = `<p><a href="#/reconciliation/items?${qs({ kind, left, right })}">← 返回明细</a></p><h1>记录 ${esc(key)}</h1><div id="rd">加载中…</div>`;
    const box = document.getElementById("rd");
    let item;
    try { item = await api(path); } catch (e) { box.innerHTML = failure(e); return; }
    const diffs = (item.diffs || []).map(d => `<tr><td>${esc(d.field)}</td><td class="changed ${d.truth === "left" || d.truth === left ? "truth" : ""}">${show(d.left)}</td><td class="changed ${d.truth === "right" || d.truth === right ? "truth" : ""}">${show(d.right)}</td><td>${show(d.golden)}</td><td>${esc(d.truth)}</td></tr>`).join("");
    const history = (item.resolutions || []).map(r => `<tr><td>${time(r.at)}</td><td>${esc(r.by)}</td><td>${esc(actionNames[r.action] || r.action)}</td><td>${esc(r.side)}</td><td>${esc(r.reason)}</td><td>${r.expiresAt ? day(r.expiresAt) : ""}</td><td>${esc(r.outcome)}</td></tr>`).join("");
    const sides = a => a === "Push" ? [left, right].filter(s => item.canPush && item.canPush[s === left ? "left" : "right"]) : [left, right];
    box.innerHTML = `
      <p>类别：<b data-testid="item-class">${esc(classNames[item.class] || item.class)}</b>　当前处理：<span data-testid="item-resolution">${item.resolution ? esc(actionNames[item.resolution.action] || item.resolution.action) + " · " + esc(item.resolution.by) + " · " + esc(item.resolution.reason) : "未处理"}</span></p>
      <div class="panel"><h2 style="margin-top:0">逐字段差异</h2>
        <table class="diff" data-testid="diffs"><thead><tr><th>字段</th><th>${esc(left)}</th><th>${esc(right)}</th><th>标准值</th><th>权威来源</th></tr></thead>
        <tbody>${diffs || '<tr><td colspan="5" class="muted">没有字段差异。</td></tr>'}</tbody></table></div>
      ${canAct() ? `<div class="panel" data-testid="actions"><h2 style="margin-top:0">处理</h2>
        <form id="resolve" class="filters">
          <label>操作<select name="action" data-testid="action">${Object.entries(actionNames).map(([k, n]) => `<option value="${k}">${n}</option>`).join("")}</select></label>
          <label id="side-label">系统<select name="side" data-testid="side"></select></label>
          <label id="expiry-label">忽略至<input type="date" name="expiresAt" data-testid="expires" value="${new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10)}"></label>
          <label style="flex:1;min-width:260px">原因（必填）<textarea name="reason" required data-testid="reason"></textarea></label>
          <button type="submit" data-testid="resolve">提交处理</button>
        </form><div id="resolve-msg"></div></div>` : '<p class="muted" data-testid="read-only">只读账户：可查看差异，不能处理。</p>'}
      ${item.invalid ? notice("error", "无效原因：" + item.invalid) : ""}
      <div class="panel"><h2 style="margin-top:0">两侧记录</h2>${recordTable(item, left, right)}</div>
      <div class="panel"><h2 style="margin-top:0">处理记录</h2><table><thead><tr><th>时间</th><th>处理人</th><th>操作</th><th>系统</th><th>原因</th><th>有效期至</th><th>结果</th></tr></thead>
        <tbody>${history || '<tr><td colspan="7" class="muted">尚无处理记录。</td></tr>'}</tbody></table></div>`;
    const form = document.getElementById("resolve");
    if (!form) return;
    const sync = () => {
      const action = form.action.value;
      const options = sides(action);
      form.side.innerHTML = options.map(s => `<option value="${esc(s)}">${esc(s)}</option>`).join("") || '<option value="">（无可推送的系统）</option>';
      document.getElementById("side-label").style.display = action === "Ignore" ? "none" : "";
      document.getElementById("expiry-label").style.display = action === "Ignore" ? "" : "none";
    };
    form.action.addEventListener("change", sync);
    sync();
    form.addEventListener("submit", async e => {
      e.preventDefault();
      const f = Object.fromEntries(new FormData(form));
      const body = { action: f.action, reason: f.reason };
      if (f.action !== "Ignore") body.side = f.side;
      if (f.action === "Ignore" && f.expiresAt) body.expiresAt = f.expiresAt + "T23:59:59+08:00";
      try {
        const r = await api(path + "/resolve", { method: "POST", body });
        document.getElementById("resolve-msg").innerHTML = notice("done", "已处理：" + (r && r.outcome || "完成"));
        setTimeout(() => reconciliationItem(kind, left, right, key), 800);
      } catch (err) { document.getElementById("resolve-msg").innerHTML = notice("error", err.message); }
    });
  }

  // ---------- 监管指标 ----------
  const lightNames = { Green: "绿灯", Yellow: "黄灯", Red: "红灯" };

  async function supervision(initialQuery) {
    let query = initialQuery;
    main.innerHTML = `<h1>监管指标</h1><div id="sv">加载中…</div>`;
    const box = document.getElementById("sv");
    let lights;
    try { lights = await api("/api/dashboard/lights"); } catch (e) { box.innerHTML = failure(e); return; }
    const sum = (k, l) => lights.reduce((a, d) => a + d[k][l], 0);
    // Departments with red, then yellow lights first; the first 20 unless all are asked for.
    const ranked = lights.slice().sort((a, b) => (b.tasks.red + b.plans.red) - (a.tasks.red + a.plans.red) || (b.tasks.yellow + b.plans.yellow) - (a.tasks.yellow + a.plans.yellow) || a.department.localeCompare(b.department));
    const shown = query.all === "1" ? ranked : ranked.slice(0, 20);
    // An account of the whole province sees the province's figures until it picks a department or region.
    if (!query.department && !query.region && !(state.me && state.me.department) && lights.length) {
      query = Object.assign({}, query, { region: lights[0].regionCode.slice(0, 2) + "0000" });
    }
    const departments = lights.map(d => `<option value="${esc(d.department)}" ${query.department === d.department ? "selected" : ""}>${esc(d.name)}（${esc(d.department)}）</option>`).join("");
    const lightCell = c => `<td class="num"><span class="light Green"></span>${num(c.green)}</td><td class="num"><span class="light Yellow"></span>${num(c.yellow)}</td><td class="num"><span class="light Red"></span>${num(c.red)}</td>`;
    const light = query.light || "Red";
    box.innerHTML = `
      <div class="cards">
        ${["plans", "tasks"].map(k => `<div class="card" data-testid="lights-${k}"><h3>${k === "plans" ? "抽查计划" : "抽查任务"}预警</h3><dl>
          <dt><span class="light Green"></span>绿灯（正常）</dt><dd>${num(sum(k, "green"))}</dd>
          <dt><span class="light Yellow"></span>黄灯（临近期限）</dt><dd>${num(sum(k, "yellow"))}</dd>
          <dt><span class="light Red"></span>红灯（已逾期）</dt><dd>${num(sum(k, "red"))}</dd></dl></div>`).join("")}
      </div>
      <div class="panel"><h2 style="margin-top:0">考核指标</h2>
        <form class="filters" id="kf">
          <label>部门<select name="department"><option value="">${state.me && state.me.department ? "本部门" : "请选择部门或地区"}</option>${departments}</select></label>
          <label>地区代码<input name="region" value="${esc(query.region || "")}" placeholder="如 360000" size="8"></label>
          <label>起<input type="date" name="from" value="${esc(query.from || "")}"></label>
          <label>止<input type="date" name="to" value="${esc(query.to || "")}"></label>
          <button type="submit">查询</button>
        </form><div id="kpis"></div></div>
      <div class="panel"><h2 style="margin-top:0">各部门预警灯</h2><table><thead><tr><th>部门</th><th>地区</th><th class="num" colspan="3">抽查计划</th><th class="num" colspan="3">抽查任务</th></tr></thead>
        <tbody>${shown.map(d => `<tr><td><a href="#/supervision?${qs({ department: d.department, light })}">${esc(d.name)}</a></td><td>${esc(d.regionCode)}</td>${lightCell(d.plans)}${lightCell(d.tasks)}</tr>`).join("") || '<tr><td colspan="8" class="muted">没有计划或任务。</td></tr>'}</tbody></table>
        ${shown.length < ranked.length ? `<p><a href="#/supervision?${qs(Object.assign({}, query, { all: "1" }))}">显示全部 ${ranked.length} 个部门</a>（红灯、黄灯多的部门在前）</p>` : ""}</div>
      <div class="panel"><div class="filters"><h2 style="margin:0;flex:1">${lightNames[light]}任务${query.department ? "（" + esc(query.department) + "）" : ""}</h2>
        <label>预警灯<select id="light">${Object.entries(lightNames).map(([k, n]) => `<option value="${k}" ${k === light ? "selected" : ""}>${n}</option>`).join("")}</select></label></div>
        <div id="tasks">加载中…</div></div>`;
    document.getElementById("kf").addEventListener("submit", e => {
      e.preventDefault();
      location.hash = "#/supervision?" + qs(Object.assign({}, query, Object.fromEntries(new FormData(e.target))));
    });
    document.getElementById("light").addEventListener("change", e => { location.hash = "#/supervision?" + qs(Object.assign({}, query, { light: e.target.value, page: 1 })); });
    loadKpis(query);
    const tasksBox = document.getElementById("tasks");
    try {
      const page = await api("/api/dashboard/tasks?" + qs({ light, department: query.department, page: query.page || 1, pageSize: 20 }));
      tasksBox.innerHTML = `<table><thead><tr><th>任务单号</th><th>名称</th><th>发起部门</th><th>时间窗口</th><th>状态</th><th>预警</th></tr></thead><tbody>
        ${page.items.map(t => `<tr><td>${esc(t.taskNumber)}</td><td>${esc(t.name)}</td><td>${esc(t.initiatingDepartmentCode)}</td><td>${day(t.windowStart)} 至 ${day(t.windowEnd)}</td><td>${esc(t.status)}</td><td><span class="light ${esc(t.warningLight)}"></span>${lightNames[t.warningLight] || esc(t.warningLight)}</td></tr>`).join("") || '<tr><td colspan="6" class="muted">没有此类任务。</td></tr>'}
        </tbody></table>${pager(page)}`;
      bindPager(tasksBox, p => { location.hash = "#/supervision?" + qs(Object.assign({}, query, { page: p })); });
    } catch (e) { tasksBox.innerHTML = failure(e); }
  }

  async function loadKpis(query) {
    const box = document.getElementById("kpis");
    if (!query.department && !query.region && !(state.me && state.me.department)) {
      box.innerHTML = '<p class="muted">选择部门或输入地区代码后查看。</p>';
      return;
    }
    try {
      const report = await api("/api/kpis?" + qs({ department: query.department, region: query.department ? "" : query.region, from: query.from, to: query.to }));
      box.innerHTML = `<p class="muted">${day(report.from)} 至 ${day(report.to)}，统计截至 ${day(report.asOf)}，涵盖 ${report.departments.length} 个部门。</p>` +
        report.figures.map(f => `<div class="kpi" data-testid="kpi-${esc(f.key)}" title="${esc(f.definition)}"><span>${esc(f.name)}</span>
          <div class="bar"><span style="width:${f.value === null ? 0 : Math.min(100, f.value * 100)}%"></span></div>
          <span class="num">${pct(f.value)}（${num(f.numerator)}/${num(f.denominator)}）</span></div>`).join("");
    } catch (e) { box.innerHTML = failure(e); }
  }

  // ---------- 抽取 ----------
  async function draws(query) {
    main.innerHTML = `<h1>抽取</h1><p class="muted">已公开的抽取记录：任何人都可以用种子和承诺值重新推导并核验。</p>
      <form class="filters" id="df"><label>任务单号<input name="task" value="${esc(query.task || "")}"></label><button type="submit">筛选</button></form><div id="dr">加载中…</div>`;
    document.getElementById("df").addEventListener("submit", e => { e.preventDefault(); location.hash = "#/draws?" + qs(Object.fromEntries(new FormData(e.target))); });
    const box = document.getElementById("dr");
    let rows;
    try { rows = await api("/api/draws?" + qs({ task: query.task })); } catch (e) { box.innerHTML = failure(e); return; }
    box.innerHTML = `<div class="panel"><table><thead><tr><th>编号</th><th>任务单号</th><th>抽取时间</th><th class="num">符合条件</th><th class="num">抽中</th><th>结果</th></tr></thead><tbody>
      ${rows.map(d => `<tr class="click" data-href="#/draws/${d.id}"><td><a href="#/draws/${d.id}">${d.id}</a></td><td>${esc(d.taskNumber)}</td><td>${time(d.drawnAt)}</td><td class="num">${num(d.eligibleCount)}</td><td class="num">${num(d.drawnCount)}</td><td>${d.refused ? '<span class="badge bad">拒绝抽取</span>' : '<span class="badge ok">已抽取</span>'}</td></tr>`).join("") || '<tr><td colspan="6" class="muted">尚无抽取记录。</td></tr>'}
      </tbody></table></div>`;
    box.querySelectorAll("tr[data-href]").forEach(tr => tr.addEventListener("click", () => { location.hash = tr.dataset.href; }));
  }

  async function drawRecord(id) {
    main.innerHTML = `<p><a href="#/draws">← 返回抽取</a></p><h1>抽取记录 ${esc(id)}</h1><div id="dd">加载中…</div>`;
    const box = document.getElementById("dd");
    let r;
    try { r = await api("/api/draws/" + encodeURIComponent(id)); } catch (e) { box.innerHTML = failure(e); return; }
    box.innerHTML = `<div class="panel"><table>
        <tr><th>任务单号</th><td>${esc(r.taskNumber)}</td></tr>
        <tr><th>抽取时间</th><td>${time(r.drawnAt)}</td></tr>
        <tr><th>算法</th><td>${esc(r.algorithm)}</td></tr>
        <tr><th>种子承诺（${esc(r.commitmentAlgorithm)}）</th><td><code>${esc(r.seedCommitment)}</code></td></tr>
        <tr><th>种子</th><td><code>${esc(r.seed)}</code></td></tr>
        <tr><th>符合条件名单</th><td>${num(r.eligibleCount)} 户，摘要 <code>${esc(r.eligibleHash)}</code></td></tr>
        <tr><th>抽中</th><td>${num((r.drawn || []).length)} 户${r.refusal ? "；拒绝原因：" + esc(r.refusal) : ""}</td></tr>
      </table>
      <p><button id="verify" data-testid="verify">核验</button> <span id="verdict"></span></p></div>
      <div class="panel"><h2 style="margin-top:0">分层</h2><table><thead><tr><th>层</th><th class="num">比例</th><th class="num">按比例</th><th class="num">抽中</th><th>说明</th></tr></thead><tbody>
        ${(r.strata || []).map(s => `<tr><td>${esc(s.stratum)}</td><td class="num">${esc(s.ratio)}</td><td class="num">${num(s.byRatio)}</td><td class="num">${num(s.drawn)}</td><td>${esc(s.note)}</td></tr>`).join("")}</tbody></table></div>
      <div class="panel"><h2 style="margin-top:0">抽中对象</h2><pre>${esc(JSON.stringify(r.drawn, null, 2))}</pre></div>`;
    document.getElementById("verify").addEventListener("click", async () => {
      const out = document.getElementById("verdict");
      out.textContent = "核验中…";
      try {
        const v = await api(`/api/draws/${encodeURIComponent(id)}/verify`);
        out.innerHTML = v.match ? '<span class="badge ok">核验通过：重新推导结果与公开记录一致</span>' : `<span class="badge bad">核验不一致：${esc(v.firstDifference)}</span>`;
      } catch (e) { out.innerHTML = `<span class="badge bad">${esc(e.message)}</span>`; }
    });
  }

  // ---------- 计划 ----------
  const reviewNames = { Draft: "草稿", Pending: "待审核", Approved: "已通过", Returned: "已退回" };
  const planFrequencyNames = { OncePerYear: "1 次/年", TwicePerYear: "2 次/年", Quarterly: "每季度一次" };
  const frequencyText = p => p.frequencyPerYear === 4 ? "每季度一次" : p.frequencyPerYear ? p.frequencyPerYear + " 次/年" : "–";

  async function plans(query) {
    const page = Number(query.page || 1);
    main.innerHTML = `<h1>抽查计划</h1>
      ${canAct() ? `<div class="panel"><h2 style="margin-top:0">导入年度计划表</h2>
        <p class="muted">支持各县区手工编制的 .xlsx 表格及 UTF-8 / GB18030 编码的 .csv。先“仅检查”查看解析结果与全部问题，确认无误后勾选“保存”再上传：只保存部门、事项全部识别成功的计划，并按频次和月份生成任务。</p>
        <form class="filters" id="pf">
          <label>计划表文件<input type="file" name="file" accept=".xlsx,.csv" required data-testid="plan-file"></label>
          <label>区划代码（可选）<input name="region" pattern="\\d{6}" placeholder="如 360121" size="8"></label>
          <label>年度<input name="year" type="number" min="2020" max="2100" value="${new Date().getFullYear()}" style="width:6em"></label>
          <label><span><input type="checkbox" name="save" value="true"> 保存</span></label>
          <button type="submit" data-testid="plan-upload">上传</button>
        </form><div id="pi"></div></div>` : `<p class="muted">上传年度计划表需要管理员角色。</p>`}
      <div class="panel"><h2 style="margin-top:0">导出</h2>
        <form class="filters" id="pe">
          <label>年度<input name="year" type="number" min="2020" max="2100" value="${esc(query.year || "")}" style="width:6em"></label>
          <label>发起部门代码<input name="department" value="${esc(query.department || "")}" size="14"></label>
          <button type="submit" class="secondary">导出 .xlsx</button>
        </form><p class="muted">导出格式与各县区计划表一致，修改后可再次导入。</p></div>
      <div class="panel"><h2 style="margin-top:0">已入库计划</h2><div id="pl">加载中…</div></div>`;
    document.getElementById("pe").addEventListener("submit", e => {
      e.preventDefault();
      location.href = "/api/plans/export?" + qs(Object.fromEntries(new FormData(e.target)));
    });
    const form = document.getElementById("pf");
    if (form) form.addEventListener("submit", e => { e.preventDefault(); uploadPlan(form); });
    const box = document.getElementById("pl");
    let list;
    try { list = await api("/api/plans?" + qs({ page, pageSize: 20 })); } catch (e) { box.innerHTML = failure(e); return; }
    box.innerHTML = `<table><thead><tr><th>计划编号</th><th>计划名称</th><th>年度</th><th>发起部门</th><th class="num">比例</th><th>频次</th><th>月份</th><th>审核</th><th>预警</th></tr></thead><tbody>
      ${list.items.map(p => `<tr><td>${esc(p.code)}</td><td>${esc(p.name)}</td><td>${esc(p.year)}</td><td>${esc(p.initiatingDepartmentCode)}</td><td class="num">${esc(p.ratioPercent)}%</td><td>${esc(planFrequencyNames[p.frequency] || p.frequency)}</td><td>${esc(p.startMonth)}–${esc(p.endMonth)} 月</td><td>${esc(reviewNames[p.reviewState] || p.reviewState)}</td><td><span class="light ${esc(p.warningLight)}"></span>${esc(lightNames[p.warningLight] || p.warningLight)}</td></tr>`).join("") || '<tr><td colspan="9" class="muted">尚无计划。</td></tr>'}
      </tbody></table>${pager(list, () => {})}`;
    bindPager(box, p => { location.hash = "#/plans?" + qs(Object.assign({}, query, { page: p })); });
  }

  async function uploadPlan(form) {
    const out = document.getElementById("pi");
    const data = new FormData(form);
    const params = { region: data.get("region"), year: data.get("year"), save: data.get("save") ? "true" : "" };
    const body = new FormData();
    body.append("file", data.get("file"));
    out.innerHTML = notice("info", "正在上传并解析…");
    form.querySelector("button[type=submit]").disabled = true;
    let r;
    try { r = await api("/api/plans/import?" + qs(params), { method: "POST", body }); }
    catch (e) { out.innerHTML = notice("error", "导入失败：" + e.message); return; }
    finally { form.querySelector("button[type=submit]").disabled = false; }
    const refused = r.findings.filter(f => f.refused).length;
    const tasks = r.saved.reduce((n, s) => n + s.taskNumbers.length, 0);
    out.innerHTML = `${notice(refused ? "error" : "done", `解析出 ${r.plans.length} 个计划，发现 ${r.findings.length} 处问题（其中 ${refused} 处无法处理）；${params.save ? `已保存 ${r.saved.length} 个计划、${tasks} 个任务。` : "仅检查，未保存。"}`)}
      <h3>问题清单</h3><table data-testid="plan-findings"><thead><tr><th class="num">行</th><th>列</th><th>原文</th><th>说明</th><th>处理</th></tr></thead><tbody>
        ${r.findings.map(f => `<tr><td class="num">${f.row}</td><td>${esc(f.column)}</td><td>${esc(f.text)}</td><td>${esc(f.message)}</td><td>${f.refused ? '<span class="badge bad">未处理</span>' : '<span class="badge ok">已更正</span>'}</td></tr>`).join("") || '<tr><td colspan="5" class="muted">没有问题。</td></tr>'}
      </tbody></table>
      <h3>解析结果</h3><table data-testid="plan-lines"><thead><tr><th class="num">序号</th><th>领域</th><th>计划名称</th><th>发起部门</th><th>参与部门（事项数、比例）</th><th class="num">比例</th><th>频次</th><th>月份</th><th>方式</th><th>已保存</th></tr></thead><tbody>
        ${r.plans.map(p => { const saved = r.saved.find(s => s.number === p.number); return `<tr><td class="num">${p.number}</td><td>${esc(p.field)}</td><td>${esc(p.name)}</td><td>${esc(p.initiatingDepartment)}</td>
          <td>${p.departments.map(d => `${esc(d.name)}（${d.items.length} 项${d.ratio !== null && d.ratio !== undefined ? "，" + pct(d.ratio) : ""}）`).join("<br>")}</td>
          <td class="num">${pct(p.ratio)}</td><td>${esc(frequencyText(p))}</td><td>${p.startMonth ? `${p.startMonth}–${p.endMonth} 月` : "–"}</td><td>${esc((p.methods || []).join(" "))}</td>
          <td>${saved ? `${esc(saved.planCode)}<br><span class="muted">${saved.taskNumbers.length} 个任务</span>` : "–"}</td></tr>`; }).join("")}
      </tbody></table>`;
  }

  // ---------- 审计 ----------
  const auditActs = { Login: "登录", Logout: "退出", PasswordChange: "修改密码", SecondFactor: "二次验证", AccountCreate: "创建账户", AccountChange: "变更账户",
    ApiKeyCreate: "创建 API 密钥", ApiKeyRevoke: "吊销 API 密钥", Resolution: "差异处理", Resubmit: "重新提交", DrawCommit: "种子承诺", Draw: "抽取", DrawVerify: "核验抽取",
    Reconcile: "对账", PlanImport: "导入计划", ConfigurationChange: "配置变更", Job: "调度任务", Export: "导出", Reveal: "查看敏感信息", Lookup: "按证件号查找", EvaluationLink: "评价链接", Purge: "清理过期记录", CreditRepair: "信用修复" };
  // A date typed in China time: from its start, to the end of the "to" day.
  const chinaDay = (d, next) => d ? new Date(new Date(d + "T00:00:00+08:00").getTime() + (next ? 86400000 : 0)).toISOString() : undefined;

  async function audit(query) {
    main.innerHTML = `<h1>审计</h1><p class="muted">管理操作的审计日志：每条记录以 SM3 哈希链接上一条，任何修改或删除都会被校验发现。保存期限见运维文档。</p>
      <form class="filters" id="af">
        <label>操作<select name="act"><option value="">全部</option>${Object.entries(auditActs).map(([k, v]) => `<option value="${k}" ${query.act === k ? "selected" : ""}>${esc(v)}</option>`).join("")}</select></label>
        <label>操作人<input name="actor" value="${esc(query.actor || "")}"></label>
        <label>起<input type="date" name="from" value="${esc(query.from || "")}"></label>
        <label>止<input type="date" name="to" value="${esc(query.to || "")}"></label>
        <button type="submit">筛选</button>
      </form>
      <div class="panel"><button id="audit-verify" data-testid="audit-verify">校验</button> <span id="audit-verdict" data-testid="audit-verdict"></span>
        <span style="float:right">导出：<a data-testid="audit-export" href="/api/audit/export?${qs({ format: "csv", from: chinaDay(query.from), to: chinaDay(query.to, true) })}">CSV</a> ·
        <a href="/api/audit/export?${qs({ format: "xlsx", from: chinaDay(query.from), to: chinaDay(query.to, true) })}">Excel</a></span></div>
      <div id="ar">加载中…</div>`;
    document.getElementById("af").addEventListener("submit", e => { e.preventDefault(); location.hash = "#/audit?" + qs(Object.fromEntries(new FormData(e.target))); });
    document.getElementById("audit-verify").addEventListener("click", async () => {
      const out = document.getElementById("audit-verdict");
      out.textContent = "校验中…";
      try {
        const v = await api("/api/audit/verify");
        out.innerHTML = v.intact
          ? `<span class="badge ok">链完整：${num(v.checked)} 条（第 ${esc(v.first ?? "–")} 至 ${esc(v.last ?? "–")} 条）</span> <span class="muted">链头 <code>${esc(v.last)}:${esc(v.headHash)}</code></span>`
          : `<span class="badge bad">链已断开：第 ${esc(v.break.sequence)} 条。${esc(v.break.reason)}</span>`;
      } catch (e) { out.innerHTML = `<span class="badge bad">${esc(e.message)}</span>`; }
    });
    const box = document.getElementById("ar");
    const load = async page => {
      let data;
      try { data = await api("/api/audit?" + qs({ act: query.act, actor: query.actor, from: chinaDay(query.from), to: chinaDay(query.to, true), page, pageSize: 50 })); } catch (e) { box.innerHTML = failure(e); return; }
      box.innerHTML = `<div class="panel"><table data-testid="audit-entries"><thead><tr><th class="num">序号</th><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>结果</th><th>详情</th><th>地址</th></tr></thead><tbody>
        ${data.items.map(e => `<tr><td class="num">${e.sequence}</td><td>${time(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(auditActs[e.act] || e.act)}</td><td>${esc(e.subject)}</td>
          <td>${e.outcome === "Refused" ? '<span class="badge bad">被拒绝</span>' : '<span class="badge ok">成功</span>'}</td><td>${esc(e.detail)}</td><td>${esc(e.address)}</td></tr>`).join("") || '<tr><td colspan="8" class="muted">没有符合条件的记录。</td></tr>'}
        </tbody></table>${pager(data, load)}</div>`;
      bindPager(box, load);
    };
    load(1);
  }

  // ---------- 检查结果 ----------
  const resultPath = r => [r.taskNumber, r.targetCreditCode, r.departmentCode].map(encodeURIComponent).join("/");

  async function results(query) {
    const page = Number(query.page || 1);
    main.innerHTML = `<h1>检查结果</h1><p class="muted">各系统汇入的检查结果。管理员可在结果详情中生成评价二维码，交被检查单位扫码评价。</p>
      <form class="filters" id="rf"><label>任务单号<input name="task" value="${esc(query.task || "")}"></label><button type="submit">筛选</button></form><div id="rr">加载中…</div>`;
    document.getElementById("rf").addEventListener("submit", e => { e.preventDefault(); location.hash = "#/results?" + qs(Object.fromEntries(new FormData(e.target))); });
    const box = document.getElementById("rr");
    let p;
    try { p = await api("/api/results?" + qs({ task: query.task, page, pageSize: 50 })); } catch (e) { box.innerHTML = failure(e); return; }
    box.innerHTML = `<div class="panel"><table><thead><tr><th>任务单号</th><th>统一社会信用代码</th><th>部门</th><th>检查结果</th><th>检查日期</th></tr></thead><tbody>
      ${p.items.map(r => `<tr class="click" data-href="#/results/${resultPath(r)}"><td><a href="#/results/${resultPath(r)}">${esc(r.taskNumber)}</a></td><td>${esc(r.targetCreditCode)}</td><td>${esc(r.departmentCode)}</td><td>${esc(r.outcome)}</td><td>${day(r.inspectedOn)}</td></tr>`).join("") || '<tr><td colspan="5" class="muted">没有检查结果。</td></tr>'}
      </tbody></table>${pager(p)}</div>`;
    bindPager(box, n => { location.hash = "#/results?" + qs({ task: query.task, page: n }); });
    box.querySelectorAll("tr[data-href]").forEach(tr => tr.addEventListener("click", () => { location.hash = tr.dataset.href; }));
  }

  async function result(task, target, department) {
    const path = [task, target, department].map(encodeURIComponent).join("/");
    main.innerHTML = `<p><a href="#/results">← 返回检查结果</a></p><h1>检查结果</h1><div id="rd">加载中…</div>`;
    const box = document.getElementById("rd");
    let r;
    try { r = await api("/api/results/" + path); } catch (e) { box.innerHTML = failure(e); return; }
    box.innerHTML = `<div class="panel"><table>
        <tr><th>任务单号</th><td>${esc(r.taskNumber)}</td></tr>
        <tr><th>统一社会信用代码</th><td>${esc(r.targetCreditCode)}</td></tr>
        <tr><th>部门</th><td>${esc(r.departmentCode)}</td></tr>
        <tr><th>检查结果</th><td>${esc(r.outcome)}</td></tr>
        <tr><th>问题描述</th><td>${esc(r.findings)}</td></tr>
        <tr><th>检查日期</th><td>${day(r.inspectedOn)}</td></tr>
        <tr><th>检查人员</th><td>${esc((r.inspectorCertificateNumbers || []).join("、"))}</td></tr>
      </table></div>
      <div class="panel"><h2 style="margin-top:0">被检查单位评价</h2>
        ${canAct() ? `<p class="muted">生成一次性评价链接（有效期内仅可提交一次）及其二维码，交被检查单位扫码评价。每次生成都会产生新的链接。</p>
          <p><button id="qr" data-testid="evaluation-qr">生成评价二维码</button></p><div id="qro"></div>` : '<p class="muted">仅管理员可生成评价二维码。</p>'}
      </div>`;
    const button = document.getElementById("qr");
    if (!button) return;
    button.addEventListener("click", async () => {
      const out = document.getElementById("qro");
      out.textContent = "生成中…";
      try {
        const response = await fetch(`/api/results/${path}/evaluation-qr`);
        if (!response.ok) throw new HttpError(response.status, response.status === 409 ? "该检查已评价" : response.status === 403 ? "无权限执行此操作（需要管理员角色）" : response.statusText);
        const url = response.headers.get("X-Evaluation-Link");
        const expires = response.headers.get("X-Evaluation-Link-Expires");
        const image = URL.createObjectURL(await response.blob());
        out.innerHTML = `<img src="${image}" alt="评价二维码" data-testid="evaluation-qr-image" style="width:240px;height:240px;image-rendering:pixelated">
          <p>链接：<code>${esc(url)}</code></p><p class="muted">有效期至 ${time(expires)}</p>`;
      } catch (e) { out.innerHTML = `<span class="badge bad">${esc(e.message)}</span>`; }
    });
  }

  // ---------- router ----------
  async function render() {
    const [path, queryString] = route().split("?");
    const query = parseQuery(queryString);
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    document.querySelectorAll("[data-nav]").forEach(a => a.classList.toggle("active", a.dataset.nav === (parts[0] || "overview")));
    switch (parts[0] || "overview") {
      case "overview":
        if (parts[1] === "deadletters") return deadLetters(parts[2], query);
        if (parts[1] === "rejections") return rejections(parts[2], query);
        return overview(parts.slice(1), query);
      case "reconciliation":
        if (parts[1] === "items") return reconciliationItems(query);
        if (parts[1] === "item") return reconciliationItem(parts[2], parts[3], parts[4], parts.slice(5).join("/"));
        return reconciliation();
      case "supervision": return supervision(query);
      case "draws": return parts[1] ? drawRecord(parts[1]) : draws(query);
      case "plans": return plans(query);
      case "audit": return audit(query);
      case "results": return parts[3] ? result(parts[1], parts[2], parts[3]) : results(query);
      default: main.innerHTML = notice("error", "页面不存在。");
    }
  }

  async function start() {
    try {
      state.me = await api("/api/me");
      document.getElementById("me").textContent = `${state.me.name}（${state.me.canAct ? "管理员" : "只读"}${state.me.department ? " · " + state.me.department : ""}）`;
      document.querySelectorAll("[data-admin]").forEach(a => { a.hidden = !state.me.canAct; });
    } catch (e) { main.innerHTML = failure(e); return; }
    window.addEventListener("hashchange", render);
    connectLive();
    render();
  }

  start();
})();
