"""Incremental, order-independent clustering of reports into events.

The events are a function of the *set* of reports, computed in three steps, each of which
only ever looks at reports about the same people (events.index), so adding a document
redoes a small neighbourhood, never everything:

1. Anchors (main reports with a day) are linked when they fit (match.reports_fit: same
   coarse kind, compatible participants, days within the tolerance). Each connected group
   is one event; a chain longer than the tolerance is cut at its widest gaps. A new anchor
   recomputes only its connected group.
2. Floating main reports (no day: a window, a weekday, or nothing) join the anchored event
   they fit best (match.fit_score), if it fits clearly better than any other: a report that
   fits two events about equally is not guessed into either.
3. Floating reports that fit no anchored event form events among themselves (one that fits
   several equally stays an event of its own, not to bridge them): within each
   connected group of fitting floaters, in canonical order (report.sort_key), each joins
   the best event all of whose reports it fits, or opens one.

Mentions (secondary contacts) then link their document to the event they fit best, if any;
they never create, merge or split events. Because every step depends only on the set of
reports and a canonical order (never on arrival), any ingestion order gives the same events.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from datetime import timedelta
from itertools import combinations

from summitry.events.index import Key, WindowIndex, blocks
from summitry.events.match import event_similarity, fit_score, participants_fit, reports_fit
from summitry.events.options import DEFAULT_OPTIONS, ClusterOptions
from summitry.events.reports import Report


def _gid(prefix: str, members: list[Report]) -> str:
    first = min(members, key=Report.sort_key)
    # interned: an event made again (a refresh regroups it) is logged and filed under one string
    return sys.intern(f"{prefix}:{first.doc_id}#{first.index}")


def _split_by_gaps(members: list[Report], tolerance: int) -> list[list[Report]]:
    """Cut a chain of anchors whose days span more than the tolerance at its widest gaps."""
    members = sorted(members, key=Report.sort_key)
    if (members[-1].day - members[0].day).days <= tolerance:
        return [members]
    gaps = [((members[i + 1].day - members[i].day).days, -i) for i in range(len(members) - 1)]
    _, neg_i = max(gaps)
    cut = -neg_i + 1
    return _split_by_gaps(members[:cut], tolerance) + _split_by_gaps(members[cut:], tolerance)


def _log_keys(people: Iterable[str]) -> list[tuple[str, ...]]:
    """Where a made or dropped event is logged: under its pairs (its person, if alone), and under
    each person as ('*', person)."""
    people = sorted(set(people))
    return blocks(people) + [("*", p) for p in people]


def _fit_keys(participants: Iterable[str]) -> list[tuple[str, ...]]:
    """The log keys of every event these participants may fit (match.participants_fit): one person
    fits any event with them; two or more share a pair with it, or it names one of them alone."""
    people = sorted(set(participants))
    if len(people) == 1:
        return [("*", people[0])]
    return list(combinations(people, 2)) + [(p,) for p in people]


def _people(members: list[Report]) -> frozenset[str]:
    return frozenset(p for m in members for p in m.participants)


def _best(report: Report, candidates: dict[str, list[Report]], options: ClusterOptions,
          margin: float = 0.0) -> str | None:
    """The candidate event (id → reports) the report fits best; ties go to the smallest id.

    With a margin, None unless the best beats the runner-up by that much: a report that fits
    two events equally well is not guessed into one.
    """
    parts = {gid: _parts(report, members, options) for gid, members in candidates.items()}
    return _choose(parts, options, margin)


def _parts(report: Report, members: list[Report], options: ClusterOptions) -> tuple[float, float]:
    """(similarity, fit without it) of a report to an event: the fit's other terms do not depend on
    the other candidates, so they can be kept while those change."""
    return event_similarity(report, members), fit_score(report, members, options, 0.0)


def _choose(parts: dict[str, tuple[float, float]], options: ClusterOptions, margin: float) -> str | None:
    """`_best` from each candidate's (similarity, fit without it)."""
    top = max((sim for sim, _ in parts.values()), default=0.0)
    w = options.similarity_weight
    # the two best (−score, id) in one pass: an undated report may weigh every event of its people
    best = runner_up = None
    for gid, (sim, base) in parts.items():
        key = (-(base + w * (sim / top if top > 0 else 1.0)), gid)
        if best is None or key < best:
            best, runner_up = key, best
        elif runner_up is None or key < runner_up:
            runner_up = key
    if best is None:
        return None
    if margin and runner_up is not None and runner_up[0] - best[0] < margin:
        return None
    return best[1]


