"""A console restarted after days off says in one line which reminders it skipped."""

from pathlib import Path

from tests.e2e.test_console_cli import peerbot

SETUP = (
    "@ 2021-08-09 13:00\n"
    "kim: /team setup start:2021-08-02 name:study lang:en\n"
    "kim: /team settings office_hours:17:00\n"
)


def test_a_console_restarted_days_later_prints_one_line_for_the_skipped_reminders(
    tmp_path: Path,
):
    assert peerbot(tmp_path, "console", "--strict", stdin=SETUP).returncode == 0
    restarted = peerbot(tmp_path, "console", stdin="@ 2021-08-13 23:00\n")
    assert restarted.returncode == 0, restarted.stderr
    skipped = [line for line in restarted.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1, restarted.stderr
    assert "skipped 15 reminder(s) missed while the bot was not running" in skipped[0]
    assert "team study: 5 session (2021-08-09, 2021-08-10, 2021-08-11, ...)" in skipped[0]
    assert "1 digest (week2)" in skipped[0]
    assert "Time for the retrospective of Fri 2021-08-13" in restarted.stdout  # within grace


def test_a_question_held_back_by_asked_before_is_posted_after_a_restart(tmp_path: Path):
    held = (
        SETUP + "kim: /ask SVD의 singular value는 정렬된 값인가요\n"
        "lee: /ask singular value가 SVD에서 정렬되어 있나요\n"
    )
    first = peerbot(tmp_path, "console", "--strict", stdin=held)
    assert first.returncode == 0, first.stderr
    assert "Was this asked before?" in first.stdout and "/post 1" in first.stdout
    restarted = peerbot(tmp_path, "console", "--strict", stdin="lee: /post 1\n")
    assert restarted.returncode == 0, restarted.stderr
    assert "#2" in restarted.stdout and "정렬되어 있나요" in restarted.stdout
