"""English words people type: the keys are the same in every language's word catalog.

A choice parameter's words are keyed `parameter.choice` (`category.lecture`); the choice's own
name (what the table lists and stores) is always accepted besides these.
"""

WORDS: dict[str, tuple[str, ...]] = {
    # --- choices of table parameters ---------------------------------------------------------
    "category.lecture": ("lecture",),
    "category.assignment": ("assignment",),
    "category.general": ("general",),
    "scope.today": ("today",),
    "scope.week": ("week",),
    "scope.mentor": ("mentor",),
    "scope.all": ("all",),
    "period.upcoming": ("upcoming",),
    "period.all": ("all",),
    "action.add": ("add",),
    "action.remove": ("remove",),
    "action.list": ("list",),
    "kind.basic": ("basic",),
    "kind.advanced": ("advanced",),
    "kind.optional": ("optional",),
    "kind.quiz": ("quiz",),
    "place.notes": ("notes",),
    "place.mentor": ("mentor",),
    "role.member": ("member",),
    "role.admin": ("admin",),
    "role.mentor": ("mentor",),
    "undo.undo": ("undo",),
    "release.release": ("release",),  # /cohort claim 2#12 release
    "access.link": ("link",),  # /team web link
    "access.revoke": ("revoke",),
    "switch.show": ("show",),  # /team rotation show
    "switch.off": ("off",),
    "every.day": ("day", "daily"),
    "every.week": ("week", "weekly"),
    "notes.on": ("on", "yes"),
    "publish.on": ("on", "yes"),  # /me publish:on
    "publish.off": ("off", "no"),
    "notes.off": ("off", "no"),
    # --- values ------------------------------------------------------------------------------
    "value.none": ("none", "-"),  # no value at all (no country, no office hours)
    "value.off": ("off",),
    "retro.show": ("show",),  # /retro show: read one instead of writing
    # --- days and times ----------------------------------------------------------------------
    "day.today": ("today",),
    "day.tomorrow": ("tomorrow", "tmr"),
    "day.after_tomorrow": (),
    "day.yesterday": ("yesterday",),  # for a retrospective: the study day before
    "day.label": ("day", "date"),  # `day:` before a day inside a retrospective's text
    "day.last_study_day": ("last",),  # the week's last study day (the digest's day)
    "day.next_week": ("next week",),  # before a weekday: that day of next week
    "weekday.mon": ("mon", "monday"),
    "weekday.tue": ("tue", "tues", "tuesday"),
    "weekday.wed": ("wed", "wednesday"),
    "weekday.thu": ("thu", "thur", "thurs", "thursday"),
    "weekday.fri": ("fri", "friday"),
    "weekday.sat": ("sat", "saturday"),
    "weekday.sun": ("sun", "sunday"),
    # Written after a number: `2021년 8월 13일`, `오후 3시 30분` (English has none of these).
    "date.year": (),
    "date.month": (),
    "date.day": (),
    "time.am": (),  # before the hour
    "time.pm": (),
    "time.hour": (),
    "time.minute": (),
    "time.half": (),  # half past the hour
    # --- retrospective field labels (`fact: …`), besides the field's own name ----------------
    "retro.fff.peer": ("peer", "peer-session", "peer session"),
    "retro.fff.fact": ("fact", "facts"),
    "retro.fff.feeling": ("feeling", "feelings"),
    "retro.fff.plan": (
        "plan",
        "future",
        "finding",
        "findings",
        "future plan",
        "future plan & finding",
    ),
    "retro.til.done": ("done",),
    "retro.til.not_done": ("not_done", "not done", "notdone", "todo"),
    "retro.til.learned": ("learned", "learnt", "til"),
    "retro.til.tomorrow": ("tomorrow", "next"),
    "retro.til.impressions": ("impressions", "impression", "thoughts"),
}
