"""Geometry of the dashboard's SVG charts: timeline bars (the map is marsad.web.geo, the network marsad.web.network).

Functions return plain shapes (numbers and labels); templates draw them, escaping labels.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

# One colour per PLOVER type, so the timeline, the network and the map agree.
TYPE_COLOURS = {
    "AGREE": "#2e7d32", "CONSULT": "#1565c0", "SUPPORT": "#00897b", "CONCEDE": "#7cb342",
    "COOPERATE": "#43a047", "AID": "#26a69a", "RETREAT": "#9e9d24", "REQUEST": "#5e35b1",
    "ACCUSE": "#f9a825", "REJECT": "#ef6c00", "THREATEN": "#d84315", "PROTEST": "#8e24aa",
    "SANCTION": "#6d4c41", "MOBILIZE": "#546e7a", "COERCE": "#c62828", "ASSAULT": "#b71c1c",
}
OTHER_COLOUR = "#757575"


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


# The share of events at each end of the time axis left off the bars (and counted apart): a
# few events recalled from decades ago would otherwise squeeze the news into one bar.
TAIL_SHARE = 0.05


def _clip_tails(counts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict | None, dict | None]:
    """The counts without the earliest and latest TAIL_SHARE of events, and what was left off
    at each end ({"events", "last_day"} before, {"events", "first_day"} after)."""
    by_day: dict[str, int] = {}
    for c in counts:
        by_day[c["day"][:10]] = by_day.get(c["day"][:10], 0) + c["events"]
    days = sorted(by_day)
    total = sum(by_day.values())
    running, low, high = 0, days[0], days[-1]
    for day in days:
        running += by_day[day]
        if running - by_day[day] < TAIL_SHARE * total <= running:
            low = day if running - by_day[day] > 0 else days[0]
            break
    running = 0
    for day in reversed(days):
        running += by_day[day]
        if running - by_day[day] < TAIL_SHARE * total <= running:
            high = day if running - by_day[day] > 0 else days[-1]
            break
    kept = [c for c in counts if low <= c["day"][:10] <= high]
    early = sum(n for d, n in by_day.items() if d < low)
    late = sum(n for d, n in by_day.items() if d > high)
    day_before = (dt.date.fromisoformat(low) - dt.timedelta(days=1)).isoformat()
    day_after = (dt.date.fromisoformat(high) + dt.timedelta(days=1)).isoformat()
    return (kept, {"events": early, "until": day_before} if early else None,
            {"events": late, "since": day_after} if late else None)


def timeline(counts: list[dict[str, Any]], width: int = 960, height: int = 320,
             clip: bool = True) -> dict[str, Any]:
    """Stacked bars of events per day (per week past 120 days), one colour a type; with `clip`,
    the earliest and latest few events are counted apart instead of stretching the axis."""
    if not counts:
        return {"width": width, "height": height, "bars": [], "ticks": [], "types": [], "max": 0,
                "before": None, "after": None}
    before = after = None
    if clip:
        counts, before, after = _clip_tails(counts)
    days = [dt.date.fromisoformat(c["day"][:10]) for c in counts]
    first, last = min(days), max(days)
    span = (last - first).days + 1
    step = 1 if span <= 120 else 7
    bins = span // step + 1
    stacks: list[dict[str, int]] = [dict() for _ in range(bins)]
    for day, c in zip(days, counts):
        stack = stacks[(day - first).days // step]
        stack[c["type"]] = stack.get(c["type"], 0) + c["events"]
    top = max(sum(s.values()) for s in stacks) or 1
    left, right, bottom, top_pad = 40, 10, 40, 10
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    bar_w = plot_w / bins
    bars = []
    for i, stack in enumerate(stacks):
        y = top_pad + plot_h
        # Drawn from the right edge leftwards: the page reads right to left, time runs with it.
        x = left + plot_w - (i + 1) * bar_w
        for etype in sorted(stack):
            h = stack[etype] / top * plot_h
            y -= h
            start = first + dt.timedelta(days=i * step)
            bars.append({"x": round(x, 2), "y": round(y, 2), "w": round(max(bar_w - 1, 0.5), 2),
                         "h": round(h, 2), "type": etype, "colour": colour(etype),
                         "events": stack[etype], "day": start.isoformat(),
                         "last_day": (start + dt.timedelta(days=step - 1)).isoformat()})
    every = max(1, bins // 8)
    ticks = [{"x": round(left + plot_w - (i + 0.5) * bar_w, 2),
              "label": (first + dt.timedelta(days=i * step)).isoformat()}
             for i in range(0, bins, every)
             if left + 35 < left + plot_w - (i + 0.5) * bar_w < width - right - 35]
    types = sorted({c["type"] for c in counts})
    return {"width": width, "height": height, "bars": bars, "ticks": ticks, "max": top,
            "before": before, "after": after,
            "types": [{"type": t, "colour": colour(t)} for t in types],
            "step": "week" if step == 7 else "day", "plot_bottom": top_pad + plot_h,
            "left": left, "right": width - right, "top": top_pad}
