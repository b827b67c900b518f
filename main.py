"""ReportDesk (报告编制助手): with no arguments the window, with a subcommand the command line.

The command line never imports Qt: it stays fast and runs on a machine with
no screen.  Output is JSON or plain text on stdout; messages go to stderr;
bad input exits with code 2 and one clear line, never a traceback.

A command that writes to the store says so where it is declared
(``writes_store(parser)``) and holds the data folder's lock while it runs:
while a window holds the folder it is refused with exit 2, so the window's copy
and the file never disagree, and a window opened meanwhile is refused in turn
(its --dry-run, which writes nothing, takes no lock).
"""

from __future__ import annotations

import gc

if __name__ == "__main__":
    gc.disable()  # from the first import on, as main() does (its docstring says why)

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

VERSION = "0.2.0"
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141  # as a program killed by SIGPIPE would exit

class CliError(Exception):
    """A problem the user can fix; the message is one line, Chinese then English."""


# argparse's own words, in Chinese (it looks them up through its module-level ``_``).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r（应为 %(type)s）",
    "expected one argument": "需要一个值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s。请用 --help 查看用法。\n",
}


def writes_store(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Mark a (sub)command as one that writes to the store: refused while a window holds the folder."""
    parser.set_defaults(writes_store=parser.prog.split(" ", 1)[-1])  # its name, for the message
    return parser


def _speak_chinese(argparse_module) -> None:
    # once per process: ``main()`` run again in one process (tests, fuzzing) must not stack wrappers
    original = getattr(argparse_module, "_reportdesk_gettext", argparse_module._)
    argparse_module._reportdesk_gettext = original
    # the Chinese words first: gettext is asked only for the rest (each ask searches the disk for catalogues)
    argparse_module._ = lambda text: _ARGPARSE_ZH[text] if text in _ARGPARSE_ZH else original(text)


def build_parser(with_commands: bool = True, command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; without its commands for opening the window (faster start-up), and
    with ``command`` alone when the command line names it (its options are all argparse then reads)."""
    _speak_chinese(argparse)
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="报告编制助手 ReportDesk：从上年稿到正式公文格式的 Word 文件。"
        " 不带子命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"ReportDesk {VERSION}",
                        help="显示版本号并退出")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="数据文件夹（默认：系统用户数据目录，或环境变量 REPORTDESK_DATA_DIR）")
    parser.add_argument("--quit-after-show", action="store_true",
                        help="打开窗口，首次绘制后立即退出（启动检查用）")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, add in _SUBCOMMANDS.items():
        if command is None or name == command:
            add(sub)
    return parser


def _parse_command(sub) -> None:
    p = sub.add_parser("parse", help="显示草稿中识别出的提纲和指标（不保存）")
    p.add_argument("draft", metavar="DRAFT", help=".docx / .txt（有转换器时也可 .doc/.wps/.odt）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--year", type=int, help="报告年度（默认从标题读取）")


def _import_command(sub) -> None:
    p = writes_store(sub.add_parser("import", help="把草稿存为报告；最后一行输出新报告编号"))
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("--year", type=int, help="报告年度（默认从标题读取）")


def _list_command(sub) -> None:
    p = sub.add_parser("list", help="列出已保存的报告")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def _show_command(sub) -> None:
    p = sub.add_parser("show", help="显示一份已保存的报告")
    p.add_argument("id", type=int, metavar="ID", help="报告编号（见 list）")
    p.add_argument("--json", action="store_true", help="输出 JSON（与 parse 同形，指标另含 last_value）")


def _export_command(sub) -> None:
    from export.options import BLANK_MODES, HIGHLIGHT  # loaded with this command's parser alone

    p = sub.add_parser("export", help="导出正式公文格式的 Word 文件")
    p.add_argument("id", type=int, metavar="ID", help="报告编号（见 list）")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx", help="输出文件")
    p.add_argument("--blank", choices=BLANK_MODES, default=HIGHLIGHT,
                   help="未填指标：highlight 黄底 X（默认）；underline 下划线空白；stop 有未填则不导出")
    p.add_argument("--end-block", action="store_true", help="文末加落款（单位名称和日期，右对齐）")
    p.add_argument("--organisation", metavar="单位", help="落款单位（默认：报告信息中的单位）")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="落款日期（默认：今天）")


def _check_command(sub) -> None:
    p = sub.add_parser("check", help="列出必须处理和请核实的内容；有必须处理的问题时退出码为 1")
    p.add_argument("id", type=int, metavar="ID", help="报告编号（见 list）")
    p.add_argument("--json", action="store_true", help="输出 JSON（每项含 kind、severity、node_number、fid、message、dismissed）")


