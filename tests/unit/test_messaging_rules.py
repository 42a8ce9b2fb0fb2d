"""Templates, preferences, quiet hours and the retry schedule."""

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.messaging import Message
from propcore.messaging.backoff import MAX_ATTEMPTS, gives_up, retry_delay
from propcore.messaging.preference_input import read_preferences
from propcore.messaging.preferences import (
    INBOX,
    OPTIONAL_KINDS,
    Preferences,
    QuietHours,
)
from propcore.messaging.templates import TEMPLATES, UnknownTemplateError, render
from tests.strategies import clock_times, message_kinds

ME = new_id()


def _message(template="bill_issued", language="zh_CN", **params) -> Message:
    params = params or {"period": "2026-11", "amount": "¥337.40", "due": "12-15"}
    return Message(ME, template, params, language=language, kind="bill", key="k")


def test_a_message_is_rendered_in_the_recipients_language() -> None:
    chinese = render(_message())
    english = render(_message(language="en"))

    assert chinese.subject == "账单已出：2026-11"
    assert "¥337.40" in chinese.text
    assert "¥337.40" in chinese.sms
    assert english.text == "Your bill for 2026-11 is ¥337.40, due by 12-15."


def test_an_unknown_language_falls_back_to_chinese() -> None:
    assert render(_message(language="fr")).subject == "账单已出：2026-11"


def test_parameters_are_escaped_in_html_and_never_evaluated() -> None:
    rendered = render(
        _message("notice_published", title="{0.__class__}", body="<b>停水</b> & ${x}")
    )

    assert rendered.subject == "{0.__class__}"
    assert rendered.text == "<b>停水</b> & ${x}"
    assert rendered.html == "<p>&lt;b&gt;停水&lt;/b&gt; &amp; ${x}</p>"


def test_an_unknown_template_or_missing_parameter_can_never_be_sent() -> None:
    with pytest.raises(UnknownTemplateError) as unknown:
        render(_message("no_such_template"))
    with pytest.raises(UnknownTemplateError, match="amount"):
        render(_message(period="2026-11", due="12-15"))

    assert unknown.value.temporary is False


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_has_both_languages_and_a_short_sms(template) -> None:
    assert set(TEMPLATES[template]) == {"zh_CN", "en"}
    for text in TEMPLATES[template].values():
        assert len(text.sms) <= 70


@given(message_kinds(), st.sets(message_kinds()))
def test_bills_and_safety_cannot_be_opted_out_of(kind, opted) -> None:
    preferences = Preferences(ME, opted_out=frozenset(opted & OPTIONAL_KINDS))

    channels = preferences.channels_for(kind)

    assert (INBOX in channels) == (kind not in opted or kind not in OPTIONAL_KINDS)
    assert INBOX in Preferences(ME).channels_for(kind)


def test_opting_out_of_a_bill_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        read_preferences(ME, {"opted_out": ["bill", "event"]})

    assert refused.value.fields == ("opted_out",)


def test_chosen_channels_replace_the_defaults_but_keep_the_inbox() -> None:
    chosen = read_preferences(ME, {"channels": {"bill": ["sms"], "notice": []}})

    assert chosen.channels_for("bill") == {"sms", INBOX}
    assert chosen.channels_for("notice") == {INBOX}


def test_a_half_given_or_malformed_quiet_period_is_refused() -> None:
    with pytest.raises(InvalidInputError) as half:
        read_preferences(ME, {"quiet_start": "22:00"})
    with pytest.raises(InvalidInputError) as malformed:
        read_preferences(ME, {"quiet_start": "25:00", "quiet_end": "07:00"})

    assert half.value.fields == ("quiet_end",)
    assert malformed.value.fields == ("quiet_start",)


@given(clock_times(), clock_times(), clock_times())
def test_quiet_hours_hold_back_only_until_they_end(start, end, moment) -> None:
    quiet = QuietHours(start, end)
    local = datetime(2026, 12, 1, moment.hour, moment.minute, tzinfo=UTC)

    released = Preferences(ME, quiet=quiet).holds_back(False, local)

    if released is None:
        assert not quiet.contains(moment)
    else:
        assert quiet.contains(moment)
        assert local < released <= local + timedelta(days=1)
        assert not quiet.contains(released.time())


@given(clock_times())
def test_urgent_messages_ignore_quiet_hours(moment) -> None:
    quiet = QuietHours(time(0, 0), time(23, 59))
    local = datetime(2026, 12, 1, moment.hour, moment.minute, tzinfo=UTC)

    assert Preferences(ME, quiet=quiet).holds_back(True, local) is None


def test_quiet_hours_may_span_midnight() -> None:
    quiet = QuietHours(time(22, 0), time(7, 0))

    assert [quiet.contains(time(h)) for h in (21, 22, 3, 7)] == [
        False,
        True,
        True,
        False,
    ]


@given(st.integers(1, MAX_ATTEMPTS), st.floats(0, 1, exclude_max=True))
def test_each_retry_waits_about_twice_as_long_as_the_one_before(n, jitter) -> None:
    nominal = timedelta(minutes=2 ** (n - 1))

    delay = retry_delay(n, lambda: jitter)

    assert nominal * 0.8 <= delay <= nominal * 1.2  # to the microsecond


def test_the_relay_gives_up_after_eight_tries() -> None:
    assert [gives_up(n) for n in (1, 7, 8)] == [False, False, True]
