"""`casus assess`, `casus defends`, `casus tour`: the scenario engine on the command line.

The answer comes first: a headline in words (``casus.law.headline``), then a compact table that fits
80 columns, then, on request, the details: --verbose for every reason with its article, codes and the
political step of each clause; --sources for the sources.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import (
    DATE_HELP,
    EXIT_BAD_INPUT,
    EXIT_PARTIAL,
    JsonOpt,
    OverlayOpt,
    busy,
    choice,
    console,
    day,
    handle_errors,
    load_kb,
    print_json,
    state_code,
)

STATUS_STYLE = {"applies": "[bold green]applies[/]", "does_not_apply": "[dim]does not apply[/]",
                "ambiguous": "[bold yellow]ambiguous[/]"}
TARGET_HELP = "What is attacked: territory, armed_forces, vessel, aircraft, cyber or space."
ACT_HELP = "The act: armed_attack, incursion or threat."
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Every reason with its article, state codes, "
                                                                  "and the political step of each clause.")]
SourcesOpt = Annotated[bool, typer.Option("--sources", help="List the sources of each clause shown.")]


def _not_party(f: Any) -> bool:
    return f.status == "does_not_apply" and any(r.condition == "party" and r.holds is False for r in f.reasons)


def render_findings(kb: Any, findings: Any, *, place: str, attacker: str, victim: str, verbose: bool = False,
                    sources: bool = False, place_sentence: str | None = None) -> None:
    """A compact table: clause, status, why (in words), states bound. The place sentence, which every
    finding's scope reason repeats, is stated once above the table (with --verbose)."""
    from rich.table import Table
    from rich.text import Text

    from casus.kb.words import clause_label, state_name
    from casus.law.headline import finding_why

    shown = [f for f in findings if not _not_party(f)]
    others = [f for f in findings if _not_party(f)]
    c = console(wrap=True)
    if verbose and place_sentence:
        c.print(f"[dim]Place:[/] {place_sentence}.", highlight=False)
    if shown:
        table = Table(show_lines=verbose, box=None, pad_edge=False, header_style="bold")
        table.add_column("Clause", ratio=3, overflow="fold")
        table.add_column("Status", no_wrap=True)
        table.add_column("Why" if not verbose else "Why (article)", ratio=5, overflow="fold")
        table.add_column("Bound", ratio=2, overflow="fold")
        for f in shown:
            label = clause_label(kb, f.clause, short=True) + (f"\n[dim]{f.clause}[/]" if verbose else "")
            bound = f.bound or f.bound_if_applies
            if verbose:
                deciding = [r for r in f.reasons if r.holds is not True] or [r for r in f.reasons
                                                                             if r.condition == "scope"][-1:]
                why = "\n".join(f"{r.plain or r.detail} [dim]({r.cite})[/]" for r in deciding)
                names = ", ".join(bound)
            else:
                if f.status == "applies":
                    why = "conditions met" if not any(r.condition == "scope" for r in f.reasons) else \
                        "inside the area it covers"
                else:
                    why = finding_why(kb, f, place=place, attacker=attacker, victim=victim, label=False)
                    if why.startswith(place + " "):  # the place is named once, in the headline
                        why = why.split(" ", len(place.split()) + 1)[-1].replace("the area the clause covers",
                                                                                   "the area it covers")
                names = ", ".join(state_name(kb, s, article=False) for s in bound) if len(bound) <= 3 \
                    else f"{len(bound)} states"
            if bound and f.status == "ambiguous":
                names = "if it applies: " + names
            table.add_row(label, STATUS_STYLE[f.status], why, names)
        c.print(table)
    if others and verbose:
        labels = ", ".join(clause_label(kb, f.clause, short=True) for f in others)
        c.print(f"[dim]Not a party that day, so these do not apply: {labels}.[/]")
    elif others:
        c.print(f"[dim]{len(others)} more clause{'s' if len(others) != 1 else ''} of treaties "
                f"{state_name(kb, victim)} was not party to that day do not apply (--verbose lists them).[/]")
    if verbose:
        for f in shown:
            if f.status != "does_not_apply":
                c.print(Text.assemble((f"{clause_label(kb, f.clause)}: ", "bold"), f.political_step))
    if sources:
        for f in shown:
            for s in f.sources:
                where = s.get("url") or s.get("citation") or ""
                by = f", {s['publisher']}" if s.get("publisher") else ""
                c.print(Text.assemble((f"{clause_label(kb, f.clause, short=True)}: ", "dim"),
                                      f"{s.get('title')}{by} {where}".strip()))
    for f in shown:
        if f.status == "does_not_apply" and f.dating is None:
            continue
        for note in f.life_notes(lambda code: state_name(kb, code)):
            c.print(Text.assemble((f"{clause_label(kb, f.clause, short=True)}: ", "yellow"), note))


