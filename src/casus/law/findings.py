"""Findings as people read them: each condition, whether it holds, the article, one quotable line.

Words are produced here from the compact codes of ``kernel.py`` and the clause
data, only when a finding is shown, so that judging ten thousand scenarios does
not build ten thousand paragraphs nobody reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casus.kb.words import capital, state_name
from casus.law.kernel import FAILS, HOLDS, OUTSIDE, SKIPPED, STATUS_NAMES, UNSURE, DayTables, bound_states

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.kb.models import Caveat, Clause, Treaty

TARGET_WORDS = {
    "territory": "its territory", "armed_forces": "its armed forces", "vessel": "its vessels",
    "aircraft": "its aircraft", "cyber": "cyber attacks", "space": "attacks in or from space",
}
ACT_WORDS = {"armed_attack": "an armed attack", "incursion": "an incursion", "threat": "a threat"}


@dataclass(frozen=True)
class Reason:
    condition: str
    holds: bool | None        # None: the law or the facts leave it open
    cite: str
    detail: str               # one line a journalist could quote
    area: str | None = None   # for the scope condition: the area the clause covers, in words
    plain: str | None = field(default=None, compare=False)  # the scope detail without the place sentence

    def to_dict(self) -> dict[str, Any]:
        out = {"condition": self.condition, "holds": self.holds, "cite": self.cite, "detail": self.detail}
        if self.area is not None:
            out["area"] = self.area
        return out


@dataclass(frozen=True)
class Finding:
    clause: str
    treaty: str
    article: str
    kind: str
    status: str
    reasons: tuple[Reason, ...]
    bound: tuple[str, ...]
    bound_if_applies: tuple[str, ...]
    automatic: bool
    response: str
    political_step: str
    sources: tuple[dict[str, Any], ...]
    #: which control of the place the finding was judged on, and why (status quo ante); None without a territory
    control: dict[str, Any] | None = None
    dormancy: dict[str, Any] | None = None        # the treaty is in force but nobody relies on it
    caveats: tuple[dict[str, Any], ...] = ()      # parties listed whose standing is doubtful (excluded, suspended)
    #: the treaty's dates near the day that are estimates (entry into force dated from signature), and why
    dating: dict[str, Any] | None = None

    def to_dict(self, *, detail: bool = True) -> dict[str, Any]:
        """The finding as JSON data; ``detail=False`` keeps the verdict and who is bound (the fields of
        ``casus.law.assess.COMPACT_FINDING``), leaving out reasons, response, political step and sources."""
        if not detail:
            short: dict[str, Any] = {"clause": self.clause, "treaty": self.treaty, "article": self.article,
                                     "kind": self.kind, "status": self.status, "bound": list(self.bound)}
            if self.status == "ambiguous":
                short["bound_if_applies"] = list(self.bound_if_applies)
            short["automatic"] = self.automatic
            return short
        out: dict[str, Any] = {
            "clause": self.clause, "treaty": self.treaty, "article": self.article, "kind": self.kind,
            "status": self.status, "reasons": [r.to_dict() for r in self.reasons], "bound": list(self.bound),
        }
        if self.status == "ambiguous":
            out["bound_if_applies"] = list(self.bound_if_applies)
        out.update({"automatic": self.automatic, "response": self.response,
                    "political_step": self.political_step, "sources": list(self.sources)})
        if self.control is not None:
            out["control"] = dict(self.control)
        if self.dormancy is not None:
            out["dormancy"] = self.dormancy
        if self.caveats:
            out["caveats"] = list(self.caveats)
        if self.dating is not None:
            out["dating"] = self.dating
        return out

    @property
    def life_note(self) -> str | None:
        """One line on the treaty's dormancy, the standing of listed parties and estimated dates, for summaries."""
        return " ".join(self.life_notes()) or None

    def life_notes(self, name: Callable[[str], str] = str) -> list[str]:
        """Each note on the treaty's life as its own sentence, a party named by ``name`` (a code by default)."""
        parts = []
        if self.dormancy is not None:
            parts.append(f"Dormant since {self.dormancy['since']}: {self.dormancy['text']}")
        for c in self.caveats:
            until = f" to {c['until']}" if c.get("until") else ""
            parts.append(f"The standing of {name(c['state'])} is doubtful from {c['since']}{until}: {c['text']}")
        if self.dating is not None:
            parts.append(f"{capital(dating_words(self.dating))}: {self.dating['text']}")
        return parts


