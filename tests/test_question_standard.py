"""Every topic's question bank meets the exam's standard, and each rule can fail.

The rules live in the package (``quiz.bank_problems``) so that the conformance test and
authors use the same ones; this file runs them over every registered topic that has a
question bank, shows each rule failing on a deliberately bad bank, and checks that the
assignments' lettered scenario answers are spread over the letters too.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from aws_compute_course import facts, quiz, topics
from aws_compute_course.quiz import Option, Question

ROOT = Path(__file__).resolve().parent.parent
BANKS = [t for t in topics.all_topics() if (t.folder / "questions.py").is_file()]


def bank_of(t: topics.Topic) -> tuple[Question, ...]:
    return importlib.import_module(f"{t.module}.questions").QUESTIONS


def test_the_three_built_topics_have_banks():
    assert {"ec2", "spot", "lambda"} <= {t.id for t in BANKS}


@pytest.mark.parametrize("t", BANKS, ids=lambda t: t.id)
def test_every_bank_meets_the_standard(t):
    problems = quiz.bank_problems(bank_of(t))
    assert not problems, f"topic {t.id!r}'s questions fall short:\n" + "\n".join(
        f"  - {p}" for p in problems
    )


# --- a bank that passes, and one bad change per rule ------------------------------------

SCENARIO = (
    "A company runs a steady workload across several accounts and Regions and must keep it "
    "available through an Availability Zone failure while it migrates from its data centre. "
    "The finance team wants predictable bills, the security team wants no long-term "
    "credentials, and the operations team is small and already busy with the migration work. "
    "The workload cannot be interrupted during business hours and must scale with demand, "
    "which doubles every December and halves again in January. The company also plans to "
    "move part of it to containers next year. Which solution is the MOST cost-effective?"
)
SHORT = "Which option fits this small workload best?"
WHY = "Because of the constraints this scenario states, this option is {}."


def option(text: str, correct: bool = False, **kw: object) -> Option:
    return Option(text, correct, WHY.format("right" if correct else "wrong"), **kw)


def single(n: int, answer: int, prompt: str = SCENARIO) -> Question:
    """Four options, the correct one at ``answer`` and shorter than the longest wrong one."""
    texts = [f"Wrong option {n}.{i}, long enough to be the longest" for i in range(4)]
    texts[answer] = f"Right option {n}"
    return Question(f"q{n}", prompt, tuple(option(t, i == answer) for i, t in enumerate(texts)))


def choose_two(n: int, answers: tuple[int, int], prompt: str = SCENARIO + " (Choose two.)"):
    texts = [f"Wrong option {n}.{i}, long enough to be the longest" for i in range(5)]
    for a in answers:
        texts[a] = f"Right option {n}.{a}"
    return Question(
        f"q{n}",
        prompt,
        tuple(option(t, i in answers) for i, t in enumerate(texts)),
        multi=True,
    )


def good_bank() -> list[Question]:
    """16 questions: answers spread over A-D, 10 scenarios, 2 choose-two, 1 obsolete."""
    bank = [single(n, n % 4, SCENARIO if n < 8 else SHORT) for n in range(14)]
    bank += [choose_two(14, (0, 2)), choose_two(15, (1, 3))]
    obsolete = bank[0].options[1]
    bank[0] = Question(
        "q0",
        SCENARIO,
        (
            bank[0].options[0],
            Option(obsolete.text, False, obsolete.explanation, obsolete=True),
            *bank[0].options[2:],
        ),
    )
    return bank


def test_the_good_bank_passes_every_rule():
    assert quiz.bank_problems(good_bank()) == []
    summary = quiz.bank_summary(good_bank())
    assert summary["questions"] == 16
    assert summary["scenarios"] == 10
    assert summary["choose_n"] == 2
    assert summary["obsolete"] == 1
    assert summary["longest_correct"] == 0
    assert summary["positions"] == {"A": 5, "B": 5, "C": 4, "D": 4}


def _replace(bank: list[Question], index: int, q: Question) -> list[Question]:
    return [*bank[:index], q, *bank[index + 1 :]]


def _too_few() -> list[Question]:
    return good_bank()[:3]


def _all_answers_a() -> list[Question]:
    bank = good_bank()
    return [single(n, 0, q.prompt) if not q.multi else q for n, q in enumerate(bank)]


def _correct_longest() -> list[Question]:
    bank = good_bank()
    for n in range(7):
        q, answer = bank[n], n % 4
        texts = [f"Wrong {n}.{i}" for i in range(4)]
        texts[answer] = "Right, and by far the longest option of them all"
        bank[n] = Question(
            q.id, q.prompt, tuple(option(t, i == answer) for i, t in enumerate(texts))
        )
    return bank


def _short_prompts() -> list[Question]:
    return [
        Question(q.id, SHORT + (" (Choose two.)" if q.multi else ""), q.options, q.multi)
        if q.prompt == SCENARIO
        else q
        for q in good_bank()
    ]


def _no_qualifier() -> list[Question]:
    return [
        Question(
            q.id, q.prompt.replace("MOST cost-effective", "most cost-effective"), q.options, q.multi
        )
        for q in good_bank()
    ]


def _one_choose_two() -> list[Question]:
    bank = good_bank()
    return _replace(bank, 15, single(15, 3, SCENARIO))


def _choose_two_not_said() -> list[Question]:
    bank = good_bank()
    q = bank[15]
    return _replace(bank, 15, Question(q.id, SCENARIO, q.options, multi=True))


def _choose_three_said_for_two() -> list[Question]:
    bank = good_bank()
    q = bank[15]
    return _replace(bank, 15, Question(q.id, SCENARIO + " (Choose three.)", q.options, True))


def _choose_said_single() -> list[Question]:
    bank = good_bank()
    return _replace(bank, 13, single(13, 1, SCENARIO + " (Choose two.)"))


def _two_obsolete() -> list[Question]:
    bank = good_bank()
    q = bank[1]
    options = list(q.options)
    wrong = next(i for i, o in enumerate(options) if not o.correct)
    options[wrong] = Option(options[wrong].text, False, options[wrong].explanation, obsolete=True)
    return _replace(bank, 1, Question(q.id, q.prompt, tuple(options)))


def _thin_explanation() -> list[Question]:
    bank = good_bank()
    q = bank[2]
    options = list(q.options)
    options[0] = Option(options[0].text, options[0].correct, "Wrong.")
    return _replace(bank, 2, Question(q.id, q.prompt, tuple(options)))


def _three_options() -> list[Question]:
    bank = good_bank()
    q = bank[3]
    right = tuple(o for o in q.options if o.correct)
    kept = (*right, *tuple(o for o in q.options if not o.correct)[:2])
    return _replace(bank, 3, Question(q.id, q.prompt, kept))


RULES = {
    "at least 15 questions": (_too_few, r"3 questions; the standard asks for at least 15"),
    "no position above 40%": (_all_answers_a, r"position A holds .* at most 40% may"),
    "correct not longest above 40%": (_correct_longest, r"correct option is the longest in 7"),
    "half are 80-200 word scenarios": (_short_prompts, r"multi-constraint scenarios"),
    "a qualifier, as the exam writes it": (_no_qualifier, r"0 of 16 .* multi-constraint"),
    "at least two choose-N": (_one_choose_two, r"1 choose-two or choose-three questions"),
    "choose-N says so": (
        _choose_two_not_said,
        r"q15: a multi-answer question must .*'Choose two\.'",
    ),
    "choose-N says the right number": (_choose_three_said_for_two, r"q15: a multi-answer"),
    "no choose-N wording on a single answer": (_choose_said_single, r"q13: says 'Choose two\.'"),
    "at most one obsolete distractor": (_two_obsolete, r"2 distractors rely on an obsolete"),
    "every option explains itself": (_thin_explanation, r"q2: option A .* no real explanation"),
    "at least four options": (_three_options, r"q3: 3 options; at least 4"),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_fails_on_a_bank_that_breaks_it(rule):
    make, message = RULES[rule]
    problems = quiz.bank_problems(make())
    assert any(re.search(message, p) for p in problems), problems
    if rule not in {
        "at least 15 questions",
        "at least two choose-N",
        "choose-N says so",
        "choose-N says the right number",
    }:
        # The change breaks this rule and nothing else.
        assert len(problems) == 1, problems


def test_a_bank_of_something_else_is_refused():
    with pytest.raises(TypeError):
        quiz.bank_problems([object()])


@pytest.mark.parametrize(
    ("words", "scenario"), [(79, False), (80, True), (200, True), (201, False)]
)
def test_a_scenario_has_80_to_200_words(words, scenario):
    prompt = " ".join(["word"] * (words - 2)) + " MOST resilient?"
    q = single(0, 0, prompt)
    assert quiz.prompt_words(q) == words
    assert quiz.is_scenario(q) is scenario


def test_the_qualifier_list_holds_the_exams_wording():
    for qualifier in (
        "MOST cost-effective",
        "LEAST operational overhead",
        "MOST operationally efficient",
        "MOST resilient",
        "LOWEST latency",
        "FEWEST changes",
    ):
        assert qualifier in quiz.QUALIFIERS
    assert quiz.qualifier(single(0, 0, "Which is the least operational overhead?")) is None


# --- the assignments: the letters the learner sees are the letters graded ---------------

ANSWER = re.compile(r'^answer_q(\d+)\s*=\s*"([A-Z])"', re.MULTILINE)
ASSIGNMENTS = sorted((ROOT / "solutions").glob("*/*.ipynb"))


def scenario_answers(path: Path) -> dict[str, str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            found |= {f"q{n}": letter for n, letter in ANSWER.findall(source)}
    return found


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=lambda p: p.parent.name)
def test_assignment_answers_are_spread_over_the_letters(path):
    answers = scenario_answers(path)
    counts = {letter: list(answers.values()).count(letter) for letter in set(answers.values())}
    worst = max(counts.values())
    assert worst <= quiz.MAX_POSITION_SHARE * len(answers) or worst == 1, (
        f"{path.name}: answers {answers} put {worst} on one letter"
    )


def test_lambda_q5_states_the_status_codes_the_facts_give():
    nb = json.loads((ROOT / "solutions/lambda/lambda.ipynb").read_text(encoding="utf-8"))
    cells = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in nb["cells"]}
    rejected = facts.integer("lambda.apigateway_invoke_rejected_status")
    function_error = facts.integer("lambda.apigateway_function_error_status")
    throttled = facts.integer("lambda.apigateway_throttle_status")
    assert f"HTTP {rejected} responses" in cells["q5_prompt"]
    assert f"answers {throttled} Too Many Requests" in cells["q5_answer"]
    assert f"reaches the client as a {function_error}" in cells["q5_answer"]
    assert f"HTTP {throttled}" not in cells["q5_prompt"]
