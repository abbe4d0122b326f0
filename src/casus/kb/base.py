"""The immutable KnowledgeBase: every fact, and the questions that data alone answers.

Membership questions are answered from precomputed spells. Geography, law, reach and relations live in
the layers above and take a KnowledgeBase; this module imports none of them (a test keeps it so). The
typed face that puts them together for users is :class:`casus.face.Casus`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from casus.dates import parse_date
from casus.errors import DateError, UnknownClauseError, UnknownStateError, UnknownTreatyError
from casus.kb.membership import Spell, Standing, spells, standing
from casus.kb.models import Clause, State, Treaty


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Everything casus knows, validated and frozen. Build it with :func:`casus.kb.load` (or :func:`casus.open`)."""

    states: Mapping[str, State]
    treaties: Mapping[str, Treaty]
    sections: Mapping[str, Mapping[str, Any]]
    digest: str
    files: tuple[str, ...]
    #: (kind, id) -> (file, line), for messages that point an editor at the source
    locations: Mapping[tuple[str, str], tuple[str, int | None]] = field(default_factory=dict)
    #: compact pacts signed but never in force (``in_force: null``): no obligations, kept for ATOP coverage
    never_in_force: Mapping[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------ sections
    @property
    def regions(self) -> Mapping[str, Any]:
        return self.sections.get("regions", {})

    @cached_property
    def territories(self) -> Mapping[str, Any]:
        """Territories (territories.yaml) and gazetteer features (features.yaml) as territories, by id.

        A feature is a part of the territory it lies ``within`` (or a territory of its own), so control,
        names and geometry treat both alike; ``territories[id].feature`` is the gazetteer entry, or None.
        """
        out = dict(self.sections.get("territories", {}))
        for fid, f in self.features.items():
            out.setdefault(fid, f.territory())
        return out

    @property
    def features(self) -> Mapping[str, Any]:
        """The gazetteer's features (small islands, rocks, reefs), by id."""
        return self.sections.get("features", {})

    @property
    def missiles(self) -> Mapping[str, Any]:
        return self.sections.get("missiles", {})

    @property
    def launch_sites(self) -> Mapping[str, Any]:
        return self.sections.get("launch_sites", {})

    @property
    def partnerships(self) -> Mapping[str, Any]:
        return self.sections.get("partnerships", {})

    @property
    def publishers(self) -> Mapping[str, Any]:
        """Publishers and their hosts (publishers.yaml), keyed by name."""
        return self.sections.get("publishers", {})

    @property
    def invocations(self) -> Mapping[str, Any]:
        return self.sections.get("invocations", {})

    @property
    def operations(self) -> Mapping[str, Any]:
        return self.sections.get("operations", {})

    # ------------------------------------------------------------ lookups
    def state(self, code: str) -> State:
        """The state with this ISO alpha-3 code (case-insensitive); suggests close codes and names."""
        key = str(code).strip().upper()
        if key in self.states:
            return self.states[key]
        by_name = {s.name.lower(): s for s in self.states.values()}
        for s in self.states.values():
            for a in s.aliases:
                by_name.setdefault(a.lower(), s)
        if str(code).strip().lower() in by_name:
            return by_name[str(code).strip().lower()]
        # a three-letter input is most likely a mistyped code: suggest codes first
        choices = list(self.states) if len(key) == 3 and key.isalpha() else []
        choices += [s.name for s in self.states.values()]
        raise UnknownStateError(str(code), choices, field="state",
                                accepted="a state's name or its ISO 3166-1 alpha-3 code, such as Japan or JPN")

    def treaty(self, treaty_id: str) -> Treaty:
        key = str(treaty_id).strip().lower()
        if key in self.treaties:
            return self.treaties[key]
        raise UnknownTreatyError(str(treaty_id), self.treaties, field="treaty",
                                 accepted=", ".join(sorted(self.treaties)))

    @cached_property
    def clauses(self) -> Mapping[str, tuple[Treaty, Clause]]:
        return {c.id: (t, c) for t in self.treaties.values() for c in t.clauses}

    def clause(self, clause_id: str) -> tuple[Treaty, Clause]:
        key = str(clause_id).strip().lower()
        if key in self.clauses:
            return self.clauses[key]
        raise UnknownClauseError(str(clause_id), self.clauses, field="clause",
                                 accepted=", ".join(sorted(self.clauses)))

    # ------------------------------------------------------------ membership
    @cached_property
    def spells(self) -> Mapping[str, Mapping[str, tuple[Spell, ...]]]:
        """treaty id -> state -> spells as a party."""
        return {t.id: {p.state: spells(p, t.ended)[0] for p in t.parties} for t in self.treaties.values()}

    def standing(self, treaty_id: str, state: str, on: dt.date | str) -> Standing:
        """A state's position under a treaty on a day: party, suspended, first (uncertain) day."""
        t = self.treaty(treaty_id)
        return standing(t, self.state(state).code, parse_date(on, field="on"), dict(self.spells[t.id]))

    def in_force(self, treaty_id: str, on: dt.date | str) -> bool:
        t = self.treaty(treaty_id)
        day = parse_date(on, field="on")
        return t.in_force_on(day)

    def members(self, treaty_id: str, on: dt.date | str) -> tuple[str, ...]:
        """ISO codes of the states that are parties on ``on``, sorted.

        A date outside the treaty's life is an error that names the life, not an
        empty answer: "no members" and "no treaty" are different facts.
        """
        t = self.treaty(treaty_id)
        day = parse_date(on, field="on")
        if t.in_force is None:
            raise DateError(f"{t.id} was signed on {t.signed.isoformat()} but is not in force, so it has no "
                            "parties yet", field="on", accepted="a treaty in force")
        if not t.in_force_on(day):
            life = f"{t.in_force.isoformat()} to {t.ended.isoformat() if t.ended else 'today'}"
            raise DateError(f"{t.id} was not in force on {day.isoformat()} (in force {life})",
                            field="on", accepted=f"a date from {life}")
        table = self.spells[t.id]
        return tuple(sorted(s for s in table if any(sp.covers(day) for sp in table[s])))

    def treaties_of(self, state: str, on: dt.date | str) -> tuple[str, ...]:
        """Ids of the treaties in force on ``on`` to which ``state`` is a party."""
        code = self.state(state).code
        day = parse_date(on, field="on")
        return tuple(sorted(t.id for t in self.treaties.values()
                            if standing(t, code, day, dict(self.spells[t.id])).party))