def _headline(lines: Any) -> None:
    c = console(wrap=True)
    for x in lines:
        c.print(x.text, markup=False, style="bold")


def _political_note(verbose: bool) -> None:
    if not verbose:
        console(wrap=True).print("[dim]Whether allies act is a political decision; --verbose shows each clause's "
                                 "next step and every reason with its article, --sources the sources.[/]")


def _parse_at(at: str) -> Any:
    """'LAT,LON' (or 'LAT LON') is a point, anything else a place name; a decimal comma gets a hint."""
    from casus.errors import CoordinateError
    from casus.geo.hints import comma_hint

    hint = comma_hint(at)
    if hint:
        raise CoordinateError(f"--at: {at!r} is not a point", field="--at",
                              accepted="'LAT,LON' in degrees with decimal points, or a place name", hint=hint)
    parts = at.replace(",", " ").split()
    if len(parts) == 2:
        try:
            lat, lon = (float(x) for x in parts)
        except ValueError:
            return at
        return {"lat": lat, "lon": lon}
    return at


def _actor(kb: Any, value: str | None, field: str) -> str | None:
    if value is None:
        return None
    if value.strip().lower().startswith("nsa:"):
        return value
    return state_code(kb, value, field)


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def assess(
        file: Annotated[Path | None, typer.Argument(help="JSON or JSON Lines file of scenarios; '-' for stdin.",
                                                    dir_okay=False, metavar="FILE", show_default=False)] = None,
        by: Annotated[str | None, typer.Option("--by", "--attacker", metavar="STATE", help=(
            "Attacker: ISO code or name (PRK, North Korea), or nsa:<label> for a non-state attacker, the label "
            "being up to 120 printable characters."))] = None,
        on_state: Annotated[str | None, typer.Option("--on-state", "--victim", metavar="STATE",
                                                     help="Victim state: ISO code or name (default: whoever holds "
                                                          "the place).")] = None,
        at: Annotated[str | None, typer.Option("--at", "--place", metavar="PLACE",
                                               help="Place name, or 'LAT,LON'.")] = None,
        target: Annotated[str, typer.Option("--target", metavar="TARGET", help=TARGET_HELP)] = "territory",
        act: Annotated[str, typer.Option("--act", metavar="ACT", help=ACT_HELP)] = "armed_attack",
        on: Annotated[str | None, typer.Option("--on", "--date", metavar="DATE", help=DATE_HELP,
                                               show_default=False)] = None,
        cascade: Annotated[bool, typer.Option("--cascade/--no-cascade", help="Show the cascade.")] = True,
        verbose: VerboseOpt = False,
        sources: SourcesOpt = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
        jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON assessment per line.")] = False,
        detail: Annotated[bool, typer.Option("--detail", help=(
            "With --jsonl: the full document of each scenario (every clause in force with its reasons, articles, "
            "sources and political step; the place in full; the cascade graph) instead of the compact one. "
            "--json always gives the full documents."))] = False,
    ) -> None:
        """Assess an attack clause by clause: which clauses apply, why, and who is bound.

        Give the scenario with options (casus assess --by "North Korea" --at Guam --on 2017-11-02), or a JSON
        or JSON Lines file of scenarios ('-' for standard input). In a batch, bad lines are reported by line
        number on standard error with a summary line, and the good ones are still assessed; the exit code is
        then 3 (2 when no line is good or the input is empty).

        --jsonl lines are compact by default: the headline, the attack, the place (territory, sovereign,
        administrator), the clauses that apply or are ambiguous with their article and the states bound, the
        summary, and the cascade's rounds; --detail gives the full documents. --json gives the full documents.
        """
        from casus.errors import ScenarioError
        from casus.law.assess import Assessment, assess_many
        from casus.law.attack import ACTS, TARGETS, Attack, LineError, parse_jsonl

        kb = load_kb(overlay)
        errors: list[Any] = []
        batch = file is not None
        if batch:
            assert file is not None
            text = sys.stdin.read() if str(file) == "-" else _read(file)
            if not text.strip():
                raise ScenarioError(f"{'standard input' if str(file) == '-' else file} holds no scenario",
                                    field="file", accepted="one JSON object per line (JSON Lines), or a JSON "
                                                           "object or array")
            good, errors = parse_jsonl(text)
            numbered = good
        else:
            choice(target, TARGETS, "--target")
            choice(act, ACTS, "--act")
            if not (by and (at or target in ("cyber", "space"))):
                raise ScenarioError("give --by and --at (or a scenario file)", field="--by",
                                    accepted="--by 'North Korea' --at Guam --on 2017-11-02")
            when = day(on, "--on")
            place: Any = _parse_at(at) if at else None
            numbered = [(1, Attack.parse({"date": when, "attacker": _actor(kb, by, "--by"),
                                          "victim": _actor(kb, on_state, "--on-state"), "place": place,
                                          "target": target, "act": act}))]
        n = len(numbered)
        full = detail or not batch  # --jsonl: compact unless --detail; one scenario by options is always in full
        if jsonl:
            # stream: assess a chunk, write its lines, drop it - memory stays flat in the number of scenarios
            from casus.jsonio import dumps_plain

            assessed = 0
            line_of = _Lines(full, cascade)
            with busy(f"Assessing {n} scenario{'s' if n != 1 else ''}"):
                for start in range(0, n, JSONL_CHUNK):
                    chunk = numbered[start:start + JSONL_CHUNK]
                    results = assess_many(kb, [a for _, a in chunk], on_error="collect" if batch else "raise")
                    for k, ((line, _), r) in enumerate(zip(chunk, results, strict=True)):
                        if isinstance(r, Assessment):
                            sys.stdout.write(line_of(r))
                            assessed += 1
                        else:
                            errors.append(LineError(line, r))
                        results[k] = None  # written: its findings and cascade can go
                    del results
            errors.sort(key=lambda e: e.line)
            for e in errors:
                sys.stdout.write(dumps_plain(e.to_dict()) + "\n")
            if batch:
                _batch_summary(assessed, errors)
            return
        docs: list[dict[str, Any]] = []
        with busy(f"Assessing {n} scenario{'s' if n != 1 else ''}"):
            results = assess_many(kb, [a for _, a in numbered], on_error="collect" if batch else "raise")
            if as_json:
                # --json keeps its full documents (its output only ever gains fields); compact is --jsonl's
                docs = [r.to_dict(with_cascade=cascade, detail=True) for r in results if isinstance(r, Assessment)]
        for (n, _), r in zip(numbered, results, strict=True):
            if not isinstance(r, Assessment):
                errors.append(LineError(n, r))
        errors.sort(key=lambda e: e.line)
        ok = [r for r in results if isinstance(r, Assessment)]
        if as_json:
            from casus.jsonio import dumps_plain

            doc = docs[0] if not batch and docs else {"assessments": docs, "errors": [e.to_dict() for e in errors]}
            sys.stdout.write(dumps_plain(doc, indent=2) + "\n")
        else:
            _show_assessments(kb, ok, cascade=cascade, verbose=verbose, sources=sources)
        if batch:
            if not as_json:
                err = console(stderr=True)
                for e in errors:
                    err.print(f"[red]line {e.line}:[/] ", end="")
                    err.print(e.error.message, markup=False)
            _batch_summary(len(ok), errors)

    @app.command()
    @handle_errors
    def defends(
        places: Annotated[list[str], typer.Argument(help="Place names, or LAT,LON pairs.", metavar="PLACE...")],
        on: Annotated[str | None, typer.Option("--on", metavar="DATE", help=DATE_HELP, show_default=False)] = None,
        target: Annotated[str, typer.Option("--target", metavar="TARGET", help=(
            "What is attacked there: territory, armed_forces, vessel or aircraft."))] = "territory",
        verbose: VerboseOpt = False,
        sources: SourcesOpt = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Who is bound to defend PLACE on a date against an armed attack by a state outside every treaty."""
        from casus.kb.words import capital, state_name, with_article
        from casus.law.defends import defends_many
        from casus.law.findings import place_words
        from casus.law.headline import defence_lines, place_name

        choice(target, ("territory", "armed_forces", "vessel", "aircraft"), "--target")
        when = day(on, "--on")
        kb = load_kb(overlay)
        parsed: list[Any] = []
        for p in places:
            pt = _parse_at(p)
            parsed.append((pt["lat"], pt["lon"]) if isinstance(pt, dict) else p)
        results = defends_many(kb, parsed, when, target)
        if as_json:
            docs = [d.to_dict() for d in results]
            print_json(docs[0] if len(docs) == 1 else docs)
            return
        c = console(wrap=True)
        for i, d in enumerate(results):
            a = d.assessment
            pl = a.place_dict or {}
            if i:
                c.print()
            holder = state_name(kb, a.victim)
            c.print(f"[bold]Who defends {with_article(place_name(pl))} ({holder}) on {a.attack.date.isoformat()}"
                    + (f", target {target.replace('_', ' ')}" if target != "territory" else "") + "[/]")
            _headline(defence_lines(kb, d))
            render_findings(kb, a.findings, place=capital(with_article(place_name(pl))), attacker=a.attack.attacker,
                            victim=a.victim, verbose=verbose, sources=sources,
                            place_sentence=place_words(kb, pl, target))
        _political_note(verbose)

    @app.command()
    @handle_errors
    def tour(
        verbose: VerboseOpt = False,
        sources: SourcesOpt = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Answer, with findings and citations, the questions of a 2017 analysis of NATO's turn to Asia."""
        from casus.law.tour import run_tour

        kb = load_kb(overlay)
        answers = run_tour(kb)
        if as_json:
            print_json([a.to_dict() for a in answers])
            return
        c = console(wrap=True)
        for ans in answers:
            c.print(f"\n[bold]{ans.question}[/]")
            c.print(ans.answer, markup=False)
            if verbose:
                for name, findings in ans.shown:
                    c.print(f"[bold]{name}[/]")
                    render_findings(kb, findings, place="The place", attacker="", victim="", verbose=True)
            if sources:
                for s in ans.sources:
                    c.print(f"[dim]Source: {s}[/]")
        c.print("\n[dim]casus reports what the treaties say. Whether allies act is a political decision "
                "(for NATO: the North Atlantic Council, then each ally's choice of means). --verbose shows "
                "the findings, --sources the sources.[/]")


JSONL_CHUNK = 200  # scenarios assessed and written at a time by ``casus assess FILE --jsonl``
CASCADE_TEXTS = 4096  # encoded cascades kept by ``casus assess FILE --jsonl`` before it starts afresh


class _Lines:
    """One assessment as a JSON line, the cascade encoded once for all the scenarios that share it.

    Scenarios that share the day, the attacker, the victim and the clauses engaged share one cascade object
    (see :func:`casus.law.cascade.cascade`); its text is spliced in as the document's last field, which gives
    the bytes ``dumps_plain(a.to_dict(...))`` gives.
    """

    def __init__(self, detail: bool, cascade: bool) -> None:
        self.detail = detail
        self.cascade = cascade
        self._texts: dict[int, tuple[Any, str]] = {}

    def __call__(self, a: Any) -> str:
        from casus.jsonio import dumps_plain

        text = dumps_plain(a.to_dict(with_cascade=False, detail=self.detail))
        if not self.cascade:
            return text + "\n"
        c = a.cascade
        got = self._texts.get(id(c))
        if got is None or got[0] is not c:
            if len(self._texts) >= CASCADE_TEXTS:
                self._texts.clear()
            got = (c, dumps_plain(c.to_dict(detail=self.detail)))
            self._texts[id(c)] = got
        return f'{text[:-1]}, "cascade": {got[1]}}}\n'


def _batch_summary(ok: int, errors: list[Any]) -> None:
    """The batch summary line on standard error; exit 3 (some bad lines) or 2 (no good line) on errors."""
    console(stderr=True).print(
        f"assessed {ok} scenario{'s' if ok != 1 else ''}; {len(errors)} bad line{'s' if len(errors) != 1 else ''}"
        + (f" ({', '.join(str(e.line) for e in errors[:10])}{', ...' if len(errors) > 10 else ''})"
           if errors else ""), markup=False)
    if errors:
        raise typer.Exit(EXIT_PARTIAL if ok else EXIT_BAD_INPUT)


def _show_assessments(kb: Any, ok: list[Any], *, cascade: bool, verbose: bool, sources: bool) -> None:
    from casus.kb.words import capital, with_article
    from casus.law.findings import place_words
    from casus.law.headline import assessment_lines, place_name, scenario_title

    c = console(wrap=True)
    for i, r in enumerate(ok):
        if i:
            c.print()
        a = r.attack
        c.print(f"[bold]{a.id + ': ' if a.id else ''}{scenario_title(kb, r)}[/]")
        _headline(assessment_lines(kb, r))
        place = capital(with_article(place_name(r.place_dict))) if r.place_dict else "The target"
        render_findings(kb, r.findings, place=place, attacker=a.attacker, victim=r.victim, verbose=verbose,
                        sources=sources, place_sentence=place_words(kb, r.place_dict, a.target)
                        if r.place_dict else None)
        if r.control is not None and r.control["rule"] == "status_quo_ante":
            c.print(f"[bold]Control used:[/] {r.control['reason']}")
        if cascade and r.applies:
            _print_cascade(kb, r.cascade, verbose)
    if ok:
        _political_note(verbose)


def _read(path: Path) -> str:
    from casus.errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", field="file", accepted="a UTF-8 JSON or JSONL file") from exc


def _print_cascade(kb: Any, c: Any, verbose: bool) -> None:
    from casus.kb.words import state_name

    con = console(wrap=True)
    con.print("[bold]Cascade[/] (stylised: each bound state assumed to act against the other side):")

    def names(codes: Any) -> str:
        return ", ".join(codes) if verbose else ", ".join(state_name(kb, x, article=False) for x in codes)

    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for i, r in enumerate(c.rounds, start=1):
        grid.add_row(f"  round {i}:", names(r) if r else "nothing new")
    if c.conflicts:
        grid.add_row("  bound on both sides:", names(c.conflicts))
    con.print(grid)
