"""Write a citation (sub)graph as JSON, Graphviz DOT or GraphML."""
from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import quoteattr


def export(graph: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(graph, ensure_ascii=False, indent=1) + "\n"
    if fmt == "dot":
        return to_dot(graph)
    if fmt == "graphml":
        return to_graphml(graph)
    raise ValueError(f"unknown graph format: {fmt}")


def _dot_str(s: Any) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: dict[str, Any]) -> str:
    lines = ["digraph citations {", "  rankdir=LR;", "  node [shape=box, fontname=\"DejaVu Sans\"];"]
    for n in graph.get("nodes", []):
        style = "" if n.get("in_index") else ", style=dashed"
        lines.append(f"  {_dot_str(n['id'])} [label={_dot_str(n.get('label') or n['id'])}{style}];")
    for e in graph.get("edges", []):
        lines.append(f"  {_dot_str(e['source'])} -> {_dot_str(e['target'])} [label={_dot_str(e.get('relation', ''))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graphml(graph: dict[str, Any]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
           '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
           '  <key id="in_index" for="node" attr.name="in_index" attr.type="boolean"/>',
           '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
           '  <graph id="citations" edgedefault="directed">']
    for n in graph.get("nodes", []):
        out.append(f"    <node id={quoteattr(str(n['id']))}>"
                   f"<data key=\"label\">{_x(n.get('label') or n['id'])}</data>"
                   f"<data key=\"type\">{_x(n.get('type') or '')}</data>"
                   f"<data key=\"in_index\">{'true' if n.get('in_index') else 'false'}</data></node>")
    for i, e in enumerate(graph.get("edges", [])):
        out.append(f"    <edge id=\"e{i}\" source={quoteattr(str(e['source']))} target={quoteattr(str(e['target']))}>"
                   f"<data key=\"relation\">{_x(e.get('relation', ''))}</data></edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def _x(s: Any) -> str:
    from xml.sax.saxutils import escape

    return escape(str(s))
