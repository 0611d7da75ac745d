"""The team's TIL repository through dulwich: fetch the branch, lay our files on its head, push.

Blocking I/O throughout: the core calls `DulwichRemote.publish` in a worker thread. The working
copy is a bare repository under the data directory, one per team (`<data>/publish/team-<id>.git`):
only objects, no checkout, so a publish writes no files a person could edit by hand, and a fetch
brings only what is new since the last one. A working copy that is gone or unreadable is made
again (an empty bare repository, then a fetch: the same as cloning again).

The strategy when the remote moved on is rebase-like: our files are put on top of the remote's
head (a new commit whose parent is that head, its tree that head's tree with our files written
in), so the other commit is kept and no merge commit appears. A push refused as not a fast-forward
(someone pushed between our fetch and our push) is tried again from a new fetch, `ATTEMPTS` times.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dulwich.client import HTTPUnauthorized, get_transport_and_path
from dulwich.errors import GitProtocolError, HangupException, NotGitRepository
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.repo import Repo

from bot.publish.ports import PushOutcome, PushRefused, PushRequest

ATTEMPTS = 3  # fetch-and-push rounds against a remote that keeps moving on
DEFAULT_USERNAME = "x-access-token"  # the user name GitHub and others take with a token


class DulwichRemote:
    """`GitRemote` on dulwich, with one bare working copy per team under `root`."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def publish(self, request: PushRequest) -> PushOutcome:
        """Fetch, commit `request.files` on the remote head unless nothing changes, push."""
        if request.token and not _safe_for_a_token(request.url):
            raise PushRefused(
                "a token is sent only over https:// (or plain http:// to this machine): "
                "change the team's repo: address"
            )
        repo = self._working_copy(request.team_id)
        try:
            return _publish(repo, request)
        except PushRefused:
            raise
        except HTTPUnauthorized:
            raise PushRefused(_redact("the remote refused our credentials", request)) from None
        except (GitProtocolError, HangupException, OSError, ValueError, KeyError) as error:
            raise PushRefused(_redact(f"{type(error).__name__}: {error}", request)) from None
        finally:
            repo.close()

    def _working_copy(self, team_id: int) -> Repo:
        path = self._root / f"team-{team_id}.git"
        try:
            repo = Repo(str(path))
            repo.refs.as_dict()  # a repository whose refs cannot be read is as good as gone
            return repo
        except (NotGitRepository, OSError, ValueError, KeyError):
            _remove(path)
        path.mkdir(parents=True, exist_ok=True)
        return Repo.init_bare(str(path))


