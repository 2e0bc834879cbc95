"""Independence: how many sources stand behind a claim once copies and shared attributions collapse.

Each supporting mention has an origin:

- the named person or organisation it is attributed to (entity names, so four articles
  citing one newspaper are one source, whatever they call it); where that source is not
  named but the text says who passed the claim on ("the Courier, citing two officials"),
  the one who passed it on;
- otherwise (the outlet's own voice, or an unnamed source such as "monitors say"), the
  outlet itself, or its copy family when it copied from another article. An unsourced
  account counts only when it is not later than the first named attribution of the claim:
  a later one may retell the named source, and nothing shows that it does not.

A headline adds no source of its own to a claim its article's body reports: it sums up
that body, whose sources count.
"""

from __future__ import annotations

from collections import defaultdict


def independent_origins(support: list[int], refs, labels, family_of: dict[int, str],
                        outlets) -> tuple[dict[str, list[int]], dict[int, str]]:
    """(origin -> the mentions that count toward it, mention -> why it adds no source)."""
    named_dates = [refs[m].published[:10] for m in support if _origin_named(refs[m]) and refs[m].published]
    named_any = any(_origin_named(refs[m]) for m in support)
    first_named = min(named_dates) if named_dates else None
    origins: dict[str, list[int]] = defaultdict(list)
    not_counted: dict[int, str] = {}
    in_body = {labels[refs[m].document] for m in support if not refs[m].in_headline}
    for m in support:
        ref = refs[m]
        if ref.in_headline and labels[ref.document] in in_body:
            not_counted[m] = "the headline of an article whose body reports it"
            continue
        if _origin_named(ref):
            origins[_origin_named(ref)].append(m)
            continue
        date = (ref.published or "")[:10]
        own = family_of.get(ref.document) or outlets[ref.document] or labels[ref.document]
        if (first_named and date and date <= first_named) or not named_any:
            origins[own].append(m)
        elif first_named and date:
            not_counted[m] = f"unsourced, published {date}, after the claim was attributed on {first_named}"
        else:
            not_counted[m] = "unsourced and undated, while other reports name a source"
    return dict(origins), not_counted


def _origin_named(ref) -> str | None:
    return ref.source_name or ref.via_name
