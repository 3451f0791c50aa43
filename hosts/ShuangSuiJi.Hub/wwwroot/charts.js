// Small SVG line charts drawn by hand: no chart library, no build step.
"use strict";
window.Charts = (function () {
  const palette = ["#0b63c5", "#e03b2e", "#2eb872", "#f5b400", "#8e44ad", "#16a5b8", "#d35400", "#7f8c8d", "#c2185b", "#2c3e50"];
  const esc = s => String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

  // series: [{ name, values: [numbers] }], labels: [strings] (one per value)
  function line(series, labels, options) {
    const o = Object.assign({ width: 900, height: 240, pad: 36 }, options || {});
    // Integer ticks: the top of the axis is the next multiple of 4 above the largest value.
    const max = Math.max(4, Math.ceil(Math.max(0, ...series.flatMap(s => s.values)) / 4) * 4);
    const n = Math.max(1, labels.length);
    const x = i => o.pad + (n === 1 ? 0 : i * (o.width - 2 * o.pad) / (n - 1));
    const y = v => o.height - o.pad + 8 - v * (o.height - o.pad - 16) / max;
    let svg = `<svg class="chart" viewBox="0 0 ${o.width} ${o.height}" role="img" aria-label="${esc(o.title || "趋势图")}">`;
    for (let k = 0; k <= 4; k++) {
      const v = max * k / 4, yy = y(v);
      svg += `<line x1="${o.pad}" x2="${o.width - o.pad}" y1="${yy}" y2="${yy}" stroke="#edf0f5"/>`;
      svg += `<text x="${o.pad - 6}" y="${yy + 4}" font-size="11" text-anchor="end" fill="#6b7a8c">${Math.round(v)}</text>`;
    }
    const step = Math.max(1, Math.ceil(n / 8));
    labels.forEach((l, i) => {
      if (i % step === 0) svg += `<text x="${x(i)}" y="${o.height - 8}" font-size="11" text-anchor="middle" fill="#6b7a8c">${esc(l)}</text>`;
    });
    series.forEach((s, k) => {
      const color = s.color || palette[k % palette.length];
      const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
      svg += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts}"><title>${esc(s.name)}</title></polyline>`;
      if (s.values.length === 1) svg += `<circle cx="${x(0)}" cy="${y(s.values[0])}" r="3" fill="${color}"/>`;
    });
    svg += "</svg>";
    const legend = `<div class="legend">${series.map((s, k) => `<span><i style="background:${s.color || palette[k % palette.length]}"></i>${esc(s.name)}</span>`).join("")}</div>`;
    return svg + legend;
  }

  return { line, palette };
})();