def _rollover_command(sub) -> None:
    p = writes_store(sub.add_parser("rollover", help="由本报告生成下一年度报告；最后一行输出新报告编号"))
    p.add_argument("id", type=int, metavar="ID", help="报告编号（见 list）")
    p.add_argument("--year", type=int, required=True, help="新报告的年度")
    p.add_argument("--dry-run", action="store_true", help="只列出将替换的年份，不保存")
    p.add_argument("--json", action="store_true", help="与 --dry-run 同用：以 JSON 列出替换")


def _fields_command(sub) -> None:
    fields = sub.add_parser("fields", help="部门填报表：导出指标到 .xlsx，填写后导回").add_subparsers(
        dest="fields_command", metavar="操作", required=True)
    p = fields.add_parser("export", help="导出填报表（.xlsx）")
    p.add_argument("id", type=int, metavar="ID", help="报告编号（见 list）")
    p.add_argument("-o", "--output", required=True, metavar="BOOK.xlsx", help="输出文件")
    p.add_argument("--blank-only", action="store_true", help="只列未填的指标")
    p.add_argument("--by-department", action="store_true", help="每个部门一张工作表")
    p = writes_store(fields.add_parser("import", help="按编号导回填报表中的数值；有被拒绝的行时退出码为 1"))
    p.add_argument("id", type=int, metavar="ID", help="报告编号（见 list）")
    p.add_argument("book", metavar="BOOK.xlsx", help="填写好的填报表")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出结果，不保存")


_SUBCOMMANDS = {
    "parse": _parse_command,
    "import": _import_command,
    "list": _list_command,
    "show": _show_command,
    "export": _export_command,
    "check": _check_command,
    "rollover": _rollover_command,
    "fields": _fields_command,
}


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD，例如 2026-01-10（收到 {text!r}）") from None


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names, or open the window; the exit code.

    The cyclic garbage collector is paused meanwhile: a command, and the window's start, make objects
    that live until they end and free them by reference counts, so its 30 to 70 passes over them found
    nothing and cost a twentieth of the time (measured on a parse and a start; the peak memory of a
    9.9 MB document is the same).  The window resumes collecting once it has painted (ui.app).
    """
    gc.disable()
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    finally:
        gc.enable()


def _main(argv: list[str]) -> int:
    with_commands = bool(set(argv) & {*_COMMANDS, "-h", "--help", "--version"})
    args = build_parser(with_commands, _command_named(argv)).parse_args(argv)
    if args.command is None:
        return _run_window(args)
    _utf8_stdio()
    try:
        if getattr(args, "writes_store", False) and not getattr(args, "dry_run", False):
            with _holding_the_folder(args):
                return _COMMANDS[args.command](args)
        return _COMMANDS[args.command](args)
    except BrokenPipeError:
        # The reader went away (``… | head``): not an error of ours, and nothing more to say.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except CliError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into a message
        known = _known_error(exc)
        if known:
            print(known, file=sys.stderr)
        else:
            log = _write_crash_log(args)
            print(f"内部错误：{exc}。详细信息已写入 {log}，请发给技术支持。 / Internal error; details in {log}.",
                  file=sys.stderr)
        return EXIT_BAD_INPUT


def _command_named(argv: list[str]) -> str | None:
    """The subcommand ``argv`` runs, read before argparse so that only its parser is built; None
    (build them all) when anything before it is not plainly a global option, or asks for help."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word == "--data-dir":
            at += 2
        elif word == "--quit-after-show" or word.startswith("--data-dir="):
            at += 1
        else:
            return word if word in _SUBCOMMANDS else None  # "-h", "--version", an abbreviation: all
    return None


