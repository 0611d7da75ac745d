"""The schema, in SQLAlchemy Core: the repositories map these rows to `bot.model` by hand.

Constraint and index names come from the naming convention, so they are the same on SQLite and
PostgreSQL and a later migration can refer to them by name.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)

from storage import knowledge_tables, search_tables
from storage.instants import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

NOW = text("CURRENT_TIMESTAMP")
"""Server default for creation times the caller left out (UTC on both databases)."""


teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", Text, nullable=False),
    Column("channel_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("zone", Text, nullable=False),
    Column("country", Text, nullable=True),
    Column("language", Text, nullable=False),
    Column("retro_template", Text, nullable=False),
    Column("weekdays", Text, nullable=False),
    Column("next_question_number", Integer, nullable=False, server_default=text("1")),
    # The schedule (bot.model.teams.TeamSchedule); times are "HH:MM" in the team's zone.
    Column("session_time", Text, nullable=False, server_default="16:00"),
    Column("session_reminder_minutes", Integer, nullable=False, server_default=text("10")),
    Column("retro_time", Text, nullable=False, server_default="21:00"),
    Column("assignment_reminder_hours", Text, nullable=False, server_default="24,1"),
    Column("digest_weekday", Integer, nullable=True),
    Column("digest_time", Text, nullable=False, server_default="18:00"),
    Column("office_hours", Text, nullable=True),
    Column("grace_minutes", Integer, nullable=False, server_default=text("120")),
    # Thread replies under question cards recorded as answers (0010).
    Column("capture_threads", Boolean, nullable=False, server_default=false()),
    # "Asked before?" at /ask (0017): off until an admin turns it on.
    Column("similar_check", Boolean, nullable=False, server_default=false()),
    Column("created_at", UtcDateTime, nullable=False, server_default=NOW),
    Column("next_assignment_number", Integer, nullable=False, server_default=text("1")),
    Column("next_note_number", Integer, nullable=False, server_default=text("1")),  # 0011
    UniqueConstraint("platform", "channel_id"),
    # Not unique: a name must not tell one workspace what another has (migration 0005).
    Index("ix_teams_name", "name"),
)

team_days_off = Table(
    "team_days_off",
    metadata,
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("day", Date, nullable=False),
    PrimaryKeyConstraint("team_id", "day"),
)

members = Table(
    "members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("user_id", Text, nullable=False),
    Column("display_name", Text, nullable=False),
    Column("is_admin", Boolean, nullable=False, server_default=text("false")),
    Column("joined_at", UtcDateTime, nullable=False, server_default=NOW),
    # Roles and removal (migration 0012): a mentor flag beside `is_admin`; a removed member's
    # row stays (their questions and answers keep their name).
    Column("is_mentor", Boolean, nullable=False, server_default=false()),
    Column("removed_at", UtcDateTime, nullable=True),
    Column("publish", Boolean, nullable=False, server_default=false()),  # their files (0018)
    UniqueConstraint("team_id", "user_id"),
)

questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("asker_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("assignment", Text, nullable=True),
    Column("study_date", Date, nullable=False),
    Column("asked_at", UtcDateTime, nullable=False),
    Column("status", Text, nullable=False),
    Column("flag", Text, nullable=False),
    Column("flagged_at", UtcDateTime, nullable=True),
    Column("resolved_at", UtcDateTime, nullable=True),
    # No foreign key: answers already point at questions, and a cycle would complicate DDL.
    Column("accepted_answer_id", Integer, nullable=True),
    # Edits and deletions (migration 0007): a deleted question keeps its row and its number.
    Column("edited_at", UtcDateTime, nullable=True),
    Column("edited_by", Integer, ForeignKey("members.id"), nullable=True),
    Column("deleted_at", UtcDateTime, nullable=True),
    Column("deleted_by", Integer, ForeignKey("members.id"), nullable=True),
    Column("source_link", Text, nullable=True),  # the chat message it was saved from (0009)
    Column("topic", Text, nullable=True),  # what the minutes group it under (0013)
    # The cohort mentor holding it (0015): a platform user id, their name, since when.
    Column("claimed_user", Text, nullable=True),
    Column("claimed_name", Text, nullable=True),
    Column("claimed_at", UtcDateTime, nullable=True),
    UniqueConstraint("team_id", "number"),
    Index(None, "team_id", "study_date"),
)

answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", Integer, ForeignKey("questions.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("edited_at", UtcDateTime, nullable=True),
    Column("edited_by", Integer, ForeignKey("members.id"), nullable=True),
    Column("deleted_at", UtcDateTime, nullable=True),
    Column("deleted_by", Integer, ForeignKey("members.id"), nullable=True),
    Column("source_link", Text, nullable=True),  # the chat message it was saved from (0009)
    # A mentor's endorsement, ✅ (migration 0012).
    Column("endorsed_at", UtcDateTime, nullable=True),
    Column("endorsed_by", Integer, ForeignKey("members.id"), nullable=True),
    # Answers are always read by question (get, find, search); PostgreSQL indexes no FK itself.
    Index(None, "question_id"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("study_date", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # Numbered per team, never reused; edits and deletions as for questions (migration 0011).
    Column("number", Integer, nullable=False),
    Column("edited_at", UtcDateTime, nullable=True),
    Column("edited_by", Integer, ForeignKey("members.id"), nullable=True),
    Column("deleted_at", UtcDateTime, nullable=True),
    Column("deleted_by", Integer, ForeignKey("members.id"), nullable=True),
    UniqueConstraint("team_id", "number"),
    # Where it goes in the minutes (0013): "notes", or "mentor" (before the mentor's questions)
    Column("place", Text, nullable=False, server_default="notes"),
    Index(None, "team_id", "study_date"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("occurrence", Text, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("message", Text, nullable=False),  # bot.text.message_to_json
    Column("state", Text, nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", UtcDateTime, nullable=True),
    Column("claimed_until", UtcDateTime, nullable=True),
    Column("sent_at", UtcDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("attachment_name", Text, nullable=True),
    Column("attachment_text", Text, nullable=True),
    Column("unparked_at", UtcDateTime, nullable=True),
    Column("edits", Text, nullable=True),  # a card's message this row edits (0008)
    # Where it goes when not the team's channel top level (0016): a channel, a thread in it.
    Column("channel_id", Text, nullable=True),
    Column("thread_ref", Text, nullable=True),
    UniqueConstraint("team_id", "kind", "occurrence"),
    Index(None, "state", "due_at"),
)

cards = Table(
    "cards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("shows", Text, nullable=False),  # the command line whose reply it shows
    Column("platform", Text, nullable=False),
    Column("channel_id", Text, nullable=False),
    Column("message_ref", Text, nullable=False),  # Slack ts, Discord message id
    Column("posted_at", UtcDateTime, nullable=False),
    Column("thread_ref", Text, nullable=True),  # its thread: Slack ts, Discord thread id
    Column("link", Text, nullable=True),  # a permalink to it
    # The thread was told once that its replies are not recorded (capture off).
    Column("capture_told", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("platform", "channel_id", "message_ref"),
    Index(None, "team_id", "shows"),
)

retros = Table(
    "retros",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("study_date", Date, nullable=False),
    Column("template", Text, nullable=False),
    Column("fields", Text, nullable=False),  # JSON object: field name -> text
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("team_id", "member_id", "study_date"),
    Index(None, "team_id", "study_date"),
)

assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("link", Text, nullable=True),
    Column("created_by", Integer, ForeignKey("members.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("team_id", "number"),
    Index(None, "due_at"),  # the scheduler's due_between, across teams
)

assignment_done = Table(
    "assignment_done",
    metadata,
    Column("assignment_id", Integer, ForeignKey("assignments.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("done_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("assignment_id", "member_id"),
)

away = Table(
    "away",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Index(None, "team_id", "last_day"),
)

# A team's rotation of session roles (`/team rotation`): at most one per team, its order of
# members one row each; the turns are computed from `since` on the study calendar.
rotations = Table(
    "rotations",
    metadata,
    Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
    Column("every", Text, nullable=False),  # "day" or "week"
    Column("notes", Boolean, nullable=False),  # a note-taker is named too
    Column("since", Date, nullable=False),  # the team-local date it was set
    Column("set_at", UtcDateTime, nullable=False),
)

rotation_members = Table(
    "rotation_members",
    metadata,
    Column("team_id", Integer, ForeignKey("rotations.team_id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    PrimaryKeyConstraint("team_id", "position"),
    UniqueConstraint("team_id", "member_id"),
)

# Cohorts (0015): teams of one platform linked to one mentors' channel. A team is in at most one
# cohort (`cohort_teams.team_id` is the key); its `number` there is never reused
# (`cohorts.next_team_number`). Only escalated questions cross into the cohort.
cohorts = Table(
    "cohorts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("platform", Text, nullable=False),
    Column("channel_id", Text, nullable=False),  # the mentors' channel
    Column("language", Text, nullable=False),
    Column("join_code", Text, nullable=False),
    Column("created_by", Text, nullable=False),  # a platform user id
    Column("created_at", UtcDateTime, nullable=False),
    Column("next_team_number", Integer, nullable=False, server_default=text("1")),
    UniqueConstraint("name"),
    UniqueConstraint("platform", "channel_id"),
    UniqueConstraint("join_code"),
)

cohort_teams = Table(
    "cohort_teams",
    metadata,
    Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
    Column("cohort_id", Integer, ForeignKey("cohorts.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("joined_at", UtcDateTime, nullable=False),
    UniqueConstraint("cohort_id", "number"),
)

cohort_mentors = Table(
    "cohort_mentors",
    metadata,
    Column("cohort_id", Integer, ForeignKey("cohorts.id"), nullable=False),
    Column("user_id", Text, nullable=False),  # a platform user id
    Column("display_name", Text, nullable=False),
    Column("is_admin", Boolean, nullable=False, server_default=false()),
    Column("added_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("cohort_id", "user_id"),
)

# Publishing (0018) and the web view (0019): `storage.knowledge_tables`.
web_secret, web_links, team_publishing, publications = knowledge_tables.define(
    metadata, UtcDateTime
)
# Search (migration 0017): the BM25 index and /ask's drafts (`storage.search_tables`).
search_postings, search_df, search_stats, ask_drafts = search_tables.define(metadata, UtcDateTime)