class EventIndex:
    """Events over a growing (or shrinking) set of documents' reports."""

    def __init__(self, options: ClusterOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self.reports: dict[Key, Report] = {}
        self._doc_keys: dict[str, tuple[Key, ...]] = {}
        # anchors in short buckets (they are looked up a few days around a day); windows, weeks
        # to a year long, in longer ones so each is filed a few times, not dozens
        self._anchors = WindowIndex(options.date_bucket_days)  # main reports with a day
        self._floaters = WindowIndex(options.window_bucket_days)  # main reports without one
        self._grouped = WindowIndex(options.window_bucket_days)  # floaters in floating-only events
        self._mentions = WindowIndex(options.window_bucket_days)
        self._anchor_group: dict[Key, str] = {}
        self._anchor_groups: dict[str, list[Key]] = {}
        self._attached: dict[Key, str | None] = {}  # floater → anchored event (None: none fits)
        self._float_group: dict[Key, str] = {}
        self._float_groups: dict[str, list[Key]] = {}
        self._group_people: dict[str, frozenset[str]] = {}  # event id → everyone its reports name
        self._mention_of: dict[Key, str | None] = {}
        self._ambiguous: set[Key] = set()  # floaters that fit several anchored events equally: alone
        # a report with no window at all may join any event of its people: its (similarity, fit) to
        # each is kept, so a refresh weighs only the events made or dropped since the last one
        # (as of refresh n, parts, the event chosen from them)
        self._open_parts: dict[Key, tuple[int, dict[str, tuple[float, float]], str | None]] = {}
        self._changed_gids: dict[str, set[str]] = {}  # since the last refresh: event id → its people
        self._refreshes = 0
        # (refresh, event id) of the events made or dropped (anchored and floating-only), filed as
        # the people index files reports (by pair, a lone person, and each person: see _log_keys),
        # so a windowless report reads only those it may fit. The log only grows: each key keeps
        # its refreshes in an array and its event ids in a list beside it (no tuple per entry)
        self._gid_log: dict[tuple[str, ...], tuple[array, list[str]]] = {}
        # (coarse, participants) → the windows (lo, hi) of anchored events that changed there;
        # the same for floating-only events, which only mentions can join
        self._dirty_people: dict[tuple[str, tuple[str, ...]], set] = {}
        self._dirty_grouped: dict[tuple[str, tuple[str, ...]], set] = {}
        self._dirty_floaters: set[Key] = set()
        self._dirty_mentions: set[Key] = set()
        self.changed: set[str] = set()  # documents whose events changed since the caller last looked
        # the store's count of report writes this index reflects (events.persist); None: unknown
        self.reports_written: int | None = None

    # -- adding and removing documents ---------------------------------------------------
    def add_reports(self, reports: Iterable[Report]) -> None:
        """Add one document's reports (replacing any it had: a re-extraction or new version)."""
        reports = list(reports)
        for doc_id in sorted({r.doc_id for r in reports}):
            self.remove_document(doc_id)
        for r in reports:
            self._doc_keys[r.doc_id] = self._doc_keys.get(r.doc_id, ()) + (r.key,)
        for r in reports:
            self.reports[r.key] = r
            self.changed.add(r.doc_id)
            if r.role == "mention":
                self._mentions.add(r, *self._span(r))
                self._dirty_mentions.add(r.key)
                continue
            if r.day is not None:
                self._anchors.add(r, r.day, r.day)
                self._regroup_anchors([r.key])
            else:
                self._floaters.add(r, *self._span(r))
                self._dirty_floaters.add(r.key)

    def remove_document(self, doc_id: str) -> None:
        """Forget a document's reports; the events they were part of are recomputed."""
        keys = self._doc_keys.pop(doc_id, ())
        neighbours: list[Key] = []
        for key in keys:
            r = self.reports[key]
            self.changed.add(doc_id)
            if r.role == "mention":
                self._mentions.remove(r)
                self._mention_of.pop(key, None)
                self._open_parts.pop(key, None)
                self._dirty_mentions.discard(key)
                del self.reports[key]
                continue
            if r.day is not None:
                self._anchors.remove(r)
                gid = self._anchor_group.pop(key)
                members = [k for k in self._anchor_groups.pop(gid) if k != key]
                del self._group_people[gid]
                self._note_changed(gid, [r] + [self.reports[k] for k in members])
                for k in members:
                    del self._anchor_group[k]
                neighbours.extend(members)
                self._mark(r)
            else:
                self._floaters.remove(r)
                self._attached.pop(key, None)
                self._open_parts.pop(key, None)
                self._ambiguous.discard(key)
                self._dirty_floaters.discard(key)
                gid = self._float_group.get(key)
                if gid is not None:
                    rest = [k for k in self._drop_float_group(gid) if k != key]
                    self._dirty_floaters.update(rest)
                self._mark(r)
            del self.reports[key]
        if neighbours:
            self._regroup_anchors(neighbours)

    @staticmethod
    def _span(r: Report) -> tuple:
        """The days a report may speak of, as (lo, hi); None where the window is open."""
        return (r.day, r.day) if r.day is not None else (r.when.lo, r.when.hi)

    def _around(self, r: Report) -> tuple:
        """The days whose events r may join: its window widened by the tolerance."""
        lo, hi = self._span(r)
        if lo is None or hi is None:
            return None, None
        tol = timedelta(days=self.options.date_tolerance)
        return lo - tol, hi + tol

    def _mark(self, r: Report, dirty: dict | None = None) -> None:
        """Reports about these people around these days may now fit other events."""
        (self._dirty_people if dirty is None else dirty).setdefault((r.coarse, r.participants), set()).add(
            self._span(r) if r.day is not None else (None, None) if dirty is None else self._around(r))

    def _affected(self, index: WindowIndex, dirty: dict) -> set[Key]:
        """Reports in `index` whose candidate events may have changed since the last refresh."""
        tol = timedelta(days=self.options.date_tolerance)
        out: set[Key] = set()
        for (coarse, parts), spans in dirty.items():
            for lo, hi in spans:
                if lo is None or hi is None:
                    out |= index.lookup(coarse, parts)
                else:
                    out |= index.lookup(coarse, parts, lo - tol, hi + tol)
        return out

    def _drop_float_group(self, gid: str) -> list[Key]:
        """Dissolve a floating-only event; returns its members."""
        members = self._float_groups.pop(gid, [])
        people = self._group_people.pop(gid, None)
        if people:
            self._changed_gids.setdefault(gid, set()).update(people)
        for m in members:
            self._float_group.pop(m, None)
            if m in self.reports:
                self._grouped.remove(self.reports[m])
                self._mark(self.reports[m], self._dirty_grouped)
        return members

    # -- step 1: anchors -------------------------------------------------------------------
    def _anchor_neighbours(self, r: Report) -> list[Key]:
        lo, hi = self._around(r)
        return [k for k in self._anchors.lookup(r.coarse, r.participants, lo, hi)
                if k != r.key and reports_fit(r, self.reports[k], self.options)]

    def _regroup_anchors(self, seeds: list[Key]) -> None:
        """Recompute the events of the connected groups of anchors the seeds belong to."""
        seen: set[Key] = set()
        for seed in sorted(seeds):
            if seed in seen or seed not in self.reports:
                continue
            component, stack = [], [seed]
            seen.add(seed)
            while stack:
                k = stack.pop()
                component.append(k)
                for n in self._anchor_neighbours(self.reports[k]):
                    if n not in seen:
                        seen.add(n)
                        stack.append(n)
            for k in component:  # drop the old events of these anchors
                gid = self._anchor_group.pop(k, None)
                if gid is not None:
                    self._note_changed(gid, [self.reports[m] for m in self._anchor_groups.get(gid, [])
                                             if m in self.reports])
                    self._group_people.pop(gid, None)
                    for m in self._anchor_groups.pop(gid, []):
                        self._anchor_group.pop(m, None)
                        seen.add(m)
                        if m not in component:  # an old partner no longer linked: regroup it too
                            stack.append(m)
            while stack:  # (rare) old partners outside the component: their own groups
                self._regroup_anchors([stack.pop()])
            for group in self._link_groups([self.reports[k] for k in component]):
                gid = _gid("a", group)
                self._anchor_groups[gid] = [m.key for m in group]
                self._group_people[gid] = _people(group)
                self._note_changed(gid, group)
                for m in group:
                    self._anchor_group[m.key] = gid
                    self.changed.add(m.doc_id)
                    self._mark(m)

    def _link_groups(self, anchors: list[Report]) -> list[list[Report]]:
        """Connected groups of fitting anchors, each cut where its days spread too far."""
        parent = {r.key: r.key for r in anchors}

        def find(k: Key) -> Key:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for r in anchors:
            for n in self._anchor_neighbours(r):
                if n in parent:
                    a, b = find(r.key), find(n)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        groups: dict[Key, list[Report]] = {}
        for r in anchors:
            groups.setdefault(find(r.key), []).append(r)
        out = []
        for members in groups.values():
            out.extend(_split_by_gaps(members, self.options.date_tolerance))
        return out

    # -- steps 2 and 3: floating reports, then mentions -------------------------------------
    def _candidate_events(self, r: Report, floating: bool) -> dict[str, list[Report]]:
        """Events (id → reports) r may join: anchored ones, and for mentions floating ones too."""
        lo, hi = self._around(r)
        gids = {self._anchor_group[k] for k in self._anchors.lookup(r.coarse, r.participants, lo, hi)}
        if not floating:
            gids |= {self._float_group[k] for k in self._grouped.lookup(r.coarse, r.participants, lo, hi)}
        out = {}
        for gid in gids:
            members = self._candidate_members(r, gid, mention=not floating)
            if members is not None:
                out[gid] = members
        return out

    def refresh(self) -> None:
        """Bring floating reports and mentions up to date with the anchors (steps 2, 3, mentions)."""
        if not (self._dirty_people or self._dirty_floaters or self._dirty_mentions or self._dirty_grouped):
            return
        floaters = set(self._dirty_floaters) | self._affected(self._floaters, self._dirty_people)
        regroup: set[Key] = set()
        for k in sorted(floaters):
            r = self.reports.get(k)
            if r is None:
                continue
            before = self._attached.get(k, "new")
            if self._around(r) == (None, None):
                now, n_candidates = self._open_choice(r, fresh=k in self._dirty_floaters)
            else:
                cands = self._candidate_events(r, floating=True)
                now = _best(r, cands, self.options, margin=self.options.min_margin)
                n_candidates = len(cands)
            was_ambiguous = k in self._ambiguous
            if now is None and n_candidates > 1:
                self._ambiguous.add(k)
            else:
                self._ambiguous.discard(k)
            self._attached[k] = now
            if now != before:
                self.changed.add(r.doc_id)
            # a floater that stays in its floating-only event as it was needs no regrouping (an
            # undated one is weighed at every refresh: regrouping it each time would mark every
            # mention of its people for a new look, again and again)
            unchanged = (now is None and before is None and (k in self._ambiguous) == was_ambiguous
                         and k in self._float_group)
            if (now is None or before is None or before == "new") and not unchanged:
                regroup.add(k)
        self._regroup_floaters(regroup)
        mentions = (set(self._dirty_mentions) | self._affected(self._mentions, self._dirty_people)
                    | self._affected(self._mentions, self._dirty_grouped))
        for k in sorted(mentions):
            r = self.reports.get(k)
            if r is None:
                continue
            if self._around(r) == (None, None):
                now, _ = self._open_choice(r, fresh=k in self._dirty_mentions, mention=True)
            else:
                now = _best(r, self._candidate_events(r, floating=False), self.options)
            if self._mention_of.get(k, "new") != now:
                self.changed.add(r.doc_id)
            self._mention_of[k] = now
        self._dirty_people = {}
        self._dirty_grouped = {}
        self._dirty_floaters = set()
        self._dirty_mentions = set()
        self._log_changed_gids()

    def _note_changed(self, gid: str, members: list[Report]) -> None:
        self._changed_gids.setdefault(gid, set()).update(p for m in members for p in m.participants)

    def _log_changed_gids(self) -> None:
        """File this refresh's made or dropped events under their people, for `_open_choice`."""
        for gid, people in sorted(self._changed_gids.items()):
            for key in _log_keys(people):
                refreshes, gids = self._gid_log.setdefault(key, (array("q"), []))
                refreshes.append(self._refreshes)
                gids.append(gid)
        self._changed_gids = {}
        self._refreshes += 1

    def _open_choice(self, r: Report, fresh: bool, *, mention: bool = False) -> tuple[str | None, int]:
        """(the event a windowless report joins, how many it may join), from its (similarity, fit) to
        each event it may join, brought up to date from the events made or dropped since it was last
        weighed (all of them when `fresh`): a windowless report may join any event of its people,
        and weighing them all again at every refresh would make the clustering quadratic.

        A floater weighs the anchored events (and joins only a clear best); a mention weighs the
        floating-only events too (and links to the best), as `_candidate_events` has it."""
        now = self._refreshes
        epoch, parts, choice = (None, None, None) if fresh else self._open_parts.get(r.key, (None, None, None))
        if parts is None:
            parts = {gid: _parts(r, members, self.options)
                     for gid, members in self._candidate_events(r, floating=not mention).items()}
            touched = True
        else:
            touched = False  # most refreshes change only events with others: the choice stands
            mine = set(r.participants)
            changed = {gid for gid, people in self._changed_gids.items() if people & mine}
            for key in _fit_keys(mine):
                refreshes, gids = self._gid_log.get(key, ((), []))
                changed.update(gids[bisect_left(refreshes, epoch):])
            for gid in sorted(changed):
                if parts.pop(gid, None) is not None:
                    touched = True
                members = self._candidate_members(r, gid, mention)
                if members is not None:
                    parts[gid] = _parts(r, members, self.options)
                    touched = True
        if touched:
            choice = _choose(parts, self.options, 0.0 if mention else self.options.min_margin)
        self._open_parts[r.key] = (now, parts, choice)
        return choice, len(parts)

    def _candidate_members(self, r: Report, gid: str, mention: bool) -> list[Report] | None:
        """The reports of event `gid` if r may join it, else None: an anchored event when r admits one of its
        days, a floating-only one (for a mention) when r fits each of its reports."""
        keys = self._anchor_groups.get(gid)
        anchored = keys is not None
        if not anchored and mention:
            keys = self._float_groups.get(gid)
        # most events of its people are with others: ruled out before their reports are read
        if (keys is None or self.reports[keys[0]].coarse != r.coarse
                or not participants_fit(r.participants, self._group_people[gid])):
            return None
        members = [self.reports[m] for m in keys]
        if anchored:
            tol = self.options.date_tolerance
            return members if any(r.when.admits(m.day, tol) for m in members) else None
        return members if all(reports_fit(r, m, self.options) for m in members) else None

    def _regroup_floaters(self, seeds: set[Key]) -> None:
        """Recompute the floating-only events of the connected groups of unattached floaters."""
        todo = set(seeds)
        for k in seeds:  # an old event's other members are regrouped with it
            gid = self._float_group.get(k)
            if gid is not None:
                todo.update(self._float_groups.get(gid, []))
        seen: set[Key] = set()
        for seed in sorted(todo):
            if seed in seen:
                continue
            seen.add(seed)
            component, stack = [], [seed]
            while stack:
                k = stack.pop()
                gid = self._float_group.get(k)
                if gid is not None:
                    for m in self._drop_float_group(gid):
                        if m not in seen:
                            seen.add(m)
                            stack.append(m)
                if k not in self.reports or self._attached.get(k) is not None:
                    continue
                r = self.reports[k]
                component.append(r)
                if k in self._ambiguous:  # an event of its own: it links no others
                    continue
                for n in self._floaters.lookup(r.coarse, r.participants, *self._around(r)):
                    if (n not in seen and self._attached.get(n) is None and n not in self._ambiguous
                            and reports_fit(r, self.reports[n], self.options)):
                        seen.add(n)
                        stack.append(n)
            for group in self._greedy_groups(component):
                gid = _gid("f", group)
                self._float_groups[gid] = [m.key for m in group]
                self._group_people[gid] = _people(group)
                self._note_changed(gid, group)
                for m in group:
                    self._float_group[m.key] = gid
                    self._grouped.add(m, *self._span(m))
                    self.changed.add(m.doc_id)
                    self._mark(m, self._dirty_grouped)

    def _greedy_groups(self, floaters: list[Report]) -> list[list[Report]]:
        groups: list[list[Report]] = []
        for r in sorted(floaters, key=Report.sort_key):
            if r.key in self._ambiguous:
                groups.append([r])
                continue
            cands = {str(i): g for i, g in enumerate(groups)
                     if g[0].key not in self._ambiguous and all(reports_fit(r, m, self.options) for m in g)}
            best = _best(r, cands, self.options) if cands else None
            if best is None:
                groups.append([r])
            else:
                groups[int(best)].append(r)
        return groups

    # -- reading the events -------------------------------------------------------------------
    def groups(self) -> list[tuple[str, list[Report], list[Report]]]:
        """Every event as (internal id, main reports, mention reports), in canonical order."""
        self.refresh()
        mains: dict[str, list[Report]] = {gid: [self.reports[k] for k in ks] for gid, ks in self._anchor_groups.items()}
        for gid, ks in self._float_groups.items():
            mains[gid] = [self.reports[k] for k in ks]
        for k, gid in self._attached.items():
            if gid is not None and k in self.reports:
                mains[gid].append(self.reports[k])
        mentions: dict[str, list[Report]] = {}
        for k, gid in self._mention_of.items():
            if gid is not None and k in self.reports and gid in mains:
                mentions.setdefault(gid, []).append(self.reports[k])
        out = []
        for gid, members in mains.items():
            members.sort(key=Report.sort_key)
            out.append((gid, members, sorted(mentions.get(gid, []), key=Report.sort_key)))
        out.sort(key=lambda e: e[1][0].sort_key())
        return out


    def secondary(self) -> dict[str, list[Report]]:
        """Each document's mention reports (its secondary contacts), by document id."""
        out: dict[str, list[Report]] = {}
        for doc_id, keys in self._doc_keys.items():
            ms = [self.reports[k] for k in keys if self.reports[k].role == "mention"]
            if ms:
                out[doc_id] = ms
        return out


def cluster_reports(reports: Iterable[Report], options: ClusterOptions = DEFAULT_OPTIONS) -> EventIndex:
    """All reports at once (document by document, in the given order: it does not matter)."""
    index = EventIndex(options)
    by_doc: dict[str, list[Report]] = {}
    for r in reports:
        by_doc.setdefault(r.doc_id, []).append(r)
    for doc_id in by_doc:
        index.add_reports(by_doc[doc_id])
    index.refresh()
    return index
