"""The dossier as one self-contained HTML file: no network request, article text always escaped.

The page's only script (expand and collapse, open everything for printing, open the
document a link points into) is inlined and allowed by its hash in the
Content-Security-Policy, so nothing else can run, whatever an article contains.
"""

from __future__ import annotations

import base64
import hashlib

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newstrace.dossier import Dossier
from newstrace.render.views import (aligned_passages, claim_views, copy_graph, document_spans, highlighted,
                                    people_and_groups, quote_traces, sharpest_conflicts, story_views, summary,
                                    timeline)

GRAPH_SIZE = 360

SCRIPT = """
(function () {
  function setAll(open) {
    document.querySelectorAll("details").forEach(function (d) { d.open = open; });
  }
  document.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  window.addEventListener("beforeprint", function () { setAll(true); });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
"""


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("newstrace.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render_html(dossier: Dossier) -> str:
    template = _environment().get_template("dossier.html.j2")
    claims = claim_views(dossier)
    nodes, edges = copy_graph(dossier, size=GRAPH_SIZE)
    spans = document_spans(dossier)
    return template.render(
        dossier=dossier.data,
        summary=summary(dossier),
        entities=people_and_groups(dossier),
        quotes=quote_traces(dossier),
        claims=claims,
        stories=story_views(dossier, claims),
        timeline=timeline(dossier, claims),
        conflicts=sharpest_conflicts(claims),
        passages=aligned_passages(dossier),
        graph_nodes=nodes,
        graph_edges=edges,
        graph_size=GRAPH_SIZE,
        highlights={d["id"]: highlighted(d["text"], spans.get((d["id"], "text"), [])) for d in dossier.documents},
        title_highlights={d["id"]: highlighted(d["title"], spans.get((d["id"], "title"), []))
                          for d in dossier.documents if d.get("title")},
        script=Markup(SCRIPT),
        script_hash=script_hash(SCRIPT),
    )