def _safe_for_a_token(url: str) -> bool:
    """Not plain http:// to another machine, where the token would cross the network in clear.
    (An SSH or local remote is never sent the token at all: `_connection_options`.)"""
    parts = urlsplit(url)
    if parts.scheme != "http":
        return True
    host = (parts.hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _publish(repo: Repo, request: PushRequest) -> PushOutcome:
    client, path = get_transport_and_path(request.url, **_connection_options(request))
    ref = b"refs/heads/" + request.branch.encode()
    last = "no attempt"
    for _ in range(ATTEMPTS):
        head = _fetch(client, path, repo, ref)
        tree = _tree_with(repo, head, request.files)
        base_tree = repo[head].tree if head is not None else None  # type: ignore[attr-defined]
        if tree == base_tree:
            return PushOutcome(changed=False, sha=_sha(head))
        commit = _commit(repo, head, tree, request)
        status = _push(client, path, repo, ref, head, commit)
        if status is None:
            return PushOutcome(changed=True, sha=commit.decode())
        last = status
    raise PushRefused(_redact(f"the remote refused the push {ATTEMPTS} times: {last}", request))


def _connection_options(request: PushRequest) -> dict[str, Any]:
    """HTTP(S): the token as the password. SSH: no token (keys do that), and the `ssh` command
    `GIT_SSH_COMMAND` (else `GIT_SSH`) names, as git itself takes it, e.g. `ssh -i key`."""
    if urlsplit(request.url).scheme in ("http", "https"):
        if not request.token:
            return {}
        return {"username": request.username or DEFAULT_USERNAME, "password": request.token}
    if is_ssh(request.url):
        command = os.environ.get("GIT_SSH_COMMAND") or os.environ.get("GIT_SSH")
        return {"ssh_command": command} if command else {}
    return {}


def is_ssh(url: str) -> bool:
    """`ssh://host/path`, `git+ssh://…` or git's short form `user@host:path`."""
    scheme = urlsplit(url).scheme
    if scheme:
        return scheme in ("ssh", "git+ssh", "ssh+git") or (len(scheme) > 1 and "://" not in url)
    return ":" in url.split("/", 1)[0]


def _fetch(client: Any, path: str, repo: Repo, ref: bytes) -> ObjectID | None:
    """The remote branch's head, its objects fetched into `repo`; None for an empty branch."""

    def wants(refs: dict[bytes, bytes], depth: int | None = None, **_: Any) -> list[bytes]:
        head = refs.get(ref)
        return [head] if head is not None and ObjectID(head) not in repo.object_store else []

    result = client.fetch(path, repo, determine_wants=wants)
    head = result.refs.get(ref)
    return None if head is None else ObjectID(head)


def _tree_with(repo: Repo, head: ObjectID | None, files: dict[str, bytes]) -> ObjectID:
    """The head's tree with `files` (`a/b/c.md` paths) written in; stored, its id returned."""
    root: dict[str, Any] = {}
    if head is not None:
        root = _load(repo, repo[head].tree)  # type: ignore[attr-defined]
    for name, content in files.items():
        *dirs, leaf = name.split("/")
        node = root
        for part in dirs:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        blob = Blob.from_string(content)
        repo.object_store.add_object(blob)
        node[leaf] = (stat.S_IFREG | 0o644, blob.id)
    return _store(repo, root)


def _load(repo: Repo, tree_id: ObjectID) -> dict[str, Any]:
    """A tree as nested dicts: a directory is a dict, anything else `(mode, sha)` as it was."""
    tree = repo[tree_id]
    assert isinstance(tree, Tree)
    out: dict[str, Any] = {}
    for entry in tree.items():
        assert entry.path is not None and entry.mode is not None and entry.sha is not None
        name = entry.path.decode("utf-8", "surrogateescape")
        out[name] = _load(repo, entry.sha) if stat.S_ISDIR(entry.mode) else (entry.mode, entry.sha)
    return out


def _store(repo: Repo, node: dict[str, Any]) -> ObjectID:
    tree = Tree()
    for name, value in node.items():
        if isinstance(value, dict):
            tree.add(name.encode("utf-8", "surrogateescape"), stat.S_IFDIR, _store(repo, value))
        else:
            tree.add(name.encode("utf-8", "surrogateescape"), value[0], value[1])
    repo.object_store.add_object(tree)
    return tree.id


def _commit(repo: Repo, head: ObjectID | None, tree: ObjectID, request: PushRequest) -> ObjectID:
    commit = Commit()
    commit.tree = tree
    commit.parents = [head] if head is not None else []
    commit.author = commit.committer = request.author.encode()
    commit.author_time = commit.commit_time = int(
        request.at.timestamp() if request.at else time.time()
    )
    commit.author_timezone = commit.commit_timezone = 0
    commit.encoding = b"UTF-8"
    commit.message = request.message.encode() + b"\n"
    repo.object_store.add_object(commit)
    return commit.id


def _push(
    client: Any, path: str, repo: Repo, ref: bytes, head: ObjectID | None, commit: ObjectID
) -> str | None:
    """Push `commit` to `ref` if the remote is still at `head`; None when it took it, else why."""
    moved: list[str] = []

    def update_refs(refs: dict[bytes, bytes]) -> dict[bytes, bytes]:
        if refs.get(ref) != head:
            moved.append("the remote moved on since our fetch")
            return dict(refs)  # nothing to change: we fetch again
        return {**refs, ref: commit}

    result = client.send_pack(path, update_refs, repo.generate_pack_data)
    if moved:
        return moved[0]
    status = (result.ref_status or {}).get(ref)
    return None if status is None else str(status)


def _sha(head: ObjectID | None) -> str | None:
    return None if head is None else head.decode()


def _redact(text: str, request: PushRequest) -> str:
    """Nothing of the token in an error that may be stored, logged or shown."""
    if request.token:
        text = text.replace(request.token, "***")
    return text[:500]


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink()
