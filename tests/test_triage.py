"""The worry check's decision: which advice shows for what was ticked (pure, no widgets)."""

from __future__ import annotations

import pytest

from widgets.core.triage import SEVERITY, triage
from widgets.views.help import WorryCheck

CHECK = {
    "symptoms": [{"id": level, "text": level, "level": level} for level in SEVERITY],
    "advice": {level: f"advice {level}" for level in (*SEVERITY, "none")},
    "always": "always",
}


def advice_for(*ticked: str) -> tuple[str, list[str]]:
    return triage(CHECK, list(ticked))


def test_nothing_ticked_gives_the_none_advice_then_always():
    assert advice_for() == ("none", ["advice none", "always"])


@pytest.mark.parametrize("level", SEVERITY)
def test_one_symptom_gives_its_own_level(level):
    assert advice_for(level) == (level, [f"advice {level}", "always"])


def test_the_most_serious_level_wins():
    assert advice_for("clinician", "urgent", "stop")[1] == ["advice stop", "always"]


def test_crisis_and_poison_advice_are_kept_under_an_emergency_after_it():
    level, advice = advice_for("emergency", "crisis", "poison")
    assert level == "emergency"
    assert advice == ["advice emergency", "advice crisis", "advice poison", "always"]


def test_poison_help_is_not_hidden_by_a_crisis():
    assert advice_for("crisis", "poison", "urgent")[1] == [
        "advice crisis",
        "advice poison",
        "always",
    ]


def test_stop_advice_is_not_hidden_by_poison_help_or_a_crisis():
    assert advice_for("poison", "stop")[1] == ["advice poison", "advice stop", "always"]
    assert advice_for("crisis", "stop")[1] == ["advice crisis", "advice stop", "always"]


def test_stop_advice_is_kept_under_an_emergency_after_it():
    assert advice_for("emergency", "stop")[1] == ["advice emergency", "advice stop", "always"]


def test_unknown_symptom_is_refused():
    with pytest.raises(ValueError, match="unknown symptom"):
        advice_for("headache-of-some-kind")


def advice_shown(check, *ticked: str) -> str:
    """What the worry check shows after ticking these symptoms and asking for advice."""
    view = WorryCheck(check)
    ids = [s["id"] for s in check["symptoms"]]
    view.choice.selected = [ids.index(t) for t in ticked]
    view.answer()
    return view.advice.value


def test_widget_shows_the_poison_advice_with_its_title(the_course):
    shown = advice_shown(the_course.worry_check, "took-too-much")
    assert "Call Poison Help now:" in shown
    assert "1-800-222-1222" in shown


def test_widget_bladder_signs_say_stop_and_high_blood_pressure_does_not(the_course):
    check = the_course.worry_check
    assert "Stop and get medical care today:" in advice_shown(check, "bladder-signs")
    shown = advice_shown(check, "high-blood-pressure")
    assert "Contact your prescriber or get care today:" in shown
    assert "before any more ketamine" in shown


def test_widget_took_too_much_and_bladder_signs_shows_poison_help_and_stop(the_course):
    shown = advice_shown(the_course.worry_check, "took-too-much", "bladder-signs")
    assert "Call Poison Help now:" in shown
    assert "1-800-222-1222" in shown
    assert "Stop using ketamine and get medical care today." in shown


# --- A very high blood pressure reading: an emergency with its warning signs ------------

BP_EMERGENCY = "stroke-or-brain-signs"


def test_a_very_high_reading_with_vision_changes_is_an_emergency_with_911_first(the_course):
    check = the_course.worry_check
    level, advice = triage(check, [BP_EMERGENCY])
    assert level == "emergency"
    assert advice == [check["advice"]["emergency"], check["always"]]
    assert advice[0].startswith("Call 911 now.")
    assert "Emergency:" in advice_shown(check, BP_EMERGENCY)


def test_a_very_high_reading_alone_is_urgent(the_course):
    """Its text names the signs that would make it an emergency: the registry's
    care-today-names-emergency-signs rule checks that."""
    assert triage(the_course.worry_check, ["high-blood-pressure"])[0] == "urgent"


def test_a_blood_pressure_emergency_with_suicidal_thoughts_keeps_the_crisis_advice(the_course):
    check = the_course.worry_check
    level, advice = triage(check, [BP_EMERGENCY, "suicidal-thoughts"])
    assert level == "emergency"
    assert advice == [check["advice"]["emergency"], check["advice"]["crisis"], check["always"]]


@pytest.mark.parametrize("also, extra", [("took-too-much", "poison"), ("bladder-signs", "stop")])
def test_a_blood_pressure_emergency_keeps_poison_and_bladder_advice_after_911(
    the_course, also, extra
):
    """The rule (EXTRA_LINES): a more serious level never hides poison or bladder advice;
    911 comes first."""
    check = the_course.worry_check
    level, advice = triage(check, [BP_EMERGENCY, also])
    assert level == "emergency"
    assert advice == [check["advice"]["emergency"], check["advice"][extra], check["always"]]
    assert advice[0].startswith("Call 911 now")
