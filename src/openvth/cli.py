"""`openvth`: one entry point for operators, wrapping the Django management commands.

`openvth load-reference` runs the management command `load_reference`; any other Django command works too
(`openvth migrate`, `openvth check --deploy`).
"""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.conf.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) == 1:
        argv.append("help")
    execute_from_command_line(["openvth", *argv[1:]])


if __name__ == "__main__":
    main()
