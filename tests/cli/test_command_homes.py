"""`casus where ...` builds only the family of commands it needs (issue 18, warm start).

``casus.cli.main`` looks the command up in ``COMMAND_HOMES`` and registers that
module alone; help, typos and the whole application (``casus.cli.app``) still see
every command. The table must say exactly what the modules register.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer

from casus import cli


def _registered(module: str) -> set[str]:
    app = typer.Typer()
    importlib.import_module(module).register(app)
    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands if c.callback}
    return names | {g.name for g in app.registered_groups if g.name}


def test_the_table_names_every_command_at_its_home():
    expected = {name: module for module in cli.COMMAND_MODULES for name in _registered(module)}
    assert expected == cli.COMMAND_HOMES


def test_a_command_starts_without_the_other_families():
    code = ("import sys\nsys.argv = ['casus', 'where', '--help']\nfrom casus.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('casus.cli.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Usage: casus where" in out
    loaded = out.strip().splitlines()[-1]
    assert "casus.cli.geo_commands" in loaded and "casus.cli.law_commands" not in loaded


def test_help_and_typos_see_every_command():
    for argv, words in ((["--help"], ["where", "assess", "build-cache", "export"]),
                        (["wehre"], ["No such command"])):
        done = subprocess.run([sys.executable, "-c", "from casus.cli import main; main()", *argv],
                              capture_output=True, text=True, check=False)
        for w in words:
            assert w in done.stdout + done.stderr


def _modules_after(argv: list[str]) -> set[str]:
    code = ("import sys\nsys.argv = ['casus', *sys.argv[1:]]\nfrom casus.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False)
    return set(done.stderr.strip().splitlines()[-1].split())


def test_help_and_version_load_no_models_and_no_numpy():
    for argv in (["--help"], ["--version"]):
        loaded = _modules_after(argv)
        assert "casus.cli" in loaded
        assert not loaded & {"numpy", "pydantic", "casus.kb.models"}, argv


def test_a_command_that_needs_no_geometry_reads_the_base_without_numpy():
    loaded = _modules_after(["members", "nato", "--on", "2023-04-05"])
    assert "casus.kb.models" in loaded and "numpy" not in loaded
    assert "numpy" in _modules_after(["where", "52.52", "13.40"])
