"""Opens the window; imported lazily so that CLI subcommands never load Qt."""

from __future__ import annotations


def launch_gui(smoke: bool = False) -> int:
    from desktop_app.cli.output import print_error

    try:
        from desktop_app.gui.app import run
    except ImportError:
        print_error("图形界面尚未安装完整，请使用子命令（policy-desk --help）。")
        return 2
    return run(smoke=smoke)
