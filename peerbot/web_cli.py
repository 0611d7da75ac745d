"""`peerbot web`: the read-only web view alone (no chat adapter), until SIGINT or SIGTERM.

`peerbot run` serves the same pages beside the platform adapters when PEERBOT_WEB_PORT is set;
this command serves them on their own (a console-only set-up, or a separate process)."""

from __future__ import annotations

import logging

import click

from peerbot.bootstrap import Runtime, web_server
from peerbot.runner import load_settings, run_with_runtime
from peerbot.shutdown import StopRequest

log = logging.getLogger("peerbot")


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="PEERBOT_WEB_PORT.")
@click.option("--host", default=None, help="PEERBOT_WEB_HOST (default 127.0.0.1).")
def web(port: int | None, host: str | None) -> None:
    """Serve the teams' read-only web pages; /team web gives each member a link."""
    stop = StopRequest()
    stop.install()
    settings = load_settings()
    if port is not None:
        settings.web_port = port
    if host is not None:
        settings.web_host = host
    if settings.web_port is None:
        raise click.ClickException("set PEERBOT_WEB_PORT (or give --port) to serve the web view")

    async def work(runtime: Runtime) -> None:
        server = web_server(runtime, settings)
        assert server is not None
        try:
            if await stop.unless_stopped(server.start()):
                await stop.wait()
        finally:
            await server.close()
        log.info("the web view stopped")

    run_with_runtime(work, settings)
