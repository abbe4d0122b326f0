"""The answer first for ``where``: what a place is and who holds it, in a sentence with names.

Built from a :class:`~casus.geo.query.Whereabouts` (or its JSON dict), so that the command line, the
HTTP API and the web map say the same thing. A gazetteer feature (reef, rock, shoal) is read from a
``feature`` object (``name``, ``kind``, ``within``) or from ``place`` (``feature``, ``feature_kind``,
``holder``) when present, and skipped when not.

>>> import casus
>>> kb = casus.open()
>>> where_headline(kb, kb.place("Crimea", on="2017-11-02")).splitlines()[0]
'On 2017-11-02, Crimea is under the sovereignty of Ukraine and occupied by Russia.'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casus.kb.words import a_or_an, capital, is_plural, join, state_name, with_article

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["where_dict", "where_headline"]

_HELD = {"occupied": "occupied by", "administered": "administered by", "leased": "leased to",
         "trust": "administered in trust by", "disputed": "administered by", "sovereign": "administered by"}


def _be(subject: str) -> str:
    return "are" if is_plural(subject) else "is"


def _is_code(text: str) -> bool:
    return len(text) == 3 and text.isalpha()


def _as_dict(w: Any) -> dict[str, Any]:
    return w if isinstance(w, dict) else dict(w.to_dict())


def where_headline(kb: KnowledgeBase, w: Any) -> str:
    """One or two sentences: where the place is, who holds it that day (and who claims it), the regions."""
    d = _as_dict(w)
    day = d.get("on")
    place = d.get("place") or {}
    tname = d.get("territory_name")
    query = d.get("query") or ""
    raw = d.get("feature")
    feat: dict[str, Any] = raw if isinstance(raw, dict) else {}
    feature = feat.get("name") or place.get("feature") or (
        place.get("name") if place.get("kind") not in (None, "city", "territory") else None)
    if feature:
        subject = with_article(str(feature))
    elif place.get("kind") == "city":
        subject = str(place.get("name") or query)
    elif place.get("kind") == "territory" and tname:
        subject = with_article(tname)
        asked = query.strip()
        if asked and asked.casefold() not in (tname.casefold(), subject.casefold()) and not _is_code(asked):
            subject += f" ({asked})"  # the name the user gave (Diaoyu Islands), beside the data's (Senkaku)
    else:
        subject = f"the point {query}" if query else f"the point {d.get('lat', 0):g}, {d.get('lon', 0):g}"
    base = subject  # before the name asked for is added: is the place the territory itself?
    if place.get("kind") == "territory" and tname and not feature:
        base = with_article(tname)
    words = f"On {day}, {subject}"
    kind = feat.get("kind") or place.get("feature_kind") or place.get("unclos_kind")
    if feature and kind:
        words += f" ({a_or_an(str(kind).replace('_', ' '))})"
    elif place.get("kind") == "city" and place.get("population"):
        words += f" (a city of {int(place['population']):,})"
    regions = [_region(kb, r) for r in d.get("regions", ()) if r in kb.regions]
    it = "They lie" if _be(subject) == "are" else "It lies"
    if d.get("territory") is None:
        out = f"{words} {_be(subject)} on the high seas, no state's territory."
        if regions:
            out += f"\n{it} in {join(regions)}."
        return out
    sov, adm, status = d.get("sovereign"), d.get("administrator"), d.get("status") or "sovereign"
    claimants = list(d.get("claimants") or ())
    is_itself = base == with_article(tname or "")
    within = str(feat.get("within") or "")
    if feature and is_itself and within in kb.territories:  # a feature that is a territory of its own
        tname, is_itself = kb.territories[within].name, False
    own_country = tname is not None and sov is not None and sov in kb.states and kb.states[sov].name == tname
    if d.get("setting") == "territorial_sea":
        km = d.get("distance_km")
        where = f" {_be(subject)} in the territorial sea of {with_article(tname or '')}" + \
                (f", {km:.1f} km from its coast" if km is not None else "")
    elif is_itself:
        where = ""
    else:
        where = f" {_be(subject)} in {with_article(tname or '')}"
    if sov and adm and sov != adm:
        held = f"under the sovereignty of {state_name(kb, sov)} and {_HELD.get(status, 'administered by')} " \
               f"{state_name(kb, adm)}"
    elif sov and own_country and status == "sovereign":
        held = ""
    elif sov:
        held = f"a territory of {state_name(kb, sov)}" if status == "sovereign" and not feature else \
               f"held by {state_name(kb, sov)}"
    else:
        held = f"administered by {state_name(kb, adm)}" if adm else "held by no state"
    holder = place.get("holder")
    if holder and holder not in (sov, adm):
        held += (", " if held else "") + f"with the feature itself held by {state_name(kb, holder)}"
    if claimants:
        held += (" and " if held else "") + f"claimed by {join([state_name(kb, c) for c in claimants])}"
    if where and held:
        sentence = f"{words}{where}, {held}."
    elif where:
        sentence = f"{words}{where}."
    elif held:
        sentence = f"{words} {_be(subject)} {held}."
    else:
        sentence = f"{words} {_be(subject)} a sovereign state."
    out = capital(sentence)
    if regions:
        out += f"\n{it} in {join(regions)}."
    return out


def _region(kb: KnowledgeBase, rid: str) -> str:
    """'Europe' (a continent) but 'the Pacific area', 'the East China Sea'."""
    r = kb.regions[rid]
    return r.name if r.kind == "continent" or r.name.startswith("the ") else f"the {r.name}"


def where_dict(kb: KnowledgeBase, w: Any) -> dict[str, Any]:
    """The JSON of ``where`` with its headline added (the CLI's --json and the HTTP API answer the same)."""
    body = _as_dict(w)
    body = dict(body)
    body["headline"] = where_headline(kb, body)
    return body
