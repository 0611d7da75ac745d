"""The `/stats` page's pictures from the core's numbers (`bot.web.charts`), labelled in the
team's language."""

from __future__ import annotations

from markupsafe import Markup

from adapters.web.svg import heatmap, horizontal_bars, stacked_bars
from bot import i18n
from bot.model.questions import Category
from bot.model.teams import Language
from bot.web.charts import StatsView


def chart_context(lang: Language, view: StatsView) -> dict[str, Markup | list[int]]:
    """The three pictures and the weeks to pick from."""
    weekdays = [i18n.text_of(lang, f"weekday.{day.weekday()}") for day in view.participation.days]
    columns = [
        f"{name} {day.day}" for name, day in zip(weekdays, view.participation.days, strict=True)
    ]
    participation = heatmap(
        i18n.format_text(lang, "web.stats.participation"), columns, view.participation.rows
    )
    series = [i18n.text_of(lang, f"web.category.{c.value}") for c in Category]
    labels = [i18n.format_text(lang, "web.week_short", week=week) for week, _ in view.categories]
    categories = stacked_bars(
        i18n.format_text(lang, "web.stats.categories"),
        labels,
        series,
        [counts for _, counts in view.categories],
    )
    rows = [
        (
            s.name,
            s.streak,
            i18n.format_text(lang, "web.stats.streak_note", retros=s.retros, expected=s.expected),
        )
        for s in view.streaks
    ]
    streaks = horizontal_bars(i18n.format_text(lang, "web.stats.streaks"), rows)
    return {
        "participation": participation,
        "categories": categories,
        "streaks": streaks,
        "weeks": list(range(view.weeks, 0, -1)),
    }
