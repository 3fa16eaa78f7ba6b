"""The network drawing (issue 18): a layout computed on the server in which nodes keep apart and
labels overlap neither each other nor a node; filters narrow it."""
from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient

from marsad.web import geo
from marsad.web.app import create_app
from marsad.web.network import network_chart


def _edges(n: int) -> list[dict]:
    """A dense invented graph: a hub, a ring, and chords, named like real actors."""
    names = [f"الفاعل رقم {i}" for i in range(n)]
    edges = []
    for i in range(n):
        for j in (i + 1, i + 3, 0):
            j %= n
            if i != j:
                edges.append({"source": f"a{i}", "source_name": names[i], "source_type": "PERSON",
                              "target": f"a{j}", "target_name": names[j], "target_type": "GPE",
                              "type": ("CONSULT", "ACCUSE", "ASSAULT")[(i + j) % 3], "events": 1 + (i * j) % 5})
    return edges


@pytest.mark.parametrize("n", [2, 12, 40])
def test_nodes_keep_apart_and_labels_overlap_nothing(n):
    chart = network_chart(_edges(n))
    nodes = chart["nodes"]
    assert len(nodes) == n
    for a, b in itertools.combinations(nodes, 2):
        assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 >= a["r"] + b["r"], (a["id"], b["id"])
    boxes = {}
    for node in nodes:
        assert 0 <= node["x"] <= chart["width"] and 0 <= node["y"] <= chart["height"]
        if "label" in node:
            label = node["label"]
            w = geo._text_width(label["text"])
            x = label["x"] - {"start": 0, "end": w, "middle": w / 2}[label["anchor"]]
            boxes[node["id"]] = (x, label["y"] - geo.FONT, x + w, label["y"])
    assert len(boxes) >= 0.8 * n, "most nodes are labelled"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not geo._overlaps(box_a, box_b), (a, b)
    for node_id, box in boxes.items():
        for other in nodes:
            if other["id"] != node_id:
                disc = (other["x"] - other["r"], other["y"] - other["r"], other["x"] + other["r"], other["y"] + other["r"])
                assert not geo._overlaps(box, disc), (node_id, other["id"])


def test_the_layout_is_the_same_every_time():
    assert network_chart(_edges(15)) == network_chart(_edges(15))


def test_the_network_takes_the_event_filters(store_path):
    client = TestClient(create_app(store_path))
    every = client.get("/api/network").json()
    assert every["total"] == len(every["items"]) > 0
    for kind in {e["type"] for e in every["items"]}:
        chosen = client.get("/api/network", params={"type": kind}).json()["items"]
        assert chosen and {e["type"] for e in chosen} == {kind}
    assert client.get("/api/network", params={"type": "BOGUS"}).status_code == 422
    page = client.get("/network", params={"status": "denied"})
    assert page.status_code == 200 and "status=denied" in page.text
