"""Git remotes for the publishing tests: a local bare repository, and dulwich's own smart-HTTP
server (`dulwich.web`) in a thread on 127.0.0.1, port 0, with Basic auth and a switch that
refuses pushes with 403 (as a protected branch or a revoked token would)."""

from __future__ import annotations

import base64
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo
from dulwich.server import DictBackend
from dulwich.web import WSGIRequestHandlerLogger, WSGIServerLogger, make_server, make_wsgi_chain

OPENED: list[Repo] = []  # closed after each test (`tests/publish/conftest.py`)


def bare(tmp_path: Path, name: str = "remote.git") -> tuple[str, Repo]:
    path = tmp_path / name
    repo = Repo.init_bare(str(path), mkdir=True)
    OPENED.append(repo)
    return f"file://{path}", repo


@dataclass
class HttpRemote:
    url: str
    repo: Repo
    token: str
    refuse_push: bool = False
    requests: list[str] = field(default_factory=list)


@contextmanager
def http_remote(tmp_path: Path, token: str = "s3cret-token-1234") -> Iterator[HttpRemote]:
    repo = Repo.init_bare(str(tmp_path / "http.git"), mkdir=True)
    OPENED.append(repo)
    app = make_wsgi_chain(DictBackend({"/team/til.git": repo}))
    expected = "Basic " + base64.b64encode(f"x-access-token:{token}".encode()).decode()
    remote = HttpRemote("", repo, token)

    def guarded(environ: dict[str, Any], start: Any) -> Any:
        path = environ["PATH_INFO"] + "?" + environ.get("QUERY_STRING", "")
        remote.requests.append(f"{environ['REQUEST_METHOD']} {path}")
        if environ.get("HTTP_AUTHORIZATION") != expected:
            start("401 Unauthorized", [("WWW-Authenticate", 'Basic realm="git"')])
            return [b"credentials needed"]
        pushing = "receive-pack" in path
        if pushing and remote.refuse_push:
            start("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"pushing to this branch is not allowed"]
        return app(environ, start)

    server = make_server(
        "127.0.0.1",
        0,
        guarded,
        handler_class=WSGIRequestHandlerLogger,
        server_class=WSGIServerLogger,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    remote.url = f"http://127.0.0.1:{server.server_port}/team/til.git"
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def head(repo: Repo, branch: str = "main") -> Commit | None:
    ref = b"refs/heads/" + branch.encode()
    if ref not in repo.refs:
        return None
    commit = repo[repo.refs[ref]]
    assert isinstance(commit, Commit)
    return commit


def files(repo: Repo, branch: str = "main") -> dict[str, str]:
    """Path -> text of every file at the branch's head."""
    commit = head(repo, branch)
    if commit is None:
        return {}
    found: dict[str, str] = {}

    def walk(tree_id: bytes, prefix: str) -> None:
        tree = repo[tree_id]
        assert isinstance(tree, Tree)
        for entry in tree.items():
            name = prefix + entry.path.decode()
            if stat.S_ISDIR(entry.mode):
                walk(entry.sha, name + "/")
            else:
                blob = repo[entry.sha]
                assert isinstance(blob, Blob)
                found[name] = blob.data.decode()

    walk(commit.tree, "")
    return found


def someone_elses_commit(repo: Repo, path: str, text: str, branch: str = "main") -> bytes:
    """A commit by someone else on the branch (on top of its head), adding `path`."""
    parent = head(repo, branch)
    blob = Blob.from_string(text.encode())
    tree = Tree()
    if parent is not None:
        old = repo[parent.tree]
        assert isinstance(old, Tree)
        for entry in old.items():
            tree.add(entry.path, entry.mode, entry.sha)
    tree.add(path.encode(), stat.S_IFREG | 0o644, blob.id)
    commit = Commit()
    commit.tree = tree.id
    commit.parents = [parent.id] if parent is not None else []
    commit.author = commit.committer = b"Lee <lee@example.com>"
    commit.author_time = commit.commit_time = 1628500000
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"README by hand\n"
    for thing in (blob, tree, commit):
        repo.object_store.add_object(thing)
    repo.refs[b"refs/heads/" + branch.encode()] = commit.id
    return commit.id


@dataclass
class SshRemote:
    """A bare repository reached through a stand-in for the `ssh` command: `command` is what
    `GIT_SSH_COMMAND` names; every run of it is logged (its arguments) in `log`."""

    repo: Repo
    path: Path
    command: str
    log: Path

    def runs(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [line.split("\x1f") for line in self.log.read_text("utf-8").splitlines()]


SSH_STAND_IN = '''#!{python}
"""A stand-in for `ssh [options] host command`: the command runs here, with the environment
that `-o SetEnv` gives it, as sshd would run it on the server (git-upload-pack / receive-pack)."""
import os, sys
args = sys.argv[1:]
with open({log!r}, "a", encoding="utf-8") as log:
    log.write("\\x1f".join(args) + "\\n")
env, i = dict(os.environ), 0
while i < len(args) - 2:
    if args[i] == "-o" and args[i + 1].startswith("SetEnv "):
        key, _, value = args[i + 1][len("SetEnv "):].partition("=")
        env[key] = value
    i += 2 if args[i] in ("-o", "-p", "-i", "-l") else 1
os.execvpe("sh", ["sh", "-c", args[-1]], env)
'''


def ssh_remote(tmp_path: Path) -> SshRemote:
    import sys

    path = tmp_path / "over-ssh.git"
    repo = Repo.init_bare(str(path), mkdir=True)
    OPENED.append(repo)
    log = tmp_path / "ssh.log"
    script = tmp_path / "fake-ssh"
    script.write_text(SSH_STAND_IN.format(python=sys.executable, log=str(log)), "utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return SshRemote(repo, path, f"{script} -o BatchMode=yes", log)
