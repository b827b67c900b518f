"""The command line builds only the parser of the command it runs, and `parse` loads nothing it does not use."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices


@pytest.mark.parametrize(("argv", "command"), [
    (["parse", "稿.docx", "--json"], "parse"),
    (["--data-dir", "parse", "show", "1"], "show"),  # a folder named like a command is the folder
    (["--data-dir=D", "--quit-after-show", "list"], "list"),
    (["--help"], None), (["-h", "parse"], None), (["--version"], None),  # the whole command line's help
    (["--data", "D", "parse", "x"], None),  # an abbreviation argparse accepts: build them all, to be safe
    (["nonsense"], None), ([], None),
])
def test_the_command_is_read_before_argparse_only_when_that_is_certain(argv, command):
    import main

    assert main._command_named(argv) == command


def test_one_command_alone_has_the_same_options_and_help_as_in_the_whole_parser():
    import main

    whole = _subparsers(main.build_parser())
    for name, sub in whole.items():
        [alone] = _subparsers(main.build_parser(command=name)).values()
        assert alone.format_help() == sub.format_help(), name
        assert alone.get_default("writes_store") == sub.get_default("writes_store")


# What a parse must not load: the export, argparse's catalogues (locale), the store, and what costs a
# parse milliseconds for nothing it uses (dataclasses brings inspect, ast, dis and tokenize; lxml and
# typing; decimal, loaded by the first change rounded).
NOT_ON_THE_PARSE_PATH = ("export", "export.options", "locale", "sqlite3", "model.store", "dataclasses", "inspect",
                         "ast", "typing", "lxml", "lxml.etree", "docx", "decimal")


def _parse_in_a_child(tmp_path, draft) -> tuple[subprocess.CompletedProcess, list[str]]:
    probe = (
        "import sys, main\n"
        f"code = main.main(['--data-dir', {str(tmp_path)!r}, 'parse', {str(draft)!r}, '--json'])\n"
        f"print(' '.join(m for m in {NOT_ON_THE_PARSE_PATH!r} if m in sys.modules), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return done, done.stderr.splitlines()[-1].split()


def test_parse_runs_without_the_export_and_argparse_reads_no_catalogue(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text("2024年工作总结\n一、工作\n全年召开会议12次。\n", encoding="utf-8")
    done, loaded = _parse_in_a_child(tmp_path, draft)
    assert loaded == []
    data = json.loads(done.stdout)  # a pipe: one line, the same object
    assert len(done.stdout.strip().splitlines()) == 1 and data["nodes"][0]["fields"][0]["source"] == "12次"


def test_parse_of_a_docx_loads_none_of_what_it_does_not_use(tmp_path):
    done, loaded = _parse_in_a_child(tmp_path, FIXTURES / "typed_numbers.docx")
    assert loaded == []
    assert json.loads(done.stdout)["nodes"]


@pytest.mark.parametrize("fails", [False, True])
def test_a_command_runs_with_the_cycle_collector_paused_and_resumes_it_after(monkeypatch, fails):
    import gc

    import main

    seen = []

    def command(args):
        seen.append(gc.isenabled())
        if fails:
            raise main.CliError("不行。 / No.")
        return 0

    monkeypatch.setitem(main._COMMANDS, "list", command)
    assert gc.isenabled()
    assert main.main(["list"]) == (main.EXIT_BAD_INPUT if fails else 0)
    assert seen == [False]
    assert gc.isenabled()  # a test process (or a second main()) gets its collector back


def test_the_window_freezes_what_start_up_built_and_collects_again_after_its_first_paint():
    import gc

    from ui import app

    gc.disable()
    try:
        app.collect_from_now_on()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.parametrize(("argv", "frozen"), [(["list"], True), ([], False)])  # a command; the window
def test_the_program_freezes_what_a_command_built_before_its_exit_and_leaves_the_window_alone(
        monkeypatch, tmp_path, argv, frozen):
    import gc

    import main

    froze = []
    monkeypatch.setattr(gc, "freeze", lambda: froze.append(True))
    monkeypatch.setattr(main, "_run_window", lambda args: 0)
    monkeypatch.setattr(sys, "argv", ["main.py", "--data-dir", str(tmp_path), *argv])
    with pytest.raises(SystemExit) as exited:
        main.run_program()
    assert exited.value.code == 0
    assert froze == ([True] if frozen else [])