def _run_window(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(Path(args.data_dir) if args.data_dir else None, quit_after_show=args.quit_after_show)


def _known_error(exc: Exception) -> str | None:
    """The message of an error the core raises on purpose (bad file, damaged store, locked output)."""
    from model.errors import ReportDeskError

    return str(exc) if isinstance(exc, ReportDeskError) else None


@contextmanager
def _holding_the_folder(args: argparse.Namespace):
    """The data folder's lock for a writing command, for as long as it runs; refused while a window holds it.

    Another command holding it is waited for (commands started together take turns).
    """
    from model.lock import COMMAND_WAIT_S, StoreLocked, WindowLock
    from model.paths import data_dir

    folder = data_dir(args.data_dir)
    lock = WindowLock(folder, args.writes_store)
    try:
        lock.acquire(wait_for_commands=COMMAND_WAIT_S)
    except StoreLocked as exc:
        if not exc.by_window:
            raise
        who = f"（进程 {exc.pid}）" if exc.pid else ""
        raise CliError(f"数据文件夹 {folder} 正在窗口中打开{who}，命令行不能同时写入。"
                       f"请先关闭那个窗口，再运行 {args.writes_store}。"
                       f" / The data folder is open in a window; close it before running {args.writes_store}.") from exc
    try:
        yield
    finally:
        lock.release()


def _write_crash_log(args: argparse.Namespace) -> Path | str:
    import traceback

    from model.paths import write_error_log

    return write_error_log(args.data_dir, traceback.format_exc(), "crash") or "（无法写入日志）"


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


# -- the commands ---------------------------------------------------------------


def _open_store(args: argparse.Namespace):
    from model.workspace import open_workspace

    return open_workspace(Path(args.data_dir) if args.data_dir else None)


def _read(args: argparse.Namespace):
    from model.draft import read_draft

    notes: list[str] = []
    report = read_draft(Path(args.draft), year=args.year, notes=notes)
    for note in notes:
        print(note, file=sys.stderr)
    return report


def _print_json(obj) -> None:
    """Indented for a person at a terminal, one line for a program reading a pipe: json indents in
    pure Python, and that took ``parse --json`` of a short draft longer than reading the file."""
    import json

    print(json.dumps(obj, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None))


def _print_outline(report) -> None:
    from model.report_json import report_to_json

    data = report_to_json(report)
    print(f"{data['title']}（{data['year'] or '年度未知'}）")

    def visit(nodes, depth):
        for n in nodes:
            head = n["heading"] or n["text"][:30]
            blanks = sum(1 for f in n["fields"] if f["value"] is None)
            extra = f"  [指标 {len(n['fields'])}，未填 {blanks}]" if n["fields"] else ""
            print(f"{'  ' * depth}{n['number']}{head}{extra}")
            visit(n["children"], depth + 1)

    visit(data["nodes"], 0)


def cmd_parse(args) -> int:
    report = _read(args)
    if args.json:
        from model.report_json import report_to_json

        _print_json(report_to_json(report))
    else:
        _print_outline(report)
    return 0


def cmd_import(args) -> int:
    report = _read(args)
    store = _open_store(args)
    try:
        report_id = store.add_report(report)
    finally:
        store.close()
    fields = sum(1 for _ in report.all_fields())
    print(f"已导入：{report.title}（指标 {fields} 个） / imported", file=sys.stderr)
    print(report_id)
    return 0


def cmd_list(args) -> int:
    store = _open_store(args)
    try:
        rows = store.list_reports()
    finally:
        store.close()
    if args.json:
        _print_json([vars(r) for r in rows])
        return 0
    from export.title import single_line  # a title may hold the clerk's line break: one row a report

    for r in rows:
        print(f"{r.id}\t{r.year or ''}\t{single_line(r.title)}\t指标 {r.fields}，未填 {r.blanks}\t{r.modified}")
    return 0


def _load(args):
    store = _open_store(args)
    try:
        return store.load_report(args.id)
    finally:
        store.close()


def cmd_show(args) -> int:
    report = _load(args)
    if args.json:
        from model.report_json import report_to_json

        _print_json(report_to_json(report, with_last_value=True))
    else:
        _print_outline(report)
    return 0


def cmd_export(args) -> int:
    from datetime import date

    from export.word import ExportOptions, export_docx

    store = _open_store(args)
    try:
        report = store.load_report(args.id)
        options = ExportOptions(
            blank_mode=args.blank,
            end_block=args.end_block,
            organisation=args.organisation if args.organisation is not None else report.organisation,
            date=args.date or date.today(),
        )
        out = export_docx(report, Path(args.output), options)
        _keep_export_version(args, store, report, out)
    finally:
        store.close()
    print(f"已导出：{out} / exported", file=sys.stderr)
    print(out)
    return 0


def _keep_export_version(args, store, report, out: Path) -> None:
    """A version of what was exported, under the folder's lock; not while a window holds it (the window keeps its own)."""
    import sqlite3

    from model.errors import StoreError
    from model.lock import COMMAND_WAIT_S, StoreLocked, WindowLock
    from model.paths import data_dir
    from model.versions import save_version

    lock = WindowLock(data_dir(args.data_dir), "export")
    try:
        lock.acquire(wait_for_commands=COMMAND_WAIT_S)
        try:
            save_version(store, report, f"导出 {out.name}", "export")
        finally:
            lock.release()
    except StoreLocked as exc:
        if not exc.by_window:
            print(f"提示：未能保存导出时的版本（{exc}） / The export version was not kept.", file=sys.stderr)
    except (StoreError, sqlite3.Error) as exc:  # the file is written: say so, but exit 0
        print(f"提示：未能保存导出时的版本（{exc}）。 / The export version was not kept.", file=sys.stderr)


def cmd_check(args) -> int:
    from model.checks import MUST, SEVERITY_TITLES, VERIFY, must_fix, readiness

    store = _open_store(args)
    try:
        report = store.load_report(args.id)
        problems = readiness(report, store.dismissed_keys(report.id))  # 这是对的 in the window: hidden here
    finally:
        store.close()
    must = must_fix(problems)
    hidden = sum(p.dismissed for p in problems)
    if args.json:
        _print_json([p.as_json() for p in problems])
    else:
        for severity in (MUST, VERIFY):
            group = [p for p in problems if p.severity == severity and not p.dismissed]
            if group:
                print(f"{SEVERITY_TITLES[severity]}（{len(group)}）")
                print("\n".join(f"  {p.message}" for p in group))
        if hidden:
            print(f"另有{hidden}条已确认，未列出")
    verify = len(problems) - len(must) - hidden
    print(f"必须处理 {len(must)} 处，请核实 {verify} 处。 / {len(must)} to fix, {verify} to verify.", file=sys.stderr)
    return 1 if must else 0


def cmd_rollover(args) -> int:
    from model.rollover import roll_over, rollover_plan

    store = _open_store(args)
    try:
        if args.dry_run:
            plan = rollover_plan(store.load_report(args.id), args.year)
            if args.json:
                _print_json([vars(r) for r in plan])
            for r in [] if args.json else plan:
                print(f"{r.index}\t{r.where}\t{r.before}年 → {r.after}年\t{r.context}")
            print(f"将替换 {len(plan)} 处年份，未保存。 / {len(plan)} replacement(s), nothing stored.", file=sys.stderr)
            return 0
        new = roll_over(store.load_report(args.id), args.year)
        new_id = store.add_report(new)
    finally:
        store.close()
    print(f"已生成 {args.year} 年度报告：{new.title} / rolled over", file=sys.stderr)
    print(new_id)
    return 0


def cmd_fields(args) -> int:
    from model.workbook import apply_workbook, export_workbook, read_workbook

    if args.fields_command == "export":
        report = _load(args)
        out = export_workbook(report, Path(args.output), args.blank_only, args.by_department)
        print(f"已导出填报表：{out} / exported", file=sys.stderr)
        print(out)
        return 0
    store = _open_store(args)
    try:
        report = store.load_report(args.id)
        result = read_workbook(report, Path(args.book))
        for r in result.refused:
            print(f"拒绝：{r.sheet} 第{r.row}行（编号 {r.fid if r.fid is not None else '？'}）：{r.reason}")
        if not args.dry_run and result.applied:
            with store.atomic():  # every applied row, or none
                for node, f in apply_workbook(report, result):
                    store.save_field(report.id, node.id, f)
    finally:
        store.close()
    done = "可导入" if args.dry_run else "已导入"
    print(f"{done} {len(result.applied)} 项，拒绝 {len(result.refused)} 项"
          f"{'（未保存）' if args.dry_run else ''}。 / {len(result.applied)} applied, {len(result.refused)} refused.")
    return 1 if result.refused else 0


_COMMANDS = {
    "parse": cmd_parse, "import": cmd_import, "list": cmd_list, "show": cmd_show,
    "export": cmd_export, "check": cmd_check, "rollover": cmd_rollover, "fields": cmd_fields,
}


def run_program() -> None:
    """main.py run as the program (the installed one runs it as ``__main__``): the command, then the exit.

    A command's process ends with it, so what the command built is frozen out of the interpreter's
    last collection at exit, which would otherwise walk every object once more only to find them
    freed by their reference counts (11 ms of an 85 ms ``parse``).  Nothing waits for that
    collection: every command closes the files, the store and the lock it opens.  The window's
    exit is left as it was (Qt tears its objects down in its own order).
    """
    argv = sys.argv[1:]
    code = main(argv)
    if _command_named(argv) is not None:
        gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run_program()
