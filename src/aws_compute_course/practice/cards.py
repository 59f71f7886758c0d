"""Flashcards: every fact of the facts registry, and every question the learner missed.

Scheduling is FSRS through the maintained ``fsrs`` package (the algorithm Anki uses); this
module only stores its cards. A card's state is ``fsrs.Card.to_json()`` in the ``cards``
table with its due time in a column of its own, indexed, so the next due card is one index
lookup however many reviews there are. Fuzzing is off: the same reviews give the same
intervals (reproducible tests; a learner loses nothing by it with a deck this small).

New fact cards are introduced at most ``NEW_PER_DAY`` a day, in the course's fact order, as
Anki does, so the first day is not 300 cards. A missed question becomes due at once. A card
whose fact or question left the course stays in the file and is skipped.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import fsrs

from aws_compute_course import facts, topics
from aws_compute_course.practice.bank import Item
from aws_compute_course.practice.store import Store
from aws_compute_course.quiz import LETTERS, shuffled

SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)
NEW_PER_DAY = 10
RATINGS = {"Again": fsrs.Rating.Again, "Hard": fsrs.Rating.Hard,
           "Good": fsrs.Rating.Good, "Easy": fsrs.Rating.Easy}  # fmt: skip


@dataclass(frozen=True)
class Flashcard:
    """What a card shows: ``ref`` is ``fact:<key>`` or ``question:<id>``."""

    ref: str
    topic: str
    front: str
    back: str


def _when(now: float) -> datetime:
    return datetime.fromtimestamp(now, UTC)


def _card_id(ref: str) -> int:
    """A stable id (fsrs defaults to the creation time, which two cards can share)."""
    return int.from_bytes(hashlib.sha256(ref.encode()).digest()[:6], "big")


def _spellings(value: facts.Value) -> list[str]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [f"{value:,}", str(value)]
    if isinstance(value, float):
        return [f"{value:g}", str(value)]
    if isinstance(value, tuple):
        return [", ".join(value)]
    return [value]


def fact_card(fact: facts.Fact) -> Flashcard:
    """The fact's summary with its value blanked out when it says it, else the fact's name;
    the back gives the value, its unit, the summary and the source."""
    title = topics.topic(fact.topic).title
    front = None
    for spelling in _spellings(fact.value):
        # Whole numbers only: the 3 of "default 3" must not blank the 3 of "32 KB".
        pattern = re.compile(rf"(?<![\w.,]){re.escape(spelling)}(?![\w]|[.,]\d)")
        if pattern.search(fact.summary):
            front = pattern.sub("_____", fact.summary, count=1)
            break
    if front is None:
        name = fact.key.split(".", 1)[1].replace("_", " ")
        unit = f" (in {fact.unit})" if fact.unit and fact.unit != "date" else ""
        front = f"What is the {name}{unit}?"
    value = _spellings(fact.value)[0]
    unit = "" if fact.unit in ("", "date") else f" {fact.unit}"
    back = f"{value}{unit}. {fact.summary} Source: {fact.source} (checked {fact.verified_on})."
    return Flashcard(f"fact:{fact.key}", fact.topic, f"{title}: {front}", back)


def question_card(item: Item, learner_name: str) -> Flashcard:
    """The question with its options in the learner's order; the back, the right answer
    and why."""
    q = shuffled(item.question, learner_name)
    options = "\n".join(f"{LETTERS[i]}. {o.text}" for i, o in enumerate(q.options))
    right = "\n".join(
        f"{LETTERS[i]}. {o.text}: {o.explanation}" for i, o in enumerate(q.options) if o.correct
    )
    return Flashcard(f"question:{item.id}", item.topic, f"{q.prompt}\n\n{options}", right)


def deck(bank: Iterable[Item], learner_name: str) -> dict[str, Flashcard]:
    """Every card the course can show: the facts first (the order new cards come in), then
    every question (shown once missed)."""
    cards = {c.ref: c for c in map(fact_card, facts.FACTS.values())}
    cards.update((c.ref, c) for c in (question_card(i, learner_name) for i in bank))
    return cards


def add_missed(store: Store, question_ids: Iterable[str], now: float) -> None:
    """Make each missed question a card, due now (a card it already is keeps its schedule)."""
    rows = [
        (f"question:{q}", fsrs.Card(card_id=_card_id(f"question:{q}"), due=_when(now)).to_json(),
         now, now)
        for q in question_ids
    ]  # fmt: skip
    with store.write() as conn:
        conn.executemany("INSERT OR IGNORE INTO cards VALUES (?,?,?,?)", rows)


def _day_start(now: float) -> float:
    """Midnight (local time) of the day ``now`` falls in: "today" is the learner's day."""
    t = time.localtime(now)
    return time.mktime((t.tm_year, t.tm_mon, t.tm_mday, 0, 0, 0, 0, 0, -1))


def _new_left(store: Store, now: float) -> int:
    start = _day_start(now)
    today = store.read(
        "SELECT count(*) FROM cards WHERE introduced >= ? AND ref LIKE 'fact:%'", (start,)
    )
    return max(0, NEW_PER_DAY - (today[0][0] if today else 0))


def _unseen_facts(store: Store, cards: dict[str, Flashcard]) -> list[str]:
    seen = {r for (r,) in store.read("SELECT ref FROM cards")}
    return [ref for ref in cards if ref.startswith("fact:") and ref not in seen]


def next_card(
    store: Store, cards: dict[str, Flashcard], now: float
) -> tuple[Flashcard, fsrs.Card] | None:
    """The card most overdue now, else a new fact card if today's allowance is not used."""
    offset, page = 0, 64
    while True:
        rows = store.read(
            "SELECT ref, card FROM cards WHERE due <= ? ORDER BY due, ref LIMIT ? OFFSET ?",
            (now, page, offset),
        )
        for ref, state in rows:
            if ref in cards:
                return cards[ref], fsrs.Card.from_json(state)
        if len(rows) < page:
            break
        offset += page
    if _new_left(store, now) > 0:
        unseen = _unseen_facts(store, cards)
        if unseen:
            return cards[unseen[0]], fsrs.Card(card_id=_card_id(unseen[0]), due=_when(now))
    return None


def due_today(store: Store, cards: dict[str, Flashcard], now: float) -> int:
    """Cards due before the end of the learner's day, plus the new cards still to come."""
    end = _day_start(now) + 86_400
    due = sum(r in cards for (r,) in store.read("SELECT ref FROM cards WHERE due < ?", (end,)))
    return due + min(_new_left(store, now), len(_unseen_facts(store, cards)))


def review(store: Store, card: Flashcard, state: fsrs.Card, rating: str, now: float) -> fsrs.Card:
    """Record a review rated ``Again``, ``Hard``, ``Good`` or ``Easy``; return the new state."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {list(RATINGS)}, got {rating!r}")
    new, _log = SCHEDULER.review_card(state, RATINGS[rating], _when(now))
    with store.write() as conn:
        conn.execute(
            "INSERT INTO cards VALUES (?,?,?,?) ON CONFLICT(ref) DO UPDATE"
            " SET card = excluded.card, due = excluded.due",
            (card.ref, new.to_json(), new.due.timestamp(), now),
        )
        conn.execute(
            "INSERT INTO reviews (ref, rating, at) VALUES (?,?,?)",
            (card.ref, int(RATINGS[rating]), now),
        )
    return new
