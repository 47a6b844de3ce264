"""The runtime of generated Python policy modules: the same questions as the TypeScript
runtime (src/runtime/policy-runtime.ts), answered from the same compiled data. Standard
library only. Copied into every generated module by `policy build`; edit it here.

The test suite runs both runtimes on one query table (test/fixtures/package/queries.json),
so a difference between them fails a test.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Generic, Mapping, Optional, Sequence, Tuple, TypeVar, Union

C = TypeVar("C", bound=str)
P = TypeVar("P", bound=str)
R = TypeVar("R", bound=str)
I = TypeVar("I", bound=str)
V = TypeVar("V", bound=str)

DateLike = Union[str, _dt.date, _dt.datetime]


class PolicyViolation(Exception):
    """Raised by `assert_allowed`: names the policy, the version and the missing declaration."""

    def __init__(self, policy: str, version: str, query: Mapping[str, Optional[str]], missing: str) -> None:
        super().__init__(f"{policy}@{version} does not allow this: {missing}")
        self.policy = policy
        self.version = version
        self.query = dict(query)
        self.missing = missing


class UnknownVersionError(Exception):
    """Raised when asked about a version that was never released."""

    def __init__(self, policy: str, version: str, known: Sequence[str]) -> None:
        super().__init__(f"{policy} has no published version {version}; known versions: {', '.join(known)}")


class NotInForceError(Exception):
    """Raised when asked for the version in force on a date before the first one took effect."""

    def __init__(self, policy: str, date: str, first: Any) -> None:
        # `first`: the first version, anything with a `version` and an `effective` date.
        super().__init__(f"{policy} was not in force on {date}: its first version, {first.version}, takes effect on {first.effective}")


@dataclass(frozen=True)
class Retention:
    """One retention rule, as compiled into rules.json (the `CompiledRetention` of rules.schema.json)."""

    kind: str
    period: Optional[str] = None
    event: Optional[str] = None
    then: Optional[str] = None
    criteria: Optional[Tuple[str, ...]] = None
    afterwards: Optional[str] = None
    exceptions: Optional[Tuple[str, ...]] = None


@dataclass(frozen=True)
class Receive:
    """May a recipient receive a category, and under which stated condition."""

    allowed: bool
    condition: Optional[str]


@dataclass(frozen=True)
class DeleteBy:
    """When data must be deleted: kind is `date`, `after-event`, `criteria` or `unstated`."""

    kind: str
    date: Optional[str] = None
    event: Optional[str] = None
    then: Optional[str] = None
    criteria: Optional[Tuple[str, ...]] = None
    text: Optional[str] = None
    rule: Optional[Retention] = None


@dataclass(frozen=True)
class UserContext(Generic[I]):
    """What a user told us, to scope changes to those that concern them."""

    integrations: Tuple[I, ...] = ()
    jurisdiction: Optional[str] = None


def _retention(rule: Mapping[str, Any]) -> Retention:
    tuples = {key: tuple(value) for key, value in rule.items() if isinstance(value, list)}
    return Retention(**{**rule, **tuples})


#: YYYY-MM-DD, or an ISO 8601 date-time: hours and minutes, optional seconds and fraction, optional Z or offset.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))?)?$")


def utc_date(value: DateLike) -> str:
    """A date, a date-time or an ISO 8601 string as the calendar date it falls on in UTC, YYYY-MM-DD.
    Date-times with an offset are converted to UTC; naive ones are read as UTC. Anything else, an
    impossible date (2025-02-30) included, raises ValueError (TypeError for other types), as the
    TypeScript runtime's `utcDate` does (test/fixtures/in-force/cases.json)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc)
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"Expected a date as YYYY-MM-DD, an ISO date-time or a valid Date, not {json.dumps(str(value))}")
    match = _ISO_DATE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if match.group(4) is None:
            return _dt.date(year, month, day).isoformat()
        offset = _dt.timedelta(0)
        if match.group(8) is not None:
            hours, minutes = int(match.group(9)), int(match.group(10))
            if hours > 23 or minutes > 59:
                raise ValueError(value)
            offset = (1 if match.group(8) == "+" else -1) * _dt.timedelta(hours=hours, minutes=minutes)
        moment = _dt.datetime(year, month, day, int(match.group(4)), int(match.group(5)), int(match.group(6) or 0), tzinfo=_dt.timezone(offset))
        return moment.astimezone(_dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError):
        raise ValueError(f"Expected a date as YYYY-MM-DD, an ISO date-time or a valid Date, not {json.dumps(value)}") from None


