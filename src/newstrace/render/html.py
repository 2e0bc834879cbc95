"""The dossier as one self-contained HTML file: no network request, article text always escaped."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from newstrace.dossier import Dossier
from newstrace.render.views import claim_views, people_and_groups, quote_traces, summary


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("newstrace.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(dossier: Dossier) -> str:
    template = _environment().get_template("dossier.html.j2")
    return template.render(
        dossier=dossier.data,
        summary=summary(dossier),
        entities=people_and_groups(dossier),
        quotes=quote_traces(dossier),
        claims=claim_views(dossier),
    )
