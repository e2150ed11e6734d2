// Hand-drawn SVG chart of the last 24 h and the planned next 24 h: no library, no network.
"use strict";
window.OrderlyChart = (function () {
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = { base: "#8aa1c1", ev: "#22b07d", limit: "#d64545", cap: "#e39b1b",
    valley: "rgba(34,176,125,0.09)", peak: "rgba(214,69,69,0.08)", now: "#17324d" };
  // The EV load's part no pile measured (an estimate) is hatched over the measured part; where the store has no record
  // of that part (minutes before it was recorded) the EV load is dotted: how much of it was measured is not known.
  // Neither is the plan's pale green. The legend's swatches are the same in CSS.
  const HATCH = "repeating-linear-gradient(45deg, #22b07d 0 3px, rgba(34,176,125,0.2) 3px 6px)";
  const DOTS = "radial-gradient(circle, #22b07d 1.2px, transparent 1.6px) 0 0 / 4px 4px, rgba(34,176,125,0.15)";
  // The households' part that is a bound, not a measurement (a car's draw not known to be in the reading may be counted
  // in it), is hatched in the households' colour on top of their measured part: left out, the total would be short of
  // what the transformer carried. A quarter recorded before the bound part was (2026-12-06) is drawn as before.
  const BASE_HATCH = "repeating-linear-gradient(-45deg, #8aa1c1 0 3px, rgba(138,161,193,0.2) 3px 6px)";

  /** The part of the EV load no pile measured, within the EV load; null where it is not known. */
  function unmeasured(p) {
    return p.evUnmeasuredKw == null || p.evKw == null ? null : Math.min(Math.max(p.evUnmeasuredKw, 0), p.evKw);
  }

  /** The part of the household load that is a bound, within it; 0 where not known (drawn as the households). */
  function bound(p) {
    return p.baseBoundKw == null || p.baseKw == null ? 0 : Math.min(Math.max(p.baseBoundKw, 0), p.baseKw);
  }

  /** What the history's EV load draws apart: a quarter with an estimated part, and one whose part is not known. */
  function evParts(history) {
    return { estimated: history.some(p => unmeasured(p) > 0),
      unknown: history.some(p => p.evKw != null && unmeasured(p) == null) };
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  /** Stacked area from points [{at, lo, hi}] with breaks where hi is null. */
  function area(points, x, y) {
    let d = "", run = [];
    const flush = () => {
      if (run.length) {
        d += "M" + run.map(p => x(p.at) + "," + y(p.hi)).join("L");
        d += "L" + run.slice().reverse().map(p => x(p.at) + "," + y(p.lo)).join("L") + "Z";
      }
      run = [];
    };
    for (const p of points) { if (p.hi == null) flush(); else run.push(p); }
    flush();
    return d;
  }

  /**
   * The fills of the EV load's estimated part (hatched), of one not known to be measured or not (dotted), and of the
   * households' part that is a bound (hatched the other way, in their colour).
   */
  function patterns(svg) {
    const defs = el("defs", {}, svg);
    hatch(defs, "chart-hatch", COLORS.ev, 45);
    const dots = el("pattern", { id: "chart-dots", patternUnits: "userSpaceOnUse", width: 4, height: 4 }, defs);
    el("rect", { width: 4, height: 4, fill: COLORS.ev, opacity: 0.15 }, dots);
    el("circle", { cx: 2, cy: 2, r: 1.2, fill: COLORS.ev }, dots);
    hatch(defs, "chart-hatch-base", COLORS.base, -45);
  }

  /** A hatched fill: stripes of {@code color} at {@code angle} degrees over a pale ground of it. */
  function hatch(defs, id, color, angle) {
    const p = el("pattern", { id, patternUnits: "userSpaceOnUse", width: 6, height: 6, patternTransform: `rotate(${angle})` }, defs);
    el("rect", { width: 6, height: 6, fill: color, opacity: 0.2 }, p);
    el("rect", { width: 3, height: 6, fill: color, opacity: 0.8 }, p);
  }

  function line(points, x, y) {
    let d = "", pen = false;
    for (const p of points) {
      if (p.v == null) { pen = false; continue; }
      d += (pen ? "L" : "M") + x(p.at) + "," + y(p.v);
      pen = true;
    }
    return d;
  }

  /** Quarter-hour points become steps, so a 15-minute mean reads as what it is. */
  function steps(points, step) {
    const out = [];
    points.forEach((p, i) => {
      const next = points[i + 1];
      const end = next && next.at - p.at <= step ? next.at : p.at + step;
      out.push(Object.assign({}, p, { at: p.at }), Object.assign({}, p, { at: end }));
      if (!next || next.at - p.at > step) out.push({ at: end, lo: 0, hi: null, v: null });
    });
    return out;
  }

  function draw(container, data, t, timeLabel) {
    container.textContent = "";
    const W = Math.max(320, container.clientWidth), H = Math.max(180, container.clientHeight);
    const m = { l: 44, r: 12, t: 24, b: 26 };
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("chart.title") }, container);
    const all = data.history.concat(data.plan);
    let top = data.limitKw;
    for (const p of all) top = Math.max(top, (p.baseKw || 0) + (p.evKw || 0));
    for (const c of data.caps) top = Math.max(top, c.value);
    const axis = niceAxis(top * 1.08);
    top = axis.top;
    const x = v => (m.l + (v - data.from) / (data.to - data.from) * (W - m.l - m.r)).toFixed(1);
    const y = v => (m.t + (1 - v / top) * (H - m.t - m.b)).toFixed(1);

    // Price periods: the cheapest shaded green (valley), the dearest red (peak).
    const prices = data.prices.map(b => b.value);
    const lo = Math.min(...prices), hi = Math.max(...prices);
    for (const b of data.prices) {
      const fill = b.value === lo && lo !== hi ? COLORS.valley : b.value === hi && lo !== hi ? COLORS.peak : null;
      if (fill) el("rect", { x: x(b.from), y: m.t, width: Math.max(0, x(b.to) - x(b.from)), height: H - m.t - m.b, fill }, svg);
    }
    // Grid and axes.
    for (let i = 0; i <= axis.intervals; i++) {
      const v = axis.step * i;
      el("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: "axis" }, svg);
      el("text", { x: m.l - 6, y: +y(v) + 4, "text-anchor": "end" }, svg).textContent = v;
    }
    el("text", { x: m.l - 6, y: 12, "text-anchor": "end", class: "unit" }, svg).textContent = "kW";
    const hour = 3600e3, every = W < 600 ? 6 * hour : 3 * hour;
    for (let tk = Math.ceil(data.from / every) * every; tk <= data.to; tk += every) {
      el("text", { x: x(tk), y: H - 8, "text-anchor": "middle" }, svg).textContent = timeLabel(tk);
    }
    const step = 15 * 60e3;
    const hist = steps(data.history, step);
    patterns(svg);
    // The households: measured, their part that is a bound hatched on top.
    const measuredTop = p => p.hi === null || p.baseKw == null ? null : p.baseKw - bound(p);
    const boundTop = p => p.hi === null || !(bound(p) > 0) ? null : p.baseKw;
    el("path", { d: area(hist.map(p => ({ at: p.at, lo: 0, hi: measuredTop(p) })), x, y), fill: COLORS.base, opacity: 0.55,
      id: "chart-base" }, svg);
    el("path", { d: area(hist.map(p => ({ at: p.at, lo: p.baseKw - bound(p), hi: boundTop(p) })), x, y),
      fill: "url(#chart-hatch-base)", id: "chart-base-bound" }, svg);
    // The EV load above the households: measured, its estimated part hatched on top, or dotted whole where how much of
    // it was measured is not known.
    const evTop = p => (p.baseKw || 0) + p.evKw;
    const split = p => p.hi !== null && p.evKw != null && unmeasured(p) != null;
    const whole = p => p.hi !== null && p.evKw != null && unmeasured(p) == null;
    el("path", { d: area(hist.map(p => ({ at: p.at, lo: p.baseKw || 0, hi: split(p) ? evTop(p) - unmeasured(p) : null })), x, y), fill: COLORS.ev, opacity: 0.8, id: "chart-ev" }, svg);
    el("path", { d: area(hist.map(p => ({ at: p.at, lo: split(p) ? evTop(p) - unmeasured(p) : 0, hi: split(p) && unmeasured(p) > 0 ? evTop(p) : null })), x, y), fill: "url(#chart-hatch)", id: "chart-ev-unmeasured" }, svg);
    el("path", { d: area(hist.map(p => ({ at: p.at, lo: p.baseKw || 0, hi: whole(p) ? evTop(p) : null })), x, y), fill: "url(#chart-dots)", id: "chart-ev-unknown" }, svg);
    const plan = steps(data.plan, step);
    el("path", { d: area(plan.map(p => ({ at: p.at, lo: 0, hi: p.hi === null ? null : p.baseKw })), x, y), fill: COLORS.base, opacity: 0.25 }, svg);
    el("path", { d: area(plan.map(p => ({ at: p.at, lo: p.baseKw || 0, hi: p.hi === null ? null : (p.baseKw || 0) + p.evKw })), x, y), fill: COLORS.ev, opacity: 0.35, id: "chart-plan-ev" }, svg);
    el("path", { d: line(plan.map(p => ({ at: p.at, v: p.hi === null ? null : (p.baseKw || 0) + p.evKw })), x, y), fill: "none", stroke: COLORS.ev, "stroke-width": 1.5, "stroke-dasharray": "4 3" }, svg);
    // Limits.
    el("line", { x1: m.l, x2: W - m.r, y1: y(data.limitKw), y2: y(data.limitKw), stroke: COLORS.limit, "stroke-width": 1.5, "stroke-dasharray": "6 4" }, svg);
    for (const c of data.caps) {
      const a = Math.max(c.from, data.from), b = Math.min(c.to, data.to);
      el("line", { x1: x(a), x2: x(b), y1: y(c.value), y2: y(c.value), stroke: COLORS.cap, "stroke-width": 2.5 }, svg);
    }
    el("line", { x1: x(data.now), x2: x(data.now), y1: m.t, y2: H - m.b, stroke: COLORS.now, "stroke-width": 1 }, svg);
    el("text", { x: +x(data.now) + 4, y: m.t + 10 }, svg).textContent = t("chart.now");
  }

  /**
   * The axis from 0 to at least v in at most 5 steps of 1, 2 or 5 x 10^n kW (at least 1 kW), so every tick is a round
   * figure: a top of 50 is 0, 10 ... 50, not quarters rounded to 13 and 38.
   */
  function niceAxis(v) {
    v = Math.max(v, 1);
    for (let p = 1; ; p *= 10) {
      for (const k of [1, 2, 5]) {
        const step = k * p, intervals = Math.ceil(v / step - 1e-9);
        if (intervals <= 5) return { step, intervals, top: step * intervals };
      }
    }
  }

  /**
   * The legend of what draw() drew from the same data: the households' part that is a bound, the EV load's estimated
   * part and its part not known, a grid cap, the valley and the peak only when shown.
   */
  function legend(container, t, data) {
    container.textContent = "";
    const items = [["chart.base", COLORS.base]];
    if (data.history.some(p => bound(p) > 0)) items.push(["chart.baseBound", BASE_HATCH]);
    items.push(["chart.ev", COLORS.ev]);
    const ev = evParts(data.history);
    if (ev.estimated) items.push(["chart.evUnmeasured", HATCH]);
    if (ev.unknown) items.push(["chart.evUnknown", DOTS]);
    items.push(["chart.plan", "rgba(34,176,125,0.35)"], ["chart.limit", COLORS.limit]);
    if (data.caps.some(c => Math.min(c.to, data.to) > Math.max(c.from, data.from))) items.push(["chart.cap", COLORS.cap]);
    const prices = data.prices.map(b => b.value);
    if (prices.length && Math.min(...prices) !== Math.max(...prices)) {
      items.push(["chart.valley", "rgba(34,176,125,0.25)"], ["chart.peak", "rgba(214,69,69,0.22)"]);
    }
    for (const [key, color] of items) {
      const s = document.createElement("span");
      const i = document.createElement("i");
      i.style.background = color;
      s.appendChild(i);
      s.appendChild(document.createTextNode(t(key)));
      container.appendChild(s);
    }
  }

  return { draw, legend };
})();