def dating_words(dating: dict[str, Any]) -> str:
    """'its entry into force (1948-02-04) is an estimate' for a finding's ``dating`` note."""
    names = {"in_force": "entry into force", "ended": "end"}
    return "its " + " and ".join(f"{names[k]} ({d})" for k, d in dating["estimated"].items()) + (
        " are estimates" if len(dating["estimated"]) > 1 else " is an estimate")


def _name(kb: KnowledgeBase, code: str | None) -> str:
    if not code:
        return "no state"
    if code == OUTSIDE:
        return "a state outside the treaty"
    if code.startswith("nsa:"):
        return f"the non-state actor {code[4:]!r}"
    st = kb.states.get(code)
    return f"{st.name} ({code})" if st else code


def _holds(code: int) -> bool | None:
    return True if code == HOLDS else False if code == FAILS else None


def build_finding(kb: KnowledgeBase, tables: DayTables, treaty: Treaty, clause: Clause, phase_idx: int,
                  codes: Any, exc_idx: int, ext_idx: int, status: int, *, day: dt.date, attacker: str, victim: str,
                  target: str, act: str, place_words: str, control: dict[str, Any] | None = None) -> Finding:
    """Dress one clause's verdict for one attack on ``day`` in words, with its citations."""
    tday = tables.treaties[treaty.id]
    phase = clause.phases[phase_idx]
    short = treaty.name
    reasons: list[Reason] = [Reason(
        "in_force", True, treaty.name,
        f"The {treaty.name} was in force on {day.isoformat()} (since {treaty.in_force}).")]

    c = int(codes[0])
    since = tday.since.get(victim)
    one_way = bool(clause.beneficiaries)
    if c == HOLDS:
        d = f"{_name(kb, victim)} was a party on {day.isoformat()}, bound since {since.isoformat()}." if since \
            else f"{_name(kb, victim)} was a party on {day.isoformat()}."
        if one_way:
            d += (f" The clause is one-way: {_names(kb, clause.guarantors)} undertake(s) the defence of "
                  f"{_names(kb, clause.beneficiaries)}, and {_name(kb, victim)} is a beneficiary.")
    elif one_way and victim in tday.members and victim not in clause.beneficiaries:
        d = (f"The clause is one-way: {_names(kb, clause.guarantors)} undertake(s) the defence of "
             f"{_names(kb, clause.beneficiaries)}; an attack on {_name(kb, victim)} binds no one under it.")
    elif c == UNSURE:
        d = (f"{_name(kb, victim)} deposited its instrument on {day.isoformat()}; the hour is not recorded, so "
             "whether it was already bound at the moment of the attack is uncertain.")
    elif victim in tday.suspended:
        d = f"{_name(kb, victim)}'s participation in the {short} was suspended on {day.isoformat()}."
    else:
        d = f"{_name(kb, victim)} was not a party to the {short} on {day.isoformat()}."
        spells = kb.spells[treaty.id].get(victim, ())
        later = [sp.start for sp in spells if sp.start > day]
        ended = [sp.end for sp in spells if sp.end is not None and sp.end <= day]
        if later:
            d += f" It became bound on {min(later).isoformat()}."
        elif ended:
            d += f" It ceased to be a party on {max(ended).isoformat()}."
    reasons.append(Reason("party", _holds(c), clause.cite if one_way else f"{treaty.name} (parties)", d))

    c = int(codes[1])
    if clause.attacker == "any":
        d = f"The clause covers an armed attack whoever makes it; here {_name(kb, attacker)}."
    elif c == UNSURE:
        d = (f"The clause speaks of an attack by a state; whether an attack by {_name(kb, attacker)} counts "
             "is contested.")
    elif c == FAILS:
        d = f"{_name(kb, attacker)} is itself a party; the clause covers attacks from outside."
    else:
        d = f"{_name(kb, attacker)} is a state" + (" outside the treaty." if clause.attacker == "outside_state"
                                                    else ".")
    if clause.attackers is not None:
        if attacker in clause.attackers.states:
            d += f" It is one of the attackers the clause names ({', '.join(clause.attackers.states)})."
        else:
            d = f"{_name(kb, attacker)} is not among the attackers the clause names: {clause.attackers.reason}"
        reasons.append(Reason("attacker", _holds(c), clause.attackers.cite, d))
    else:
        reasons.append(Reason("attacker", _holds(c), clause.cite, d))

    c = int(codes[2])
    wanted = " or ".join(ACT_WORDS[a] for a in clause.acts)
    d = (f"The clause is triggered by {wanted}; this is {ACT_WORDS[act]}." if c == HOLDS
         else f"The clause needs {wanted}; {ACT_WORDS[act]} is not enough.")
    reasons.append(Reason("act", _holds(c), clause.cite, d))

    c = int(codes[3])
    if ext_idx >= 0:
        ext = clause.extensions[ext_idx]
        reasons.append(Reason("target", _holds(c), ext.cite, ext.reason))
    elif c == HOLDS:
        reasons.append(Reason("target", True, phase.cite, f"The clause covers attacks on {TARGET_WORDS[target]}."))
    else:
        coming = [e for e in clause.extensions if e.target == target and e.start > day]
        d = f"The clause as in force on {day.isoformat()} does not cover {TARGET_WORDS[target]}."
        if coming:
            d += f" A declaration extended it on {coming[0].start.isoformat()} ({coming[0].cite})."
        reasons.append(Reason("target", False, phase.cite, d))

    c = int(codes[4])
    if c != SKIPPED:
        if exc_idx >= 0:
            ex = phase.exceptions[exc_idx]
            reasons.append(Reason("scope", _holds(c), ex.cite, f"{place_words}: {ex.reason}", plain=ex.reason))
        elif c == UNSURE and target == "territory":  # land the victim holds but does not own (kernel.held_targets)
            holder = state_name(kb, victim)
            plain = (f"{capital(holder)} holds the place without being its sovereign, and the clause names no area: "
                     f"whether it is {holder}'s territory is contested (holding land, even by occupation, transfers no "
                     "sovereignty: 1907 Hague Regulations, Art. 43); an attack on its forces there is judged as such "
                     "(target armed_forces).")
            reasons.append(Reason("scope", None, phase.cite, f"{place_words}: {plain}", plain=plain))
        else:
            side = "inside" if c == HOLDS else "outside"
            plain = f"{side} the area the clause covers ({phase.label})."
            reasons.append(Reason("scope", c == HOLDS, phase.cite, f"{place_words}: {plain}",
                                  area=phase.describe.strip(), plain=plain))

    st = STATUS_NAMES[status]
    bound = bound_states(tables, treaty.id, victim, attacker, clause) if st != "does_not_apply" else ()
    dormant = treaty.dormant_on(day)
    return Finding(
        clause=clause.id, treaty=treaty.id, article=clause.article, kind=clause.kind, status=st,
        reasons=tuple(reasons), bound=bound if st == "applies" else (),
        bound_if_applies=bound if st == "ambiguous" else (), automatic=clause.automatic,
        response=clause.response.strip(), political_step=clause.political_step.strip(),
        sources=tuple(s.model_dump(mode="json", exclude_none=True) for s in clause.sources),
        control=control,
        dormancy=_caveat_dict(dormant) if dormant is not None else None,
        caveats=party_caveats(treaty, (*bound, victim), day),
        dating=dating_note(treaty, day),
    )


