"""`/stats`: the week's questions, answers and retrospectives per member, and retro streaks."""

RETRO = "/retro fact: lectures feeling: fine plan: review"


async def a_week_and_a_half(team) -> None:
    """kim writes every retro from Thursday of Week 1; lee some, away on Tuesday of Week 2."""
    for day, writers in (("05", "kim lee"), ("06", "kim"), ("09", "kim lee"), ("10", "kim")):
        team.at(f"2021-08-{day} 20:00")
        for who in writers.split():
            await team.ok(who, RETRO)
    team.at("2021-08-09 13:00")
    await team.ok("lee", "/away 2021-08-10")
    await team.ok("kim", "/ask What does zero_grad do?")
    await team.ok("kim", "/ask Why scale attention?")
    await team.ok("lee", "/ask Is SVD sorted?")
    await team.ok("lee", "/answer 1 It resets the gradients.")
    await team.ok("park", "/answer 1 Gradients accumulate otherwise.")
    await team.ok("kim", "/accept 1 1")


async def test_stats_counts_this_weeks_work_per_member_busiest_first(team):
    await a_week_and_a_half(team)
    team.at("2021-08-11 14:00")
    reply = await team.say("park", "/stats")
    assert reply.ok and reply.ephemeral
    lines = (await team.ok("park", "/stats")).splitlines()
    assert lines[0].startswith("📊 Week 2 (Mon 2021-08-09 (Day 6) – Fri 2021-08-13 (Day 10))")
    assert lines[0].endswith("questions 3 · answers 2 · retrospectives 3")
    assert lines[1:] == [
        # kim: today (Wed) is not over; Tue, Mon, last Fri and Thu are four days in a row.
        "kim: ❓ asked 2 · 💬 answered 0 (0 accepted) · 📝 retros 2/3 · 🔥 4-day streak",
        # lee: away on Tuesday (not expected, not a break); no retro last Friday.
        "lee: ❓ asked 1 · 💬 answered 1 (1 accepted) · 📝 retros 1/2 · 🔥 1-day streak",
        "park: ❓ asked 0 · 💬 answered 1 (0 accepted) · 📝 retros 0/3 · 🔥 0-day streak",
    ]


async def test_stats_of_a_past_week_counts_as_of_its_end(team):
    await a_week_and_a_half(team)
    team.at("2021-08-11 14:00")
    lines = (await team.ok("kim", "/stats week:1")).splitlines()
    assert lines[0].endswith("questions 0 · answers 0 · retrospectives 3")
    assert "kim: ❓ asked 0 · 💬 answered 0 (0 accepted) · 📝 retros 2/5 · 🔥 2-day streak" in lines
    assert "lee: ❓ asked 0 · 💬 answered 0 (0 accepted) · 📝 retros 1/5 · 🔥 0-day streak" in lines


async def test_a_missed_day_breaks_the_streak_and_the_weekend_does_not(team):
    for day in ("12", "13", "16", "17"):  # Thu, Fri, (weekend), Mon is a holiday, Tue
        team.at(f"2021-08-{day} 20:00")
        if day != "16":
            await team.ok("lee", RETRO)
    team.at("2021-08-18 09:00")  # Wednesday morning: today does not count yet
    assert "🔥 3-day streak" in await team.ok("lee", "/stats")
    team.at("2021-08-19 09:00")  # Wednesday went by without one
    assert "🔥 0-day streak" in await team.ok("lee", "/stats")


async def test_stats_speaks_korean_and_marks_names_as_user_text(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    await harness.ok("<!channel>", "/ask 질문 하나")
    text = await harness.ok("kim", "/stats")
    assert "📊 2주차" in text and "질문 1개" in text
    assert "<!channel>: ❓ 질문 1 · 💬 답변 0 (채택 0) · 📝 회고 0/1 · 🔥 0일 연속" in text


async def test_a_week_before_the_course_or_far_after_is_refused(team):
    assert "0 is not a week number" in await team.rejected("kim", "/stats week:0")
    assert "0 is not a week number" in await team.rejected("kim", "/digest week:0")
    assert "no week 5000" in (await team.rejected("kim", "/stats week:5000")).lower()


async def test_stats_needs_a_team_in_the_channel(harness):
    text = await harness.rejected("kim", "/stats")
    assert "/team setup" in text
