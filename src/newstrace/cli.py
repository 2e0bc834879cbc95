"""The command line: parse, call the library, turn domain errors into clear messages."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from newstrace.dossier import dossier_schema, load_dossier, write_atomic
from newstrace.nlp.extract import WorkerDied
from newstrace.nlp.models import ModelError
from newstrace.render import FILE_FORMATS, FORMATS, format_for_path, render, write_file
from newstrace.settings import Settings, SettingsError
from newstrace.store import LedgerError

# How the quotes table shows a version's words against the fullest version.
_DIFF_STYLE = {"same": "{}", "ins": "[bold reverse]{}[/]", "del": "[strike dim]{}[/]"}

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEMO_EVENT = "kessel-valley"


def _settings(config: str | None, **overrides) -> Settings:
    base = Settings.from_toml(config) if config else Settings()
    return base.with_overrides(**overrides)


def _read_url_list(path: str | None) -> list[str]:
    if not path:
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _progress_bar(enabled: bool) -> tuple[Callable | None, Callable[[], None]]:
    """A rich progress bar on an interactive terminal; nothing in CI logs or pipes."""
    if not enabled or not sys.stderr.isatty() or os.environ.get("CI"):
        return None, lambda: None
    from rich.progress import Progress

    bar = Progress(transient=True, console=None)
    bar.start()
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)

    return update, bar.stop


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newstrace")
def cli() -> None:
    """newstrace turns a pile of news articles into an evidence dossier.

    \b
    Example:
      newstrace analyze coverage/ -o dossier.html
    """


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", type=click.Path(), help="Write the dossier here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the -o file name, else json): json is the dossier; html and md are "
                   "reports; claimreview (schema.org), prov (W3C PROV-O) and annotations (W3C Web Annotation) "
                   "are JSON-LD exports; sqlite (-o dossier.db) is tables for Datasette and SQL, csv the same tables "
                   "as a folder of CSV files (or -o tables.zip).")
@click.option("--db", type=click.Path(dir_okay=False), help="SQLite ledger to keep documents and extractions in across runs.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="TOML settings file.")
@click.option("--urls", "urls_file", type=click.Path(exists=True, dir_okay=False), help="File with one URL per line to fetch.")
@click.option("--jobs", type=int, help="Parallel extraction processes (default: all cores).")
@click.option("--max-document-bytes", type=int, help="Skip articles larger than this (default 5,000,000).")
@click.option("--allow-private", is_flag=True, default=None, help="Allow fetching URLs on private or loopback addresses.")
@click.option("--no-merge", is_flag=True, help="Keep every spelling of a name as its own entity.")
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def analyze(paths, output, fmt, db, config, urls_file, jobs, max_document_bytes, allow_private, no_merge, timings,
            quiet):
    """Analyse articles (files, folders, URLs) and write the evidence dossier.

    Reads plain text, HTML, WARC(.gz), RSS/Atom and JSON Lines, recursing into
    folders. Files that cannot be read are skipped with a warning naming them.

    \b
    Examples:
      newstrace analyze coverage/ -o dossier.html
      newstrace analyze coverage/ --format json > dossier.json
      newstrace analyze coverage/ --format claimreview -o claims.jsonld
      newstrace analyze coverage/ -o dossier.db          (tables: datasette dossier.db)
      newstrace analyze coverage/ -o tables.zip          (the same tables as CSV)
      newstrace analyze --db story.db new-articles/ -o dossier.html
      newstrace analyze https://example.org/story --urls more-urls.txt -o dossier.md
    """
    from newstrace.pipeline.local import run

    try:
        settings = _settings(config, jobs=jobs, max_document_bytes=max_document_bytes, allow_private=allow_private,
                             entity_merge=False if no_merge else None)
        inputs = list(paths) + _read_url_list(urls_file)
        if not inputs:
            raise click.UsageError("give at least one file, folder or URL to analyse")
        fmt = fmt or (format_for_path(output) if output else "json")
        _need_output(fmt, output)
        progress, stop = _progress_bar(not quiet)
        try:
            result = run(inputs, settings, db=db, progress=progress)
        finally:
            stop()
    except (SettingsError, ModelError, LedgerError, WorkerDied, OSError) as exc:
        raise click.ClickException(str(exc)) from exc

    report = result.report
    for skipped in report.skipped:
        click.echo(f"warning: skipped {skipped.source}: {skipped.reason}", err=True)
    if not result.dossier.documents:
        click.echo("error: no document could be analysed; nothing was written.", err=True)
        sys.exit(2)

    _emit(result.dossier, fmt, output)
    if not quiet:
        _print_summary(result, output)
    if timings:
        for stage, seconds in result.timings.items():
            click.echo(f"  {stage:<14} {seconds:8.2f} s", err=True)


def _print_summary(result, output: str | None) -> None:
    report, counts = result.report, result.dossier.counts()
    lines = [
        f"Read {len(report.documents)} document(s); the dossier covers {counts['documents']}"
        + (f" ({result.new_documents} new to the ledger)" if counts["documents"] != len(report.documents) else "") + ".",
    ]
    if report.duplicates:
        lines.append(f"{len(report.duplicates)} input(s) had the same text as another and were merged.")
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} input(s); see the warnings above.")
    found = ", ".join(f"{counts[k]} {k.replace('_', ' ')}" for k in ("entities", "quotes", "claims", "reuse", "flags"))
    lines.append(f"Found {found}.")
    if output:
        lines.append(f"Dossier written to {output}")
    click.echo("\n".join(lines), err=True)


@cli.command()
@click.option("--output", "-o", "out_dir", default="demo-output", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the example dossier (HTML, Markdown, JSON).")
@click.option("--jobs", type=int, help="Parallel extraction processes (default: all cores).")
def demo(out_dir, jobs):
    """Analyse the bundled example coverage and write its dossier.

    \b
    Example:
      newstrace demo --output demo-output
    """
    from newstrace.pipeline.local import run

    corpus = EXAMPLES / DEMO_EVENT / "coverage"
    if not corpus.is_dir():
        raise click.ClickException(f"the example coverage is not here ({corpus}); run from a source checkout")
    try:
        result = run([str(corpus)], _settings(None, jobs=jobs))
    except (ModelError, LedgerError) as exc:
        raise click.ClickException(str(exc)) from exc
    out = Path(out_dir)
    for fmt, name in (("json", "dossier.json"), ("md", "dossier.md"), ("html", "dossier.html")):
        write_atomic(out / name, render(result.dossier, fmt))
    _print_summary(result, None)
    click.echo(f"The example dossier is at {out / 'dossier.html'} (also dossier.md and dossier.json there).")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-words", type=int, help="Shared words outside quotation marks for a passage to count (default 25).")
def reuse(paths, fmt, min_words):
    """Find passages copied between articles, or repeated inside one.

    \b
    Examples:
      newstrace reuse coverage/
      newstrace reuse coverage/ --format json > reuse.json
    """
    import json

    from newstrace.dossier import reuse_records
    from newstrace.ingest import ingest
    from newstrace.link.reuse import find_reuse

    try:
        settings = _settings(None, reuse_min_words=min_words)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    report = ingest(paths, settings)
    for skipped in report.skipped:
        click.echo(f"warning: skipped {skipped.source}: {skipped.reason}", err=True)
    docs = report.documents
    if not docs:
        click.echo("error: no document could be read.", err=True)
        sys.exit(2)
    passages = find_reuse([d.text for d in docs], [d.published for d in docs], [d.outlet for d in docs], settings)
    records = reuse_records(passages, docs)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} reused passage(s) among {len(docs)} document(s)")
    for column in ("document a", "chars", "document b", "chars", "kind", "similarity", "direction"):
        table.add_column(column)
    for r in records:
        arrow = {"a_to_b": "a → b", "b_to_a": "b → a", "internal": "repeat"}.get(r["direction"], "?")
        table.add_row(r["a"]["source"], f"{r['a']['start']}-{r['a']['end']}", r["b"]["source"],
                      f"{r['b']['start']}-{r['b']['end']}", r["kind"], f"{r['similarity']:.2f}",
                      f"{arrow} {r['evidence']}".strip())
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--flagged", is_flag=True, help="Only quotes that are altered, truncated, misattributed or translated.")
@click.option("--db", type=click.Path(dir_okay=False), help="SQLite ledger to keep documents and extractions in across runs.")
def quotes(paths, fmt, flagged, db):
    """Trace every quote across the articles: who said it, where, and what changed.

    \b
    Examples:
      newstrace quotes coverage/
      newstrace quotes coverage/ --flagged
      newstrace quotes coverage/ --format json > quotes.json
    """
    import json

    from newstrace.pipeline.local import run
    from newstrace.render.views import quote_traces

    try:
        result = run(list(paths), _settings(None), db=db)
    except (SettingsError, ModelError, LedgerError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    for skipped in result.report.skipped:
        click.echo(f"warning: skipped {skipped.source}: {skipped.reason}", err=True)
    if not result.dossier.documents:
        click.echo("error: no document could be read.", err=True)
        sys.exit(2)
    traces = [t for t in quote_traces(result.dossier) if t.flags or not flagged]
    sources = {d["id"]: d["source"] for d in result.dossier.documents}
    if fmt == "json":
        records = [{"cluster": t.id, "canonical": t.canonical, "flags": t.flags, "first": t.first,
                    "versions": [{"quote": v.id, "document": v.document, "source": sources[v.document],
                                  "outlet": v.outlet, "published": v.published, "speaker": v.speaker,
                                  "cue": v.cue, "via": v.via, "words": v.words}
                                 for v in t.versions]} for t in traces]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(width=200 if not sys.stdout.isatty() else None)
    console.print(f"{len(traces)} utterance(s) in {len(result.dossier.documents)} document(s)")
    for t in traces:
        table = Table(title=f"{t.id}: “{escape(t.canonical)}”", title_justify="left", show_lines=False)
        for column in ("document", "speaker", "words"):
            table.add_column(column)
        for v in t.versions:
            words = " ".join(_DIFF_STYLE[op].format(escape(p)) for p, op in v.diff)
            table.add_row(f"{v.document} {escape(v.outlet or Path(sources[v.document]).name)}",
                          escape(v.speaker or "unknown") + (f" ({escape(v.cue)})" if v.cue else ""), words)
        console.print(table)
        for f in t.flags:
            console.print(f"  [bold]{f['kind'].replace('_', ' ')}[/]: {escape(f['detail'])}")


@cli.command()
@click.argument("claim")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def check(claim, paths, fmt):
    """Check one claim against articles: which support, deny, discuss or ignore it.

    \b
    Examples:
      newstrace check "More than 60 activists were detained in Dravo" coverage/
      newstrace check "Two detainees died in custody" coverage/ --format json
    """
    import json

    from newstrace.check import check as check_claims
    from newstrace.check import independent_supporters, read_documents

    settings = _settings(None)
    try:
        documents, skipped = read_documents(list(paths), settings)
        for s in skipped:
            click.echo(f"warning: skipped {s.source}: {s.reason}", err=True)
        if not documents:
            click.echo("error: no document could be read.", err=True)
            sys.exit(2)
        results = check_claims(claim, documents, settings)
    except (ModelError, OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    independent = independent_supporters(results, documents, settings)
    if fmt == "json":
        click.echo(json.dumps({
            "claim": claim, "independent_supporting_sources": independent,
            "results": [{"document": r.document, "stance": r.stance, "confidence": r.confidence,
                         "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in r.evidence]}
                        for r in results]}, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"“{escape(claim)}”", title_justify="left")
    for column in ("document", "stance", "confidence", "closest sentence"):
        table.add_column(column)
    order = {"supports": 0, "denies": 1, "discusses": 2, "unrelated": 3}
    for r in sorted(results, key=lambda r: (order[r.stance], -r.confidence)):
        table.add_row(escape(r.document), r.stance, f"{r.confidence:.2f}",
                      escape(r.evidence[0].text[:160]) if r.evidence else "")
    console = Console(width=200 if not sys.stdout.isatty() else None)
    console.print(table)
    counts = {k: sum(r.stance == k for r in results) for k in order}
    console.print(", ".join(f"{v} {k}" for k, v in counts.items())
                  + f"; the supporters are {independent} independent source(s) once copies are counted once.")


@cli.command("render")
@click.argument("dossier_file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(), help="Write here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the -o file name, else md).")
def render_command(dossier_file, output, fmt):
    """Render a dossier JSON file as a report, an export or tables without analysing again.

    \b
    Example:
      newstrace render dossier.json -o dossier.html
    """
    fmt = fmt or (format_for_path(output) if output else "md")
    _need_output(fmt, output)
    try:
        dossier = load_dossier(dossier_file)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    _emit(dossier, fmt, output)


def _need_output(fmt: str, output: str | None) -> None:
    """Say before any work is done when the output cannot be written as asked."""
    if fmt in FILE_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} writes files: give -o (a .db file for sqlite; a folder or a .zip for csv)")
    if output and Path(output).is_dir() and fmt != "csv":
        raise click.UsageError(f"-o {output} is a folder: only --format csv writes into a folder")


def _emit(dossier, fmt: str, output: str | None) -> None:
    """Write the dossier in ``fmt`` to ``output`` (whole or not at all), or to standard output."""
    if fmt in FILE_FORMATS:
        write_file(dossier, fmt, output)
        return
    text = render(dossier, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("dossier_file", type=click.Path(exists=True, dir_okay=False))
def validate(dossier_file):
    """Check a dossier JSON file against the published schema and the offset rule.

    \b
    Example:
      newstrace validate dossier.json
    """
    import jsonschema

    from newstrace.validation import offset_errors

    try:
        dossier = load_dossier(dossier_file)
        dossier.validate()
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    except jsonschema.ValidationError as exc:
        raise click.ClickException(f"schema violation at {'/'.join(map(str, exc.absolute_path))}: {exc.message}") from exc
    problems = offset_errors(dossier)
    if problems:
        raise click.ClickException("offsets do not match the text:\n" + "\n".join(problems[:20]))
    click.echo(f"{dossier_file}: valid newstrace dossier ({len(dossier.documents)} documents)")


@cli.command()
def schema():
    """Print the dossier's JSON Schema.

    \b
    Example:
      newstrace schema > dossier.schema.json
    """
    import json

    click.echo(json.dumps(dossier_schema(), indent=2))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Folder for dossier.json and the Parquet tables.")
@click.option("--master", help="Spark master URL (default: the one spark-submit gives, else local[*]).")
@click.option("--partitions", type=int, help="Partitions for reading and extraction (default: Spark's parallelism).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="TOML settings file.")
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
def spark(paths, output, master, partitions, config, timings):
    """Run the pipeline on Apache Spark: dossier.json plus Parquet tables in OUTPUT.

    Reading and extraction run on the executors (one spaCy load per partition); the
    driver links the documents. Inputs are folders, files (text, HTML, WARC including
    Common Crawl News WARCs, feeds, JSON Lines) or URLs, and must be readable from every
    executor (a shared file system on a cluster). Needs `pip install 'newstrace[spark]'`
    and Java 17.

    \b
    Examples:
      newstrace spark coverage/ --output out/
      spark-submit --master spark://head:7077 $(which newstrace) spark /shared/cc-news/ --output /shared/out/
    """
    try:
        from newstrace.pipeline.spark import run_spark, spark_session
    except ImportError as exc:  # pragma: no cover - the message is the point
        raise click.ClickException(f"pyspark is not installed: pip install 'newstrace[spark]' ({exc})") from exc
    try:
        settings = _settings(config)
        session = spark_session(master or None)
        dossier, stage_times = run_spark(list(paths), settings, session, output=output, partitions=partitions)
    except ImportError as exc:
        raise click.ClickException(f"pyspark is not installed: pip install 'newstrace[spark]' ({exc})") from exc
    except (SettingsError, ModelError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    for skipped in dossier.data.get("skipped", []):
        click.echo(f"warning: skipped {skipped['source']}: {skipped['reason']}", err=True)
    if not dossier.documents:
        click.echo("error: no document could be analysed; nothing was written.", err=True)
        sys.exit(2)
    counts = dossier.counts()
    click.echo(f"{counts['documents']} document(s), {counts['claims']} claims, {counts['quotes']} quotes. "
               f"Wrote {Path(output) / 'dossier.json'} and Parquet tables (documents, quotes, mentions, reuse).",
               err=True)
    if timings:
        for stage, seconds in stage_times.items():
            click.echo(f"  {stage:<14} {seconds:8.2f} s", err=True)


def main() -> None:
    cli(prog_name="newstrace")


if __name__ == "__main__":
    main()
