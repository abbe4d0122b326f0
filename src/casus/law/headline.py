"""The answer first: one or two sentences with names that sum up an assessment.

A reader (a journalist, a student) should be able to quote the first lines of ``casus assess`` or
``casus defends`` without reading a table of clause ids. The sentences are built here, from the
findings and the knowledge base's own names, so that the command line, the HTTP API and the web map
say the same thing. Only defence clauses count towards "bound to defend"; consultation clauses are
named in a sentence of their own, and a clause of a treaty the attacked state is not party to is not
mentioned (it could never have bound anyone).

>>> import casus
>>> kb = casus.open()
>>> a = kb.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}})
>>> print(assessment_headline(kb, a).splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
NATO Article 5, SEATO Article IV(1) and US-Japan Security Treaty Article V do not apply:
Guam lies outside the area each covers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casus.kb.words import capital, clause_label, is_plural, join, state_name, treaty_short, with_article
from casus.law.findings import dating_words

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.law.assess import Assessment
    from casus.law.defends import Defence
    from casus.law.findings import Finding, Reason

#: above this many states a group is counted, not named
MOST_NAMED = 4
_TRAILING_PAREN = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\.?$")
#: a sentence ends at a full stop before a capital, unless the word before it is an abbreviation
_SENTENCE_END = re.compile(r"(?<!\bArt)(?<!\bArts)(?<!\bNo)(?<!\bSt)(?<!\bres)(?<!\bcf)(?<!\b[A-Z])\.\s+(?=[A-Z(\"'])")

__all__ = ["Line", "actor_name", "assessment_headline", "assessment_lines", "defence_headline", "defence_lines",
           "finding_why", "lines", "place_name", "scenario_title"]


@dataclass(frozen=True)
class Line:
    """One sentence of a headline and the clause ids it speaks of (for links and hover text)."""

    text: str
    clauses: tuple[str, ...] = ()


def place_name(place: dict[str, Any] | None) -> str:
    """The name a sentence uses for the place: the name asked for, else the feature or territory."""
    if not place:
        return "the place"
    p = place.get("place") or {}
    feature = place.get("feature")
    name = (place.get("query_name") or (feature.get("name") if isinstance(feature, dict) else None)
            or p.get("feature") or place.get("territory_name"))
    if name:
        return str(name)
    return f"the point {place.get('lat', 0):.2f}, {place.get('lon', 0):.2f}"


def _lie(subject: str) -> str:
    return "lie" if is_plural(subject) else "lies"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")


def _deciding(f: Finding) -> Reason | None:
    want: Any = None if f.status == "ambiguous" else False
    for r in f.reasons:
        if r.condition != "in_force" and r.holds is want:
            return r
    return None


def finding_why(kb: KnowledgeBase, f: Finding, *, place: str, attacker: str, victim: str,
                label: bool = True) -> str:
    """Why a clause does not apply (or is ambiguous), in words with names and no codes."""
    r = _deciding(f)
    if r is None:
        return ""
    if r.condition == "scope":
        plain = r.plain or r.detail
        if r.area is None:  # an exception of the clause: its own reason
            return _first_sentence(plain)
        words = plain.rstrip(".")
        if not label:
            words = _TRAILING_PAREN.sub("", words)
        return f"{place} {_lie(place)} {words}"
    if r.condition == "party":
        return f"{state_name(kb, victim)} was not a party"
    if r.condition == "attacker":
        try:
            _, clause = kb.clause(f.clause)
            named = clause.attackers
        except Exception:
            named = None
        who = actor_name(kb, attacker)
        if r.holds is None and named is not None and attacker not in named.states:
            names = join([state_name(kb, c) for c in named.states])
            return (f"it names {names} as the attacker{'s' if len(named.states) > 1 else ''}, and whether an attack "
                    f"by {who} also counts is contested")
        if r.holds is None:
            return f"whether an attack by {who} counts is contested: the clause speaks of an attack by a state"
        if named is not None:
            return f"{who} is not among the attackers it names"
        return f"{who} is itself a party, and the clause covers attacks from outside"
    return _first_sentence(r.detail[:1].lower() + r.detail[1:])


def actor_name(kb: KnowledgeBase, code: str) -> str:
    """A state by name; a non-state attacker by its label, quoted as given ('the non-state actor "X"')."""
    if code.startswith("nsa:"):
        return f'the non-state actor "{code[4:]}"'
    return state_name(kb, code)


def _label(kb: KnowledgeBase, f: Finding, *, inside: bool = False) -> str:
    """'NATO Article 5'; a clause of a dormant treaty that applies (or may) says so ('SEATO Article IV(1),
    dormant since 1977-06-30') when the finding carries a ``dormancy`` note. A clause that does not apply needs
    no such warning: nobody would rely on it either way. A date the answer turns on that is only an estimate
    is named whatever the verdict, since the verdict may flip on the real date."""
    label = clause_label(kb, f.clause)
    dormancy = getattr(f, "dormancy", None)
    if f.status != "does_not_apply" and isinstance(dormancy, dict) and dormancy.get("since"):
        label += f", dormant since {dormancy['since']}" if inside else f" (dormant since {dormancy['since']})"
    dating = getattr(f, "dating", None)
    if isinstance(dating, dict) and dating.get("estimated"):
        words = dating_words(dating)
        label += f", {words}" if inside else f" ({words})"
    return label


def _bound_group(kb: KnowledgeBase, f: Finding, codes: Sequence[str]) -> str:
    label = _label(kb, f, inside=True)
    if len(codes) <= MOST_NAMED:
        return f"{join([state_name(kb, c) for c in codes])} ({label})"
    short = treaty_short(kb, f.treaty)
    article = label[len(short) + 1:] if label.startswith(short + " ") else label
    return f"{len(codes)} {short} parties ({article})"


def lines(kb: KnowledgeBase, findings: Iterable[Finding], *, place: str, attacker: str, victim: str,
          defend_words: str, nobody: str = "no state is bound") -> list[Line]:
    """The sentences of a headline, most important first.

    ``defend_words`` opens the sentence of states bound ("Bound to defend Guam", "Bound to assist
    the United States").
    """
    fs = list(findings)
    relevant = [f for f in fs if not _not_party(f)]
    defence = [f for f in relevant if f.kind == "defense"]
    out: list[Line] = []

    # 1. defence clauses of the attacked state's treaties that do not apply, grouped when the reason is
    #    the same ("outside the area each covers")
    failing = [f for f in defence if f.status == "does_not_apply"]
    by_area = [f for f in failing if (r := _deciding(f)) is not None and r.condition == "scope" and r.area is not None]
    others = [f for f in failing if f not in by_area]
    if len(by_area) > 1:
        labels = [_label(kb, f) for f in by_area]
        out.append(Line(f"{join(labels)} do not apply: {place} {_lie(place)} outside the area each covers.",
                        tuple(f.clause for f in by_area)))
    elif by_area:
        others.insert(0, by_area[0])
    for f in others:
        why = finding_why(kb, f, place=place, attacker=attacker, victim=victim)
        out.append(Line(f"{_label(kb, f)} does not apply: {why}.", (f.clause,)))

    # 2. who is bound
    applies = [f for f in defence if f.status == "applies"]
    if applies:
        groups = [_bound_group(kb, f, f.bound) for f in applies if f.bound]
        if groups:
            out.append(Line(f"{defend_words}: {join(groups)}.", tuple(f.clause for f in applies)))
        else:
            names = join([_label(kb, f) for f in applies])
            out.append(Line(f"{names} {'applies' if len(applies) == 1 else 'apply'}, but no other party is "
                            "bound on that day.", tuple(f.clause for f in applies)))

    # 3. ambiguous clauses, each with its reason
    for f in relevant:
        if f.status == "ambiguous":
            why = finding_why(kb, f, place=place, attacker=attacker, victim=victim)
            n = len(f.bound_if_applies)
            tail = f" If it applies, it binds {_count(kb, f.bound_if_applies)}." if n else ""
            out.append(Line(f"{_label(kb, f)} is ambiguous: {why}.{tail}", (f.clause,)))

    # 4. consultation and other kinds
    consult = [f for f in relevant if f.status == "applies" and f.kind != "defense"]
    if consult:
        names = join([_label(kb, f) for f in consult])
        kinds = {f.kind for f in consult}
        what = "Consultation is owed under" if kinds == {"consultation"} else "Also applies:"
        out.append(Line(f"{what} {names}.", tuple(f.clause for f in consult)))

    if not any(f.status in ("applies", "ambiguous") for f in fs):
        out.insert(0, Line(f"No clause applies; {nobody}."))
    elif not applies and not any(f.status == "ambiguous" and f.kind == "defense" for f in relevant):
        out.insert(0, Line(f"No defence clause applies; {nobody}."))
    return _unique(out)


def _count(kb: KnowledgeBase, codes: Sequence[str]) -> str:
    if len(codes) <= MOST_NAMED:
        return join([state_name(kb, c) for c in codes])
    return f"{len(codes)} states"


def _unique(items: list[Line]) -> list[Line]:
    seen: set[str] = set()
    out = []
    for x in items:
        if x.text not in seen:
            seen.add(x.text)
            out.append(x)
    return out


def _not_party(f: Finding) -> bool:
    return f.status == "does_not_apply" and any(r.condition == "party" and r.holds is False for r in f.reasons)


def assessment_lines(kb: KnowledgeBase, a: Assessment) -> list[Line]:
    place = capital(with_article(place_name(a.place_dict))) if a.place_dict else "The target"
    victim = state_name(kb, a.victim)
    return lines(kb, a.relevant_findings, place=place, attacker=a.attack.attacker, victim=a.victim,
                 defend_words=f"Bound to assist {victim}")


def assessment_headline(kb: KnowledgeBase, a: Assessment) -> str:
    """The headline of an assessment, one sentence a line."""
    return "\n".join(x.text for x in assessment_lines(kb, a))


def defence_lines(kb: KnowledgeBase, d: Defence) -> list[Line]:
    a = d.assessment
    name = with_article(place_name(a.place_dict))
    out = lines(kb, a.relevant_findings, place=capital(name), attacker=a.attack.attacker, victim=a.victim,
                defend_words=f"Bound to defend {name}", nobody=f"no state is bound to defend {name}")
    dispute = _dispute_line(kb, a.place_dict, name, a.victim)
    return [*out, dispute] if dispute else out


def _dispute_line(kb: KnowledgeBase, place: dict[str, Any] | None, name: str, victim: str) -> Line | None:
    """Whose the place is, when that is disputed: the answer takes an attack on the state that holds it
    that day, which a reader of 'bound to defend the shoal' should not have to find in the details."""
    if not place or place.get("status") != "disputed":
        return None
    claimants = [c for c in place.get("claimants") or () if c]
    if not claimants:
        return None
    is_, it = ("are", "them") if is_plural(name) else ("is", "it")
    unrecorded = "" if place.get("sovereign") else " (casus records no sovereign)"
    who = join([state_name(kb, c) for c in claimants])
    claim = "claim" if len(claimants) > 1 else "claims"
    return Line(f"{capital(name)} {is_} disputed: {who} {claim} {it}. This answer is for an attack on "
                f"{state_name(kb, victim)}, which holds {it} that day{unrecorded}.")


def defence_headline(kb: KnowledgeBase, d: Defence) -> str:
    """The headline of a 'who defends' answer, one sentence a line."""
    return "\n".join(x.text for x in defence_lines(kb, d))


def scenario_title(kb: KnowledgeBase, a: Assessment) -> str:
    """'An armed attack by North Korea on the United States at Guam, 2017-11-02' (names, not codes);
    'A cyber attack by ... on Estonia', 'An armed attack by ... on the armed forces of the United States at ...'."""
    at = a.attack
    act = {"armed_attack": "An armed attack", "incursion": "An incursion", "threat": "A threat"}[at.act]
    if at.target == "cyber":
        act = {"armed_attack": "A cyber attack", "incursion": "A cyber incursion", "threat": "A cyber threat"}[at.act]
    victim = state_name(kb, a.victim)
    on = {"territory": victim, "armed_forces": f"the armed forces of {victim}", "vessel": f"a vessel of {victim}",
          "aircraft": f"an aircraft of {victim}", "cyber": victim, "space": f"{victim} in space"}[at.target]
    where = ""
    if a.place_dict:  # 'at Seoul' for a place named; 'in Guam' for a point in a territory
        named = a.place_dict.get("query_name")
        where = f" at {named}" if named else f" in {with_article(place_name(a.place_dict))}" \
            if a.place_dict.get("territory_name") else f" at {place_name(a.place_dict)}"
    return f"{act} by {actor_name(kb, at.attacker)} on {on}{where}, {at.date.isoformat()}"
