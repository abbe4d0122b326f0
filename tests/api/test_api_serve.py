"""`casus serve`: loopback by default, and a clear exit 2 when the port is taken."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from casus.cli import app
from casus.cli.serve_command import _is_loopback


def test_serve_defaults_to_loopback_8000():
    import inspect

    from casus.cli import serve_command

    src = inspect.getsource(serve_command)
    assert '= "127.0.0.1"' in src and "= 8000" in src
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.4")


def test_serve_refuses_a_busy_port_with_exit_2():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1" in result.output and "--port" in result.output


def test_serve_refuses_a_bad_log_level():
    result = CliRunner().invoke(app, ["serve", "--log-level", "loud"])
    assert result.exit_code == 2
    assert "--log-level" in result.output