def dating_note(treaty: Treaty, day: dt.date) -> dict[str, Any] | None:
    """The treaty's estimated dates within a year of ``day``, with the reason, or None: an answer that turns
    on such a date may change on the real one, and the reader must know."""
    near = treaty.estimated_near(day)
    if not near:
        return None
    return {"estimated": {k: d.isoformat() for k, d in near}, "text": (treaty.dating_note or "").strip()}


def _caveat_dict(c: Caveat) -> dict[str, Any]:
    out = c.to_dict()
    out["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in c.sources]
    return out


def party_caveats(treaty: Treaty, states: tuple[str, ...], day: dt.date) -> tuple[dict[str, Any], ...]:
    """Dated caveats on the standing of the named parties (excluded from the organisation, yet parties)."""
    wanted = set(states)
    out = []
    for p in treaty.parties:
        if p.state not in wanted:
            continue
        for c in p.caveats:
            if c.covers(day):
                out.append({"state": p.state, **_caveat_dict(c)})
    return tuple(out)


def not_in_force_finding(kb: KnowledgeBase, treaty: Treaty, clause: Clause, day: dt.date) -> Finding:
    """A treaty signed but not in force binds no one: said as a finding, so that a reader who expects
    it (Australia-Papua New Guinea, signed 6 October 2025) sees why it is not counted."""
    waits = f" {treaty.status_note.strip()}" if treaty.status_note else ""
    d = (f"The {treaty.name} was signed on {treaty.signed.isoformat()} by {_names(kb, treaty.signatories)} but "
         f"was not in force on {day.isoformat()}, so it bound no one.{waits}")
    return Finding(
        clause=clause.id, treaty=treaty.id, article=clause.article, kind=clause.kind, status="does_not_apply",
        reasons=(Reason("in_force", False, treaty.name, d),), bound=(), bound_if_applies=(),
        automatic=clause.automatic, response=clause.response.strip(), political_step=clause.political_step.strip(),
        sources=tuple(s.model_dump(mode="json", exclude_none=True) for s in clause.sources),
    )


def _names(kb: KnowledgeBase, codes: tuple[str, ...]) -> str:
    names = [_name(kb, c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def place_words(kb: KnowledgeBase, where: dict[str, Any] | None, target: str) -> str:
    """'Guam, a territory of the United States (USA) in the Pacific area' style description."""
    if where is None:
        return "No place is given"
    name = where.get("query_name") or where.get("territory_name") or "The point"
    lat, lon = where.get("lat"), where.get("lon")
    if where.get("territory") is None:
        seas = ", ".join(where.get("region_names") or where.get("regions") or []) or "no named region"
        return f"{name} ({lat:.2f}, {lon:.2f}) is on the high seas ({seas})"
    sov, adm = where.get("sovereign"), where.get("administrator")
    tname = where.get("territory_name")
    words = f"{name}" + (f" ({tname})" if tname and tname != name else "")
    words += f" is under the sovereignty of {_name(kb, sov)}"
    if adm and adm != sov:
        words += f", administered by {_name(kb, adm)}"
    regions = where.get("region_names") or where.get("regions") or []
    if regions:
        words += f"; it lies in: {', '.join(regions)}"
    if where.get("setting") == "territorial_sea":
        words += " (within its 12-nautical-mile territorial sea)"
    return words


def control_words(kb: KnowledgeBase, tables: DayTables, territory: str, index: int, attacker: str,
                  day: dt.date) -> dict[str, Any]:
    """Which control of the place an assessment used, and why: the status quo at the start of ``day``.

    A change of control dated ``day`` that the attacker's own armed attack brought about (``by_force``) is
    not the status quo that attack is judged on; every other change dated ``day`` is (a transfer at
    midnight, or a seizure by someone else)."""
    sov = str(tables.sovereign[index]) or None
    adm = str(tables.administrator[index]) or None
    z = tables.seized.get(index)
    held = (f"under the sovereignty of {_name(kb, sov)}" if sov else "with no sovereign recognised here") + (
        f", administered by {_name(kb, adm)}" if adm and adm != sov else "")
    out: dict[str, Any] = {"territory": territory, "sovereign": sov, "administrator": adm,
                           "as_of": day.isoformat(), "rule": "in_force", "reason": ""}
    if z is not None and tables.ante_for == z.by_force:
        after = _name(kb, z.after_administrator or z.after_sovereign)
        out.update(rule="status_quo_ante", seized_by=z.by_force, status=z.status, reason=(
            f"Judged on control at the start of {day.isoformat()}, before the attack: {held}. "
            f"The change dated {day.isoformat()} (to {after}) was brought about by {_name(kb, z.by_force)}'s own "
            "armed attack, so it is not the status quo against which that attack is judged."))
    elif z is not None:
        out["reason"] = (
            f"Judged on control in force on {day.isoformat()}: {held}. That control was seized by "
            f"{_name(kb, z.by_force)} that day; this attack is by {_name(kb, attacker)}, so the seizure is "
            "taken as the status quo.")
    else:
        out["reason"] = (f"Judged on control in force on {day.isoformat()}: {held}; no change of "
                         "control that day was brought about by this attacker's force.")
    return out
