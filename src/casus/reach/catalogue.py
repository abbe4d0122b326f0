"""Finding a missile or a launch site by the name a user types.

Ids, names and aliases are compared in one normal form (case, spaces, dashes and
dots ignored), so ``hwasong-15``, ``Hwasong 15``, ``KN-22`` and ``HS15`` given as an
alias all find the same system. An unknown name raises
:class:`~casus.errors.UnknownMissileError` with the closest names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from casus.errors import UnknownMissileError, close_matches
from casus.kb.missiles import LaunchSite, Missile, normalise

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase


def _names(item: Any) -> list[str]:
    return [item.id, item.name, *item.aliases]


def _table(items: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items.values():
        for n in _names(item):
            out.setdefault(normalise(n), item)
    return out


def _lookup(items: Mapping[str, Any], name: str) -> Any | None:
    return _table(items).get(normalise(name))


def missile(kb: KnowledgeBase, name: str) -> Missile:
    """The missile with this id, name or alias."""
    found = _lookup(kb.missiles, name)
    if found is None:
        choices = [n for m in kb.missiles.values() for n in _names(m)]
        raise _unknown(name, choices, "missile", "a missile id or name, e.g. hwasong-15, df-41, rs-24-yars "
                       "(see `casus missiles`)")
    return found  # type: ignore[no-any-return]


def launch_site(kb: KnowledgeBase, name: str) -> LaunchSite | None:
    """The launch site with this id, name or alias, or None."""
    return _lookup(kb.launch_sites, name)  # type: ignore[no-any-return]


def site_choices(kb: KnowledgeBase) -> list[str]:
    return [n for s in kb.launch_sites.values() for n in _names(s)]


def _unknown(name: str, choices: list[str], field: str, accepted: str) -> UnknownMissileError:
    err = UnknownMissileError(name, choices, field=field, accepted=accepted)
    # compare in normal form too, so "hwasong15" suggests "Hwasong-15"
    if not err.suggestions:
        table = {normalise(c): c for c in choices}
        hints = [table[h] for h in close_matches(normalise(name), list(table))]
        if hints:
            err.suggestions = hints
            err.message = f"unknown {err.kind} {name!r}; did you mean {', '.join(hints)}?"
            err.args = (err.message,)
    return err


def unknown_origin(kb: KnowledgeBase, name: str) -> UnknownMissileError:
    """The error for a --from that is neither a site, a state, a city nor coordinates."""
    choices = site_choices(kb) + list(kb.states)
    return _unknown(name, choices, "from", "a launch site (e.g. sohae, sinpo), a state code (PRK), "
                                          "a city name, or 'lat,lon'")
