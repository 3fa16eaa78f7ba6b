"""The actor network's drawing: a force-directed layout computed here (no script runs on the
page), nodes sized by their events, one line per (source, target, type), and labels placed so
that none overlaps another label or a node."""
from __future__ import annotations

import copy
import math
from functools import lru_cache
from typing import Any

from marsad.web.charts import colour
from marsad.web.geo import place_labels

WIDTH, HEIGHT = 960, 640
MAX_NODES = 40
ITERATIONS = 300


def layout(nodes: list[str], links: list[tuple[str, str, int]], width: float, height: float,
           iterations: int = ITERATIONS) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a fixed start (nodes on a circle in the given order), so the
    same store always gives the same drawing."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (width / 2, height / 2)}
    area = width * height
    k = math.sqrt(area / n)  # the distance two nodes settle at
    pos = {node: [width / 2 + width / 3 * math.cos(2 * math.pi * i / n),
                  height / 2 + height / 3 * math.sin(2 * math.pi * i / n)]
           for i, node in enumerate(nodes)}
    temperature = width / 8
    for step in range(iterations):
        move = {node: [0.0, 0.0] for node in nodes}
        for i, a in enumerate(nodes):
            ax, ay = pos[a]
            for b in nodes[i + 1:]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                distance = math.hypot(dx, dy) or 0.01
                push = k * k / distance
                move[a][0] += dx / distance * push
                move[a][1] += dy / distance * push
                move[b][0] -= dx / distance * push
                move[b][1] -= dy / distance * push
        for a, b, weight in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = math.hypot(dx, dy) or 0.01
            pull = distance * distance / k * min(1 + math.log(weight), 3)
            move[a][0] -= dx / distance * pull
            move[a][1] -= dy / distance * pull
            move[b][0] += dx / distance * pull
            move[b][1] += dy / distance * pull
        for node in nodes:
            # A weak pull to the middle keeps unconnected pieces from drifting off.
            move[node][0] += (width / 2 - pos[node][0]) * 0.02 * k / 10
            move[node][1] += (height / 2 - pos[node][1]) * 0.02 * k / 10
            length = math.hypot(*move[node]) or 0.01
            pos[node][0] += move[node][0] / length * min(length, temperature)
            pos[node][1] += move[node][1] / length * min(length, temperature)
        temperature = max(width / 8 * (1 - (step + 1) / iterations), 1.0)
    return {node: (x, y) for node, (x, y) in pos.items()}


def _fit(positions: dict[str, tuple[float, float]], width: float, height: float,
         margin: float) -> dict[str, tuple[float, float]]:
    """The layout scaled into the frame, leaving `margin` for labels; its shape kept."""
    if not positions:
        return {}
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    off_x = (width - span_x * scale) / 2 - min(xs) * scale
    off_y = (height - span_y * scale) / 2 - min(ys) * scale
    return {n: (x * scale + off_x, y * scale + off_y) for n, (x, y) in positions.items()}


# Room kept around each node, in pixels, for its label to find a place beside it.
CLEARANCE = 26


def separate(positions: dict[str, tuple[float, float]], radius: dict[str, float], width: float,
             height: float, margin: float, rounds: int = 80) -> dict[str, tuple[float, float]]:
    """Push apart nodes closer than their radii and CLEARANCE allow (the force layout knows no
    sizes), keeping them inside the frame."""
    pos = {n: list(p) for n, p in positions.items()}
    nodes = sorted(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                distance = math.hypot(dx, dy)
                wanted = radius[a] + radius[b] + CLEARANCE
                if distance >= wanted:
                    continue
                if distance < 0.01:  # on top of each other: part them sideways
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (wanted - distance) / 2
                pos[a][0] -= dx / distance * push
                pos[a][1] -= dy / distance * push
                pos[b][0] += dx / distance * push
                pos[b][1] += dy / distance * push
                moved = True
        for n in nodes:
            pos[n][0] = min(max(pos[n][0], margin), width - margin)
            pos[n][1] = min(max(pos[n][1], margin / 2), height - margin / 2)
        if not moved:
            break
    return {n: (x, y) for n, (x, y) in pos.items()}


def network_chart(edges: list[dict[str, Any]], width: int = WIDTH, height: int = HEIGHT,
                  max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """Nodes (the most connected actors), lines and label positions for the network page; the
    same edges give the same drawing, so it is computed once (the layout costs ~0.2 s)."""
    key = tuple(tuple(sorted(e.items())) for e in edges)
    return copy.deepcopy(_network_chart(key, width, height, max_nodes))


@lru_cache(maxsize=32)
def _network_chart(key: tuple, width: int, height: int, max_nodes: int) -> dict[str, Any]:
    edges = [dict(e) for e in key]
    degree: dict[str, int] = {}
    names: dict[str, tuple[str, str]] = {}
    for e in edges:
        for side in ("source", "target"):
            degree[e[side]] = degree.get(e[side], 0) + e["events"]
            names[e[side]] = (e[f"{side}_name"], e[f"{side}_type"])
    kept = sorted(degree, key=lambda n: (-degree[n], names[n][0], n))[:max_nodes]
    chosen = set(kept)
    pairs: dict[tuple[str, str], int] = {}
    for e in edges:
        if e["source"] in chosen and e["target"] in chosen:
            key = tuple(sorted((e["source"], e["target"])))
            pairs[key] = pairs.get(key, 0) + e["events"]
    positions = _fit(layout(kept, [(a, b, n) for (a, b), n in pairs.items()], width, height),
                     width, height, margin=60)
    top = max(degree.values(), default=1)
    radius = {node: round(5 + 13 * math.sqrt(degree[node] / top), 1) for node in kept}
    positions = separate(positions, radius, width, height, margin=40)
    nodes = {}
    for node in kept:
        x, y = positions[node]
        nodes[node] = {"id": node, "name": names[node][0], "type": names[node][1],
                       "x": round(x, 1), "y": round(y, 1), "events": degree[node], "r": radius[node]}
    place_labels(list(nodes.values()), width, height)
    lines = []
    seen: dict[tuple[str, str], int] = {}
    for e in edges:
        if e["source"] not in nodes or e["target"] not in nodes:
            continue
        a, b = nodes[e["source"]], nodes[e["target"]]
        # Lines of several types between one pair are drawn side by side, not on each other.
        pair = tuple(sorted((e["source"], e["target"])))
        nth = seen.get(pair, 0)
        seen[pair] = nth + 1
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        length = math.hypot(dx, dy) or 1.0
        shift = 3.5 * nth * (1 if e["source"] < e["target"] else -1)
        ox, oy = -dy / length * shift, dx / length * shift
        # The arrow stops at the target's rim, where its head can be seen.
        cut_a, cut_b = a["r"] / length, (b["r"] + 3) / length
        lines.append({"x1": round(a["x"] + dx * cut_a + ox, 1), "y1": round(a["y"] + dy * cut_a + oy, 1),
                      "x2": round(b["x"] - dx * cut_b + ox, 1), "y2": round(b["y"] - dy * cut_b + oy, 1),
                      "type": e["type"], "colour": colour(e["type"]), "events": e["events"],
                      "w": round(1.2 + 1.3 * math.log2(e["events"]), 1),
                      "label": f"{a['name']} → {b['name']}: {e['type']} ×{e['events']}",
                      "source": e["source"], "target": e["target"]})
    types = sorted({e["type"] for e in edges})
    return {"width": width, "height": height, "nodes": list(nodes.values()), "lines": lines,
            "types": [{"type": t, "colour": colour(t)} for t in types],
            "left_out": max(len(degree) - len(kept), 0)}
