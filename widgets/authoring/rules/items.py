"""Item-writing rules: no choice item a learner can answer by its cues alone.

A test-wise learner who never read the course picks the longest option, the one
hedged option beside absolute ones, or the option that opens unlike the rest. Each
rule here finds one such tell, in the single- and multiple-choice questions and
exercises and in every form of the before/after check, or across the bank (how often
the key is the longest option, where the keys stand). The guidelines they follow are
Haladyna, Downing & Rodriguez (2002), "A review of multiple-choice item-writing
guidelines for classroom assessment", Applied Measurement in Education 15(3), 309-334
(cited below as HDR 2002 with its guideline number, of 31), and the NBME item-writing
guide, "Constructing Written Test Questions for the Basic and Clinical Sciences" (its
flaws that help test-wise examinees).

`bank_stats` is what the bank rules judge and what `validate` prints as its summary
line (`summary_line`): one count, used by both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from widgets.authoring.rules.breaking import edit_yaml
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule
from widgets.core.loader import load_course
from widgets.core.model import Course, Problem
from widgets.core.types import Stage

# --- Thresholds and word lists: every number and word the rules below use -------------

# The key may be at most this many times as long as the longest wrong option. HDR 2002
# guideline 24 ("keep the length of choices about equal"); the NBME guide names a
# correct answer "longer, more specific, or more complete" than the others among the
# flaws that help test-wise examinees. 1.25 leaves room for a key needing a few words.
LENGTH_RATIO = 1.25

# Across the bank, the key may be the strictly longest option in at most this share of
# items. With 3 or 4 options of about equal length, chance is 25-33% (HDR 2002 guideline
# 24). Before/after forms have 3 options (chance 33%), so their limit is higher.
LONGEST_SHARE_MAX_SINGLE = 0.35
LONGEST_SHARE_MAX_FORMS = 0.40

# In the authored order of single-choice items with this many options, no position may
# hold more than this share of the keys (chance is 25%). HDR 2002 guideline 20 ("vary the
# location of the right answer according to the number of choices"). The seeded shuffle
# does not excuse a pattern in the authored order: a question with `shuffle: false`
# shows it, and so does the answer key.
KEY_POSITION_OPTIONS = 4
KEY_POSITION_MAX = 0.40

# An absolute or polarity tell needs at least this many wrong options that agree: with
# one, the "pattern" is a single option. A polarity tell ("Yes." "Yes." "No.") breaks
# HDR 2002 guideline 23 ("keep choices homogeneous in content and grammatical
# structure") and 28 (clues: a conspicuous correct choice).
MIN_DISTRACTORS = 2

# Hedge words: a careful key that alone says "may" or "not proven" beside confident
# wrong options is a cue (HDR 2002 guideline 28, "avoid giving clues to the right
# answer": a conspicuous correct choice; the NBME guide's test-wiseness flaws, where
# the qualified option is the right one).
# Phrases starting "not" also match with NOT_FILLERS between "not" and the rest
# ("have not been ruled out", "not yet been proven"). A hedge phrase is read first,
# so the "proven" in "not proven" is a hedge, never the absolute word "proven".
HEDGE_WORDS = (
    "may",
    "might",
    "can",
    "could",
    "usually",
    "often",
    "sometimes",
    "some",
    "likely",
    "possibly",
    "generally",
    "tend",
    "tends",
    "not proven",
    "not shown",
    "not ruled out",
    "not yet",
)
NOT_FILLERS = ("been", "yet")

# Absolute words: wrong options that all say "always" or "harmless" while the key does
# not are answered by the rule "absolutes are false" (HDR 2002 guideline 28a, specific
# determiners such as always, never, completely and absolutely; the NBME guide's
# "absolute terms" flaw).
ABSOLUTE_WORDS = (
    "always",
    "never",
    "all",
    "none",
    "every",
    "only",
    "completely",
    "totally",
    "guaranteed",
    "harmless",
    "no risk",
    "no risks",
    "nothing",
    "any",
    "definitely",
    "proven",
    "100%",
)


def _phrase(words: str) -> str:
    parts = [re.escape(w) for w in words.split()]
    if parts[0] == "not" and len(parts) > 1:
        filler = "|".join(NOT_FILLERS)
        return r"not(?:\s+(?:" + filler + r"))*?\s+" + r"\s+".join(parts[1:])
    return r"\s+".join(parts)


def _words(listed: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words and phrases, any case; the longest first, so a phrase wins over a
    word inside it. A word never matches inside another ("some" in "someone") nor a
    contraction's stem ("can" in "can't")."""
    ordered = sorted(listed, key=len, reverse=True)
    alternatives = "|".join(_phrase(w) for w in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)(?!['\u2019]t\b)", re.IGNORECASE)


_HEDGE = _words(HEDGE_WORDS)
_ABSOLUTE = _words(ABSOLUTE_WORDS)


def hedges(text: str) -> list[str]:
    """The hedge words and phrases in a text, as written."""
    return [" ".join(m[0].split()) for m in _HEDGE.finditer(text)]


def absolutes(text: str) -> list[str]:
    """The absolute words in a text, outside its hedge phrases ("not proven" is not
    "proven")."""
    outside = _HEDGE.sub(lambda m: " " * len(m[0]), text)
    return [" ".join(m[0].split()) for m in _ABSOLUTE.finditer(outside)]


def first_word(text: str) -> str:
    """The word an option opens with, in lower case ("Yes." -> "yes")."""
    found = re.match(r"\W*(\w+)", text)
    return found[1].lower() if found else ""


def length(text: str) -> int:
    """An option's length in characters, as a learner reads it (spaces run together)."""
    return len(" ".join(text.split()))


# --- The choice items of a course ------------------------------------------------------

ItemKind = Literal["single", "multiple", "form"]


@dataclass(frozen=True)
class Choice:
    """One choice item: a single- or multiple-choice question or exercise, or one form
    of a before/after asking, with its options in authored order and its keys.

    `name` is short, for lists in a bank problem ("cau-bath", "effects-fade before 2");
    `file` is in the data folder and `item` names it as problems do; `prompt_at`
    matches the end of its prompt's path in the corpus, where its line is."""

    kind: ItemKind
    name: str
    file: str
    item: str
    prompt_at: str
    options: tuple[tuple[str, str], ...]
    keys: frozenset[str]

    @property
    def key_texts(self) -> list[str]:
        return [text for oid, text in self.options if oid in self.keys]

    @property
    def distractors(self) -> list[str]:
        return [text for oid, text in self.options if oid not in self.keys]


def choices(course: Course) -> list[Choice]:
    """Every choice item of the course: the quizzes' single and multiple questions and
    exercises, then each form of each before/after asking."""
    found = []
    for section, quiz in course.quizzes.items():
        for q in (*quiz.questions, *quiz.exercises):
            if q["type"] in ("single", "multiple"):
                answer = q["answer"]
                keys = frozenset([answer] if isinstance(answer, str) else answer)
                found.append(
                    Choice(
                        "single" if q["type"] == "single" else "multiple",
                        q["id"],
                        f"quizzes/{section}.yaml",
                        f"question {q['id']}",
                        f"/{q['id']}/prompt",
                        tuple((o["id"], o["text"]) for o in q["options"]),
                        keys,
                    )
                )
    for idea in course.ideas:
        for stage in ("before", "after"):
            for number, ask in enumerate(idea.forms(stage), 1):
                found.append(
                    Choice(
                        "form",
                        f"{idea.id} {stage} {number}",
                        "prepost.yaml",
                        f"idea {idea.id}, {stage} form {number}",
                        rf"/{re.escape(idea.id)}/{stage}\[{number - 1}\]/prompt",
                        ask.options,
                        frozenset([ask.answer]),
                    )
                )
    return found


def _problem(corpus: Corpus, choice: Choice, reason: str) -> Problem:
    """A problem at the item's prompt: its file and line, as the corpus found them."""
    file = corpus.file(choice.file)
    at = re.compile(choice.prompt_at + "$")
    line = next((t.line for t in corpus.of("yaml") if t.file == file and at.search(t.path)), None)
    return Problem(file, choice.item, reason, line)


# --- Tells in one item -----------------------------------------------------------------


def length_tell(choice: Choice) -> str | None:
    """The key is more than LENGTH_RATIO times as long as the longest wrong option; in
    multiple choice, every key is longer than every wrong option."""
    keys, wrong = [length(t) for t in choice.key_texts], [length(t) for t in choice.distractors]
    if not keys or not wrong:
        return None
    if choice.kind == "multiple":
        if min(keys) > max(wrong):
            return (
                f"every keyed option ({min(keys)} characters or more) is longer than every "
                f"wrong option ({max(wrong)} or fewer): make some wrong options as full"
            )
        return None
    if keys[0] > LENGTH_RATIO * max(wrong):
        return (
            f"the key is {keys[0]} characters, more than {LENGTH_RATIO:g} times the longest "
            f"wrong option ({max(wrong)}): shorten it or make the wrong options as full"
        )
    return None


def hedge_tell(choice: Choice) -> str | None:
    """Only keyed options carry a hedge word."""
    if not choice.distractors or any(hedges(t) for t in choice.distractors):
        return None
    said = sorted({w.lower() for t in choice.key_texts for w in hedges(t)})
    if not said:
        return None
    words = ", ".join(repr(w) for w in said)
    return (
        f"only the key carries a hedge word ({words}): word a wrong option as carefully, "
        "or the key as plainly"
    )


def absolute_tell(choice: Choice) -> str | None:
    """Every wrong option (at least MIN_DISTRACTORS) carries an absolute word and no
    keyed option does."""
    wrong = choice.distractors
    if len(wrong) < MIN_DISTRACTORS or any(absolutes(t) for t in choice.key_texts):
        return None
    found = [absolutes(t) for t in wrong]
    if not all(found):
        return None
    words = ", ".join(repr(w) for w in sorted({w.lower() for ws in found for w in ws}))
    return (
        f"every wrong option carries an absolute word ({words}) and the key none: "
        "'absolutes are false' answers it"
    )


def polarity_tell(choice: Choice) -> str | None:
    """Every wrong option (at least MIN_DISTRACTORS) opens with the same word and no
    keyed option does ("Yes." "Yes." "No.")."""
    opening = {first_word(t) for t in choice.distractors}
    if len(choice.distractors) < MIN_DISTRACTORS or len(opening) != 1:
        return None
    (word,) = opening
    keyed = sorted({first_word(t) for t in choice.key_texts})
    if not keyed or word in keyed:
        return None
    said = ", ".join(repr(w) for w in keyed)
    return (
        f"the wrong options all open with {word!r}, the key with {said}: "
        "open the options alike, or each differently"
    )


def _tell_rule(tell: Callable[[Choice], str | None]) -> Callable[[Corpus], list[Problem]]:
    def check(corpus: Corpus) -> list[Problem]:
        return [
            _problem(corpus, c, reason)
            for c in choices(corpus.loaded())
            if (reason := tell(c)) is not None
        ]

    check.__doc__ = tell.__doc__
    return check


# --- Across the bank -------------------------------------------------------------------


def key_is_longest(choice: Choice) -> bool:
    """The (one) key is strictly longer than every other option."""
    keys = [length(t) for t in choice.key_texts]
    return len(keys) == 1 and all(keys[0] > length(t) for t in choice.distractors)


@dataclass(frozen=True)
class BankStats:
    """How often the key is the longest option, and where the keys stand."""

    singles: tuple[str, ...]  # the single-choice items' names
    singles_longest: tuple[str, ...]  # those whose key is the longest option
    forms: tuple[str, ...]  # the before/after forms' names
    forms_longest: tuple[str, ...]
    by_position: tuple[tuple[str, ...], ...]  # 4-option single items keyed at 1, 2, ...

    @property
    def positioned(self) -> int:
        return sum(len(p) for p in self.by_position)


def bank_stats(course: Course) -> BankStats:
    """The bank's counts, which the bank rules judge and `validate` prints."""
    return stats_of(choices(course))


def stats_of(items: list[Choice]) -> BankStats:
    """The counts over these choice items."""
    singles = [c for c in items if c.kind == "single"]
    forms = [c for c in items if c.kind == "form"]
    positions: list[list[str]] = [[] for _ in range(KEY_POSITION_OPTIONS)]
    for c in singles:
        if len(c.options) == KEY_POSITION_OPTIONS:
            ids = [oid for oid, _ in c.options]
            positions[ids.index(next(iter(c.keys)))].append(c.name)
    return BankStats(
        tuple(c.name for c in singles),
        tuple(c.name for c in singles if key_is_longest(c)),
        tuple(c.name for c in forms),
        tuple(c.name for c in forms if key_is_longest(c)),
        tuple(tuple(p) for p in positions),
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _above(share: float, limit: float) -> str:
    """A share above its limit, in words: with a decimal when whole percents would
    read the same ("35.7%, above the 35% limit")."""
    said = f"{share:.0%}" if f"{share:.0%}" != f"{limit:.0%}" else f"{share:.1%}"
    return f"{said}, above the {limit:.0%} limit"


def summary_line(stats: BankStats) -> str:
    """The one line `validate` prints about the bank."""
    singles, forms = len(stats.singles), len(stats.forms)
    longest_single, longest_form = len(stats.singles_longest), len(stats.forms_longest)
    counts = "/".join(str(len(p)) for p in stats.by_position)
    return (
        f"Item writing: key is the longest option in {longest_single} of {singles} "
        f"single-choice items ({_share(longest_single, singles):.0%}), {longest_form} of "
        f"{forms} before/after forms ({_share(longest_form, forms):.0%}); keys by position "
        f"1-{KEY_POSITION_OPTIONS}: {counts}."
    )


# A bank finding: the file in the data folder, the pool it is about, the reason.
Finding = tuple[str, str, str]


def longest_share_findings(stats: BankStats) -> list[Finding]:
    """The key is the strictly longest option in at most LONGEST_SHARE_MAX_SINGLE of the
    single-choice items and LONGEST_SHARE_MAX_FORMS of the before/after forms."""
    single = ("quizzes", "single-choice items", stats.singles, stats.singles_longest)
    forms = ("prepost.yaml", "before/after forms", stats.forms, stats.forms_longest)
    found = []
    for (file, pool, items, longest), limit in (
        (single, LONGEST_SHARE_MAX_SINGLE),
        (forms, LONGEST_SHARE_MAX_FORMS),
    ):
        share = _share(len(longest), len(items))
        if share > limit:
            reason = (
                f"the key is the longest option in {len(longest)} of {len(items)} "
                f"({_above(share, limit)}): vary which option is longest ({', '.join(longest)})"
            )
            found.append((file, pool, reason))
    return found


def key_position_findings(stats: BankStats) -> list[Finding]:
    """In authored order, no position holds more than KEY_POSITION_MAX of the keys of
    the single-choice items with KEY_POSITION_OPTIONS options."""
    found = []
    pool = f"single-choice items with {KEY_POSITION_OPTIONS} options"
    for number, keyed in enumerate(stats.by_position, 1):
        share = _share(len(keyed), stats.positioned)
        if share > KEY_POSITION_MAX:
            reason = (
                f"the key is option {number} in {len(keyed)} of {stats.positioned} "
                f"({_above(share, KEY_POSITION_MAX)}): move some keys ({', '.join(keyed)})"
            )
            found.append(("quizzes", pool, reason))
    return found


def _bank_rule(judge: Callable[[BankStats], list[Finding]]) -> Callable[[Corpus], list[Problem]]:
    def check(corpus: Corpus) -> list[Problem]:
        stats = bank_stats(corpus.loaded())
        return [Problem(corpus.file(file), pool, reason) for file, pool, reason in judge(stats)]

    check.__doc__ = judge.__doc__
    return check


# --- Bad examples ----------------------------------------------------------------------

BAD_QUIZ = "quizzes/caution.yaml"


def _add_question(root: Path, qid: str, keys: list[str], wrong: list[str]) -> None:
    """Add a question to a quiz, shaped like its first single-choice one: single with
    one key, multiple with more."""

    def change(data: dict[str, Any]) -> None:
        model = next(q for q in data["questions"] if q["type"] == "single")
        right = [{"id": f"key-{n}", "text": t, "feedback": "Right."} for n, t in enumerate(keys)]
        options = right + [
            {"id": f"wrong-{n}", "text": t, "feedback": "No.", "misconception": "made-up"}
            for n, t in enumerate(wrong)
        ]
        answer: str | list[str] = [o["id"] for o in right] if len(keys) > 1 else "key-0"
        kind = "multiple" if len(keys) > 1 else "single"
        added = {**model, "id": qid, "type": kind, "options": options, "answer": answer}
        added.pop("tags", None)
        data["questions"].append(added)

    edit_yaml(root, BAD_QUIZ, change)


def _lengthen_a_key(root: Path) -> None:
    key = "It is the one option here written out in full, with each detail and reason given."
    _add_question(root, "bad-long-key", [key], ["It is short.", "It is brief.", "It is terse."])


def _hedge_only_the_key(root: Path) -> None:
    key = "It possibly helps, generally for a while."
    wrong = ["It helps each person who tries it.", "It helps a person for a year.", "It helps."]
    _add_question(root, "bad-hedged-key", [key], wrong)


def _make_every_wrong_option_absolute(root: Path) -> None:
    keys = ["It acts on the brain.", "It is a controlled drug."]
    wrong = ["It is always safe.", "It never has side effects."]
    _add_question(root, "bad-absolute-distractors", keys, wrong)


def _asks(data: dict[str, Any], stage: Stage) -> Iterator[dict[str, Any]]:
    """Each form of one asking of every idea in prepost.yaml's data."""
    for idea in data["ideas"]:
        yield from idea[stage]


def _open_the_key_unlike_the_rest(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        form = next(_asks(data, "after"))
        key, *wrong = sorted(form["options"], key=lambda o: o["id"] != form["answer"])
        key["text"] = "False: " + key["text"]
        for option in wrong:
            option["text"] = "True: " + option["text"]

    edit_yaml(root, "prepost.yaml", change)


def _pad(options: list[dict[str, Any]], answer: str) -> None:
    """Make the keyed option the longest by some way."""
    key = next(o for o in options if o["id"] == answer)
    longest = max(len(o["text"]) for o in options)
    key["text"] = key["text"] + " " + "and so on " * (longest // 10 + 1)


def _quizzes(root: Path) -> list[str]:
    return [f"quizzes/{p.name}" for p in sorted((root / "course_data" / "quizzes").glob("*.yaml"))]


def _singles(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The single-choice questions and exercises in a quiz file's data."""
    asked = [*data["questions"], *data.get("exercises", [])]
    return [q for q in asked if q["type"] == "single"]


def _make_every_key_longest(root: Path) -> None:
    def change_quiz(data: dict[str, Any]) -> None:
        for q in _singles(data):
            _pad(q["options"], q["answer"])

    for quiz in _quizzes(root):
        edit_yaml(root, quiz, change_quiz)

    def change_forms(data: dict[str, Any]) -> None:
        for stage in ("before", "after"):
            for form in _asks(data, stage):
                _pad(form["options"], form["answer"])

    edit_yaml(root, "prepost.yaml", change_forms)


def _key_every_question_at_the_rarest_place(root: Path) -> None:
    """Move the key of every single-choice item with KEY_POSITION_OPTIONS options to the
    position that holds the fewest keys now, so that the bank's count must change."""
    now = bank_stats(load_course(root / "course_data", check_schema=False)).by_position
    rarest = min(range(KEY_POSITION_OPTIONS), key=lambda p: len(now[p]))

    def change(data: dict[str, Any]) -> None:
        for q in _singles(data):
            if len(q["options"]) == KEY_POSITION_OPTIONS:
                key = next(o for o in q["options"] if o["id"] == q["answer"])
                q["options"].remove(key)
                q["options"].insert(rarest, key)

    for quiz in _quizzes(root):
        edit_yaml(root, quiz, change)


RULES = (
    Rule(
        "item-key-not-much-longer",
        f"No key is over {LENGTH_RATIO:g} times the longest wrong option; in multiple choice, not "
        "every key is longer.",
        _tell_rule(length_tell),
        _lengthen_a_key,
    ),
    Rule(
        "item-no-lone-hedge",
        "The key is not the only option with a hedge word (may, can, usually, not proven...).",
        _tell_rule(hedge_tell),
        _hedge_only_the_key,
    ),
    Rule(
        "item-no-absolute-distractors",
        "The wrong options do not all carry an absolute word (always, never...) the key lacks.",
        _tell_rule(absolute_tell),
        _make_every_wrong_option_absolute,
    ),
    Rule(
        "item-no-polarity-tell",
        "The wrong options do not all open with one word that the key does not open with.",
        _tell_rule(polarity_tell),
        _open_the_key_unlike_the_rest,
    ),
    Rule(
        "bank-key-rarely-longest",
        f"The key is the longest option in at most {LONGEST_SHARE_MAX_SINGLE:.0%} of single-choice "
        f"items and {LONGEST_SHARE_MAX_FORMS:.0%} of before/after forms.",
        _bank_rule(longest_share_findings),
        _make_every_key_longest,
    ),
    Rule(
        "bank-key-positions-vary",
        f"No position holds more than {KEY_POSITION_MAX:.0%} of the keys of "
        f"{KEY_POSITION_OPTIONS}-option single-choice items.",
        _bank_rule(key_position_findings),
        _key_every_question_at_the_rarest_place,
    ),
)
