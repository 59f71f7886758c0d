"""Flashcards: cards from the facts registry and from missed questions, scheduled by fsrs."""

from __future__ import annotations

from datetime import timedelta

import fsrs
import pytest
from practice_helpers import START, Clock, small_bank

from aws_compute_course import facts
from aws_compute_course.practice import cards
from aws_compute_course.practice.session import Practice
from aws_compute_course.practice.store import Store

BANK = small_bank()
DAY = 86_400.0


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "p.sqlite3")


def test_every_fact_becomes_a_card_with_value_unit_and_source():
    deck = cards.deck(BANK, "alice")
    for fact in facts.FACTS.values():
        card = deck[f"fact:{fact.key}"]
        assert fact.source in card.back and fact.verified_on in card.back
        assert fact.summary in card.back
    memory = deck["fact:lambda.memory_max_mb"]
    assert memory.back.startswith("10,240 MB.")
    assert "10,240" not in memory.front and "_____" in memory.front


def test_a_number_is_blanked_whole_not_inside_another():
    fact = facts.Fact(
        "route53.x", 3, "checks", "Default 3 checks; 32 KB frames; 3.5 s.",
        facts.FACTS["route53.weighted_records_max"].provenance, "route53",
    )  # fmt: skip
    assert cards.fact_card(fact).front == "Route 53: Default _____ checks; 32 KB frames; 3.5 s."


def test_missed_questions_become_cards_due_at_once(store):
    deck = cards.deck(BANK, "alice")
    cards.add_missed(store, ["spot-2"], START)
    card, state = cards.next_card(store, deck, START)
    assert card.ref == "question:spot-2" and state.due.timestamp() == START
    assert "option 2 of spot-2: why option 2 of spot-2 is so" in card.back
    # The front shows the options in the learner's order.
    assert card.front != cards.deck(BANK, "bob")["question:spot-2"].front


def test_fsrs_schedules_and_the_file_keeps_its_state(store):
    deck = cards.deck(BANK, "alice")
    cards.add_missed(store, ["ec2-1"], START)
    card, state = cards.next_card(store, deck, START)
    after = cards.review(store, card, state, "Good", START)
    expected, _ = cards.SCHEDULER.review_card(
        fsrs.Card(card_id=state.card_id, due=state.due), fsrs.Rating.Good, state.due
    )
    assert after.due == expected.due and after.stability == expected.stability
    assert after.due - state.due == timedelta(minutes=10)  # the second learning step
    # Not due in between; due again when fsrs says.
    assert cards.next_card(store, {"question:ec2-1": card}, START + 60) is None
    again = cards.next_card(store, deck, after.due.timestamp())
    assert again[0].ref == "question:ec2-1" and again[1].step == after.step
    assert store.read("SELECT ref, rating FROM reviews") == [("question:ec2-1", 3)]
    with pytest.raises(ValueError, match="rating must be one of"):
        cards.review(store, card, state, "Perfect", START)


def test_new_fact_cards_are_limited_per_day_and_due_today_counts_them(store):
    deck = cards.deck(BANK, "alice")
    clock = Clock()
    assert cards.due_today(store, deck, clock()) == cards.NEW_PER_DAY
    shown = []
    for _ in range(cards.NEW_PER_DAY):
        card, state = cards.next_card(store, deck, clock())
        shown.append(card.ref)
        cards.review(store, card, state, "Easy", clock())
    facts_in_order = [r for r in deck if r.startswith("fact:")]
    assert shown == facts_in_order[: cards.NEW_PER_DAY]
    assert cards.next_card(store, deck, clock()) is None
    assert cards.due_today(store, deck, clock()) == 0
    nxt = cards.next_card(store, deck, clock() + DAY)
    assert nxt is not None and nxt[0].ref == facts_in_order[cards.NEW_PER_DAY]


def test_a_card_whose_question_left_the_course_is_skipped(store):
    cards.add_missed(store, ["gone-question"], START - 20)  # the most overdue
    cards.add_missed(store, ["ec2-5"], START - 10)
    deck = cards.deck(BANK, "alice")
    assert cards.next_card(store, deck, START)[0].ref == "question:ec2-5"
    assert "question:gone-question" not in deck


def test_an_exam_makes_its_missed_questions_cards():
    p = Practice(bank=BANK, learner_name="alice", clock=Clock())
    exam = p.start_exam("custom", shape=(3, 10))
    right = exam.items[0].question.correct_indices
    exam.answer(right, START)
    p.submit(exam)
    refs = {r for (r,) in p.store.read("SELECT ref FROM cards")}
    assert refs == {f"question:{i.id}" for i in exam.items[1:]}
    p.submit(exam)  # again: recorded once
    assert p.store.read("SELECT count(*) FROM attempts") == [(3,)]