_T = TypeVar("_T")


def version_in_force(versions: Sequence[_T], date: str, effective: Callable[[_T], str]) -> Tuple[Optional[_T], Optional[_T], Tuple[_T, ...]]:
    """(in force, upcoming, pending) on `date` (YYYY-MM-DD), as the TypeScript `versionInForce`:
    `versions` in ascending version order; the highest version already effective is in force;
    pending are the versions after it not yet effective, in release order; upcoming is the pending
    one that takes effect first."""
    in_force: Optional[_T] = None
    after = 0
    for index, version in enumerate(versions):
        if effective(version) <= date:
            in_force, after = version, index + 1
    pending = tuple(version for version in versions[after:] if effective(version) > date)
    upcoming: Optional[_T] = None
    for version in pending:
        if upcoming is None or effective(version) < effective(upcoming):
            upcoming = version
    return in_force, upcoming, pending


_DURATION = re.compile(r"^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def add_duration(date: DateLike, duration: str) -> str:
    """date + ISO 8601 duration, calendar-aware like Temporal's PlainDate.add: years and months
    first, the day clamped to the month's length (P1M from 31 January is 28 February), then
    weeks and days; hours, minutes and seconds count in whole days."""
    match = _DURATION.match(duration)
    if not match or duration in ("P", "PT") or duration.endswith("T"):
        raise ValueError(f"not an ISO 8601 duration: {duration!r}")
    sign = -1 if match.group(1) == "-" else 1
    years, months, weeks, days, hours, minutes = (int(part or 0) for part in match.groups()[1:7])
    seconds = float(match.group(8) or 0)
    start = _dt.date.fromisoformat(utc_date(date))
    total_months = start.year * 12 + (start.month - 1) + sign * (years * 12 + months)
    year, month = divmod(total_months, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    whole_days = int((hours * 3600 + minutes * 60 + seconds) // 86400)
    moved = _dt.date(year, month + 1, day) + _dt.timedelta(days=sign * (weeks * 7 + days + whole_days))
    return moved.isoformat()


_EVENT_DATES = {
    "account-deletion": "account_deleted_at",
    "disconnect": "disconnected_at",
    "contract-end": "contract_ended_at",
    "consent-withdrawal": "consent_withdrawn_at",
    "last-activity": "last_activity_at",
}


class PolicyVersion(Generic[C, P, R, I]):
    """The questions one released version of the policy answers."""

    def __init__(self, policy: str, data: Mapping[str, Any]) -> None:
        rules = data["rules"]
        self.policy: str = policy
        self.version: str = rules["version"]
        self.effective: str = rules["effective"]
        self.hash: str = data["hash"]
        self.rules: Mapping[str, Any] = rules
        # Dicts of sets, precomputed by `policy build` like the TypeScript runtime's tables.
        self._allow = {purpose: frozenset(categories) for purpose, categories in data["index"]["allow"].items()}
        self._receive = {
            recipient: (frozenset(entry["categories"]), frozenset(entry["purposes"])) for recipient, entry in data["index"]["receive"].items()
        }
        self._retention = {category: tuple(_retention(rule) for rule in rules_) for category, rules_ in rules["retention"].items()}
        # `can` as a closure over the tables: a local lookup is what keeps it near a bare dict/set
        # lookup (bench:rules), where a method reads self's attributes on every call.
        allow, receive = self._allow, self._receive

        def can(*, category: C, purpose: Optional[P] = None, recipient: Optional[R] = None) -> bool:
            if recipient is None:
                allowed = allow.get(purpose)
                return allowed is not None and category in allowed
            entry = receive.get(recipient)
            return entry is not None and category in entry[0] and (purpose is None or purpose in entry[1])

        self.can = can  # type: ignore[method-assign]

    def can(self, *, category: C, purpose: Optional[P] = None, recipient: Optional[R] = None) -> bool:
        """May `purpose` use `category`? With `recipient`: may it receive `category` (for `purpose`, if given)?
        (Each instance replaces this with the closure built in `__init__`, which answers the same.)"""
        raise NotImplementedError

    def assert_allowed(self, *, category: C, purpose: Optional[P] = None, recipient: Optional[R] = None) -> None:
        """Like `can`, but raises a `PolicyViolation` naming what is missing."""
        if not self.can(category=category, purpose=purpose, recipient=recipient):
            query = {"category": category, "purpose": purpose, "recipient": recipient}
            raise PolicyViolation(self.policy, self.version, {key: value for key, value in query.items() if value is not None}, self._missing(category, purpose, recipient))

    def _missing(self, category: str, purpose: Optional[str], recipient: Optional[str]) -> str:
        if recipient is not None:
            if recipient not in self.rules["recipients"]:
                return f"no recipient `{recipient}` is declared"
            if category not in self._receive[recipient][0]:
                return f"recipient `{recipient}` is not declared to receive category `{category}`"
            return f"recipient `{recipient}` is not declared to receive data for purpose `{purpose}`"
        if purpose is None:
            return "a purpose or a recipient must be named"
        if purpose not in self.rules["purposes"]:
            return f"no purpose `{purpose}` is declared"
        return f"purpose `{purpose}` is not declared to use category `{category}`"

    def may_receive(self, recipient: R, category: C, purpose: Optional[P] = None) -> Receive:
        """May `recipient` receive `category` (for `purpose`), and under which stated condition?"""
        allowed = self.can(recipient=recipient, category=category, purpose=purpose)
        condition = self.rules["recipients"].get(recipient, {}).get("condition") if allowed else None
        return Receive(allowed, condition)

    def retention(self, category: C) -> Tuple[Retention, ...]:
        """The retention rules of a category."""
        return self._retention.get(category, ())

    def delete_by(
        self,
        category: C,
        *,
        collected_at: DateLike,
        account_deleted_at: Optional[DateLike] = None,
        disconnected_at: Optional[DateLike] = None,
        contract_ended_at: Optional[DateLike] = None,
        consent_withdrawn_at: Optional[DateLike] = None,
        last_activity_at: Optional[DateLike] = None,
        integration: Optional[I] = None,
    ) -> DeleteBy:
        """When data of `category` must be deleted, given what happened to it."""
        events = {
            "account_deleted_at": account_deleted_at,
            "disconnected_at": disconnected_at,
            "contract_ended_at": contract_ended_at,
            "consent_withdrawn_at": consent_withdrawn_at,
            "last_activity_at": last_activity_at,
        }
        if integration is not None and disconnected_at is not None:
            terms = self.rules["integrations"].get(integration)
            if terms and category in terms["categories"]:
                deletion = terms["onDisconnect"]["deletion"]
                if deletion["within"] == "unstated":
                    return DeleteBy("unstated", text=deletion.get("withinText"))
                return DeleteBy("date", date=add_duration(disconnected_at, deletion["within"]), rule=Retention("event", event="disconnect", then=deletion["within"]))
        candidates = [self._deadline(rule, collected_at, events) for rule in self.retention(category)]
        # Several rules: the data may be kept while any of them allows it, so the latest date
        # wins; a rule without a date makes the whole answer dateless.
        for candidate in candidates:
            if candidate.kind != "date":
                return candidate
        if not candidates:
            return DeleteBy("unstated")
        latest = candidates[0]
        for candidate in candidates[1:]:
            if candidate.date > latest.date:  # type: ignore[operator]
                latest = candidate
        return latest

    @staticmethod
    def _deadline(rule: Retention, collected_at: DateLike, events: Mapping[str, Optional[DateLike]]) -> DeleteBy:
        if rule.kind == "period":
            return DeleteBy("date", date=add_duration(collected_at, rule.period or "P0D"), rule=rule)
        if rule.kind == "event":
            happened = events.get(_EVENT_DATES.get(rule.event or "", ""))
            if happened is None:
                return DeleteBy("after-event", event=rule.event, then=rule.then, rule=rule)
            return DeleteBy("date", date=add_duration(happened, rule.then or "P0D"), rule=rule)
        if rule.kind == "criteria":
            return DeleteBy("criteria", criteria=rule.criteria or (), rule=rule)
        return DeleteBy("unstated", rule=rule)

    def integration(self, id: I) -> Mapping[str, Any]:
        """An integration's terms: permitted uses, what happens on disconnect, the no-sale commitment."""
        terms: Optional[Mapping[str, Any]] = self.rules["integrations"].get(id)
        if terms is None:
            raise PolicyViolation(self.policy, self.version, {"integration": id}, f"no integration `{id}` is declared")
        return terms


class Policy(Generic[C, P, R, I, V]):
    """A compiled policy: every released version, the one in force on a date, the changes between them.
    Its own `can`, `may_receive`, `retention` and `delete_by` answer for the version in force today (UTC)."""

    def __init__(self, data: Mapping[str, Any], clock: Callable[[], float] = time.time, load: Optional[Callable[[str], Mapping[str, Any]]] = None) -> None:
        """`data` is either every version's compiled data (`{"id", "versions": [{"rules", "hash", ...}]}`)
        or, with `load`, an index (`{"id", "versions": [{"version", "effective", "hash"}]}`) whose
        versions `load(version)` returns the first time each is asked for."""
        self.policy: str = data["id"]
        self._clock = clock
        entries = data["versions"]
        if load is None:
            embedded = {entry["rules"]["version"]: entry for entry in entries}
            entries = [{"version": entry["rules"]["version"], "effective": entry["rules"]["effective"], "hash": entry["hash"]} for entry in entries]
            load = embedded.__getitem__
        self._load = load
        self._dated = [_Dated(entry["version"], entry["effective"], index) for index, entry in enumerate(entries)]
        # Each version's data and answers, made the first time it is asked for, then kept.
        self._raw: dict = {}
        self._answers: dict = {}
        self.versions: Tuple[V, ...] = tuple(entry["version"] for entry in entries)  # type: ignore[misc]
        self.hashes: Mapping[str, str] = {entry["version"]: entry["hash"] for entry in entries}
        # The version in force now and the seconds since the epoch during which it stays so:
        # from the start of today (UTC) until the next version takes effect.
        self._current: Optional[PolicyVersion[C, P, R, I]] = None
        self._current_from = 0.0
        self._current_until = -1.0

    def _data_at(self, index: int) -> Mapping[str, Any]:
        if index not in self._raw:
            self._raw[index] = self._load(self.versions[index])
        return self._raw[index]  # type: ignore[no-any-return]

    def _answers_at(self, index: int) -> PolicyVersion[C, P, R, I]:
        if index not in self._answers:
            self._answers[index] = PolicyVersion[C, P, R, I](self.policy, self._data_at(index))
        return self._answers[index]  # type: ignore[no-any-return]

    def verify(self, manifest: Union[str, Mapping[str, Any]]) -> VerifyResult:
        """Compare this package's rules hashes with the site's /<id>/versions.json (parsed, or its text). Offline."""
        return verify_against(self.policy, self.hashes, manifest)

    def at(self, version: V) -> PolicyVersion[C, P, R, I]:
        """The answers of one released version."""
        return self._answers_at(self._index(version))

    def _index(self, version: str) -> int:
        try:
            return self.versions.index(version)  # type: ignore[arg-type,unused-ignore]
        except ValueError:
            raise UnknownVersionError(self.policy, version, self.versions) from None

    def _today(self) -> PolicyVersion[C, P, R, I]:
        now = self._clock()
        if self._current is not None and self._current_from <= now < self._current_until:
            return self._current
        day = _dt.datetime.fromtimestamp(now, _dt.timezone.utc).date()
        dated, upcoming, _ = version_in_force(self._dated, day.isoformat(), _effective)
        if dated is None:
            raise NotInForceError(self.policy, day.isoformat(), self._dated[0])
        current = self._answers_at(dated.index)
        if upcoming is None and dated is self._dated[-1]:
            # The newest version is in force: nothing can replace it, so the direct questions
            # become its own, with no clock read per call (as in the TypeScript runtime).
            self.can = current.can  # type: ignore[method-assign]
            self.may_receive = current.may_receive  # type: ignore[method-assign]
            self.retention = current.retention  # type: ignore[method-assign]
            self.delete_by = current.delete_by  # type: ignore[method-assign,assignment]
        # Until the next version takes effect, the clock is read but the versions are not searched again.
        start = _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp()
        until = float("inf") if upcoming is None else _dt.datetime.fromisoformat(upcoming.effective).replace(tzinfo=_dt.timezone.utc).timestamp()
        self._current, self._current_from, self._current_until = current, start, until
        return current

    def in_force(self, on: Optional[DateLike] = None) -> PolicyVersion[C, P, R, I]:
        """The version in force on a date (default: today, UTC): among the versions already
        effective, the highest. Raises `NotInForceError` before the first one takes effect."""
        if on is None:
            return self._today()
        day = utc_date(on)
        dated, _, _ = version_in_force(self._dated, day, _effective)
        if dated is None:
            raise NotInForceError(self.policy, day, self._dated[0])
        return self._answers_at(dated.index)

    def upcoming(self, on: Optional[DateLike] = None) -> Optional[PolicyVersion[C, P, R, I]]:
        """The released version that takes effect next after a date (default: today, UTC), if any:
        among the versions released after the one in force, the first to take effect (as the
        TypeScript runtime's `policy.upcoming`)."""
        day = utc_date(on if on is not None else _dt.datetime.fromtimestamp(self._clock(), _dt.timezone.utc))
        upcoming = version_in_force(self._dated, day, _effective)[1]
        return None if upcoming is None else self._answers_at(upcoming.index)

    def changes_since(self, accepted: V) -> Tuple[Mapping[str, Any], ...]:
        """The classified changes from `accepted` to the newest released version, compared directly
        (a consent purpose added and removed again in between asks nothing)."""
        return tuple(self._data_at(self._index(accepted))["changesToNewest"])

    def requires_reconsent(self, accepted: V, user: Optional[UserContext[I]] = None) -> bool:
        """Must a user who accepted `accepted` consent again (or give explicit consent)?"""
        return any(change["action"] in ("reconsent", "explicit-consent") and _concerns(change, user) for change in self.changes_since(accepted))

    def must_notify(self, accepted: V, user: Optional[UserContext[I]] = None) -> bool:
        """Must a user who accepted `accepted` be notified of a material change?"""
        return any(change["material"] and change["action"] not in ("none", "inform") and _concerns(change, user) for change in self.changes_since(accepted))

    # The version in force today answers the direct questions.
    def can(self, *, category: C, purpose: Optional[P] = None, recipient: Optional[R] = None) -> bool:
        """`can` of the version in force today."""
        return self._today().can(category=category, purpose=purpose, recipient=recipient)

    def may_receive(self, recipient: R, category: C, purpose: Optional[P] = None) -> Receive:
        """`may_receive` of the version in force today."""
        return self._today().may_receive(recipient, category, purpose)

    def retention(self, category: C) -> Tuple[Retention, ...]:
        """`retention` of the version in force today."""
        return self._today().retention(category)

    def delete_by(self, category: C, **events: Any) -> DeleteBy:
        """`delete_by` of the version in force today."""
        return self._today().delete_by(category, **events)


@dataclass(frozen=True)
class VerifyResult:
    """What `verify` found: `ok` when every version the package carries matches the site."""

    ok: bool
    matched: Tuple[str, ...]
    #: (version, reason) for each version that does not match, or is not published.
    problems: Tuple[Tuple[str, str], ...]
    #: Versions the site publishes that this package does not carry yet.
    newer: Tuple[str, ...]


def verify_against(policy: str, hashes: Mapping[str, str], manifest: Union[str, Mapping[str, Any]]) -> VerifyResult:
    """Compare a package's rules hashes with a published versions.json (parsed, or its text),
    offline, as the TypeScript package's `verify` does. Never raises on a malformed manifest."""
    if isinstance(manifest, str):
        try:
            manifest = json.loads(manifest)
        except ValueError as error:
            return VerifyResult(False, (), (("*", f"the manifest is not JSON: {error}"),), ())
    versions = manifest.get("versions") if isinstance(manifest, Mapping) else None
    if not isinstance(manifest, Mapping) or not isinstance(manifest.get("policy"), str) or not isinstance(versions, list) or not all(
        isinstance(entry, Mapping) and isinstance(entry.get("version"), str) and isinstance(entry.get("rulesSha256"), str) for entry in versions
    ):
        return VerifyResult(False, (), (("*", 'the manifest has no "policy" name and "versions" list of { version, rulesSha256 }'),), ())
    if manifest["policy"] != policy:
        return VerifyResult(False, (), (("*", f'the manifest is for policy "{manifest["policy"]}", this package is "{policy}"'),), ())
    site = {entry["version"]: entry["rulesSha256"] for entry in versions}
    matched, problems = [], []
    for version, digest in hashes.items():
        expected = site.get(version)
        if expected is None:
            problems.append((version, f"version {version} is in the package but not published on the site"))
        elif expected != digest:
            problems.append((version, f"version {version}'s rules differ: the package has sha256 {digest}, the site publishes {expected}"))
        else:
            matched.append(version)
    newer = tuple(version for version in site if version not in hashes)
    return VerifyResult(not problems, tuple(matched), tuple(problems), newer)


def _concerns(change: Mapping[str, Any], user: Optional[UserContext[Any]]) -> bool:
    """A change concerns a user unless it is scoped to an integration or jurisdiction they are not in."""
    if user is None:
        return True
    audience = change["audience"]
    if audience["scope"] == "integration":
        return audience.get("integration", "") in user.integrations
    if audience["scope"] == "jurisdiction":
        return user.jurisdiction is None or user.jurisdiction in audience.get("jurisdiction", "").split(", ")
    return True


@dataclass(frozen=True)
class _Dated:
    """What choosing the version in force needs of a version, without loading it."""

    version: str
    effective: str
    index: int


def _effective(version: _Dated) -> str:
    return version.effective


def load_policy(text: str, clock: Callable[[], float] = time.time, load: Optional[Callable[[str], Mapping[str, Any]]] = None) -> Policy[Any, Any, Any, Any, Any]:
    """A policy from the JSON its module carries: every version's data, or an index of them
    that `load(version)` completes when a version is first asked for. `clock` (seconds since
    the epoch, like `time.time`) tells it the time, for tests and services with their own clock."""
    return Policy(json.loads(text), clock, load)


__all__ = [
    "DeleteBy",
    "NotInForceError",
    "Policy",
    "PolicyVersion",
    "PolicyViolation",
    "Receive",
    "Retention",
    "UnknownVersionError",
    "UserContext",
    "VerifyResult",
    "add_duration",
    "load_policy",
    "utc_date",
    "verify_against",
    "version_in_force",
]
