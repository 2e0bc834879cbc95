"""The dossier as Markdown, for newsroom documents and issue trackers."""

from __future__ import annotations

from newstrace.dossier import Dossier
from newstrace.render.views import (ClaimView, aligned_passages, claim_views, people_and_groups, quote_traces,
                                    sharpest_conflicts, story_views, summary)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _claim_lines(c: ClaimView, heading: str) -> list[str]:
    origins = f": {', '.join(_cell(o) for o in c.origins)}" if c.origins else ""
    out = [f"{heading} {c.id} ({_cell(c.label)}): {c.independent_sources} independent source(s){origins}", "",
           f"> {_cell(c.statement)}", ""]
    if c.where:
        out.append(f"- where: {_cell(', '.join(c.where))}")
    if c.when:
        out.append(f"- when: {c.when['earliest']}" + (f" to {c.when['latest']}" if c.when["latest"] != c.when["earliest"]
                                                     else ""))
    if c.figures:
        out.append(f"- figures: lowest {c.figures['low']}, median {c.figures['best']}, highest "
                   f"{c.figures['high']} over {c.figures['reports']} reports"
                   + ("" if c.figures["compatible"] else "; they cannot all be true"))
    out += [f"- **{k['kind']}**: {_cell(k['detail'])}" for k in c.conflicts]
    out += [f"- {_cell(line)}" for line in c.independence]
    out += ["", "| document | stance | source | sentence |", "|---|---|---|---|"]
    for m in c.mentions:
        sentence = "".join(f"**{_cell(s.text)}**" if s.kinds else _cell(s.text) for s in m["evidence"])
        out.append(f"| {_where(m)} {_cell(m['outlet'] or '')} | {m['stance']} | "
                   f"{_cell(m['source_label'])}{_path(m)} | {sentence} |")
    out.append("")
    return out


def render_markdown(dossier: Dossier) -> str:
    s = summary(dossier)
    out = [
        "# Evidence dossier",
        "",
        f"{s.documents} documents from {len(s.outlets)} outlets"
        + (f" ({', '.join(_cell(o) for o in s.outlets)})" if s.outlets else "") + ".",
        "",
    ]
    claims = claim_views(dossier)
    if claims:
        out += [f"{len(claims)} claims; the best-sourced has {claims[0].independent_sources} independent source(s).", ""]
    conflicts = sharpest_conflicts(claims)
    if conflicts:
        out += ["Sharpest conflicts:", ""]
        out += [f"- **{k['kind']}** ({c.id}): {_cell(k['detail'])}" for c, k in conflicts]
        out.append("")
    out += [
        "## Documents",
        "",
        "| id | outlet | title | published | source |",
        "|---|---|---|---|---|",
    ]
    for d in dossier.documents:
        out.append(f"| {d['id']} | {_cell(d['outlet'])} | {_cell(d['title'])} | {_cell(d['published'])} | {_cell(d['source'])} |")
    entities = people_and_groups(dossier)
    if entities:
        out += ["", "## People, organisations and places", "",
                "| name | type | also written | roles | mentions | documents |", "|---|---|---|---|---|---|"]
        for e in entities:
            variants = "; ".join(f"{_cell(v['text'])} ({_cell(v['note'])}, {v['count']}×)" for v in e.get("variants", []))
            out.append(f"| {_cell(e['name'])} | {e['type']} | {variants} | {_cell('; '.join(e.get('roles', [])))} | "
                       f"{len(e.get('mentions', []))} | {', '.join(e.get('documents', []))} |")
    if claims:
        out += ["", "## Claims and their independent sources", "",
                "Claims are linked within a story: the documents that tell of one happening.", ""]
        stories = story_views(dossier, claims)
        if len(stories) > 1:
            out += ["| story | names | documents | claims | first title |", "|---|---|---|---|---|"]
            out += [f"| {st.id} | {_cell(', '.join(st.names))} | {len(st.documents)} | {len(st.claims)} | "
                    f"{_cell(st.title)} |" for st in stories]
            for st in stories:
                out += ["", f"### Story {st.id}: {_cell(', '.join(st.names) or 'no names')}", "",
                        f"Documents: {', '.join(st.documents)}.", ""]
                for c in st.claims:
                    out += _claim_lines(c, "####")
        else:
            for c in claims:
                out += _claim_lines(c, "###")
    traces = quote_traces(dossier)
    if traces:
        out += ["", "## Quotes and how they travel", "",
                "Each version against the fullest one: words it added are in **bold**, words it left out ~~struck~~.", ""]
        for t in traces:
            out.append(f"### {t.id}: “{_cell(t.canonical)}”")
            out.append("")
            for f in t.flags:
                left_out = f" Left out: {', '.join('“' + _cell(w) + '”' for w in f['deleted'])}." if f["deleted"] else ""
                out.append(f"- **{f['kind'].replace('_', ' ')}**: {_cell(f['detail'])}.{left_out}")
            if t.first:
                out.append(f"- first published in {t.first['document']} ({t.first['published']})")
            out += ["", "| document | speaker | words |", "|---|---|---|"]
            for v in t.versions:
                words = " ".join(f"**{_cell(p)}**" if op == "ins" else f"~~{_cell(p)}~~" if op == "del" else _cell(p)
                                 for p, op in v.diff)
                said = _cell(v.speaker or "unknown") + (f" ({_cell(v.cue)}" + (f", {_cell(v.via)}" if v.via else "") + ")"
                                                       if v.cue else "")
                out.append(f"| {_where({'document': v.document, 'field': v.field})} {_cell(v.outlet or '')} | "
                           f"{said} | {words} |")
            out.append("")
    if dossier["reuse"]:
        out += ["", "## Copied passages", ""]
        for f in dossier.data.get("families", []):
            origin = f" (earliest: {f['origin']})" if f["origin"] else ""
            out.append(f"- Copy family {f['id']}: {', '.join(f['documents'])}{origin}, one source.")
        out += ["", "| a | b | kind | similarity | direction |", "|---|---|---|---|---|"]
        for r in dossier["reuse"]:
            out.append(f"| {r['a']['document']} {r['a']['start']}-{r['a']['end']} | {r['b']['document']} "
                       f"{r['b']['start']}-{r['b']['end']} | {r['kind']} | {r['similarity']:.2f} | "
                       f"{r['direction']} {_cell(r.get('evidence'))} |")
        out += ["", "Each copied passage, word by word: ~~left out~~ by the second document, **added** by it.", ""]
        for p in aligned_passages(dossier):
            words = " ".join(f"~~{_cell(w)}~~" if op == "del" else f"**{_cell(w)}**" if op == "ins" else _cell(w)
                             for w, op in p.pieces)
            out += [f"- {p.a['document']} ↔ {p.b['document']} ({p.kind}): {words}"]
    if dossier["flags"]:
        out += ["", "## Flags", ""]
        for f in dossier["flags"]:
            where = f" {_where(f)}" if f.get("document") else ""
            quoted = f" “{_cell(f['text'])}”" if f.get("text") else ""
            out.append(f"- **{f['kind'].replace('_', ' ')}**{where}{quoted}: {_cell(f.get('detail'))}")
    if s.skipped or s.duplicates:
        out += ["", "## Inputs not analysed", ""]
        out += [f"- `{_cell(x['source'])}`: {_cell(x['reason'])}" for x in s.skipped]
        out += [f"- `{_cell(x['source'])}`: same text as {x['same_as']}" for x in s.duplicates]
    out += ["", f"_Generated by newstrace {dossier.data.get('generator', {}).get('version', '')} "
                f"at {dossier.data['generated_at']}._", ""]
    return "\n".join(out)


def _path(mention: dict) -> str:
    """How a claim passed from source to source reached the document, where it did: "doc-5 → cites …"."""
    return f"<br>{_cell(mention['source_path'])}" if mention.get("source_via") and mention.get("source_path") else ""


def _where(record: dict) -> str:
    """The document a span is in, and "(headline)" where it is in the title."""
    return record["document"] + (" (headline)" if record.get("field") == "title" else "")
